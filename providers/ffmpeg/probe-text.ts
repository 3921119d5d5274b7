/** `generate text -i clip.mp4 -p ffmpeg`: the file's metadata (ffprobe) as pretty JSON on stdout. */
import type { GenerateRequest, GenerateResult, ProviderContext } from '../../src/plugin/types.js';
import { probeMedia } from '../../src/media/probe.js';
import type { MediaTools } from '../../src/media/tools.js';
import { localInput } from './tools.js';

export async function probeAsText(request: GenerateRequest, ctx: ProviderContext, tools: MediaTools): Promise<GenerateResult> {
  const input = await localInput(request, ctx);
  const info = await probeMedia(tools, input.path);
  const summary = {
    file: input.name,
    format: info.formatName,
    ...(info.durationSeconds !== undefined ? { durationSeconds: info.durationSeconds } : {}),
    ...(info.bytes !== undefined ? { bytes: info.bytes } : {}),
    ...(info.bitRate !== undefined ? { bitRate: info.bitRate } : {}),
    isImage: info.isImage,
    ...(info.video ? { video: info.video } : {}),
    ...(info.audio ? { audio: info.audio } : {}),
    ffprobe: info.raw,
  };
  return { assets: [{ kind: 'text', mediaType: 'application/json', text: `${JSON.stringify(summary, null, 2)}\n`, fileName: 'probe.json' }], costUsd: 0 };
}
