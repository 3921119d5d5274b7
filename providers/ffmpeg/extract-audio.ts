/** video-to-audio: the clip's first audio track, re-encoded to --format (mp3 unless asked). */
import type { GenerateRequest, GenerateResult, ProviderContext } from '../../src/plugin/types.js';
import { InputError } from '../../src/errors.js';
import { probeMedia } from '../../src/media/probe.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import type { MediaTools } from '../../src/media/tools.js';
import { localInput, percentReporter, pickFormat, tempOutput } from './tools.js';
import { rangeArgs, rangeLength } from './range.js';

export async function extractAudio(request: GenerateRequest, ctx: ProviderContext, tools: MediaTools): Promise<GenerateResult> {
  const input = await localInput(request, ctx);
  const info = await probeMedia(tools, input.path);
  if (!info.audio) throw new InputError(`${input.name} has no audio track`, { hint: 'ffprobe it: automarket generate text -p ffmpeg -i <file>' });
  const format = pickFormat(request.format, 'audio', 'mp3');
  const out = tempOutput(ctx, format.ext);
  const length = rangeLength(info, request, input.name);
  await runFfmpeg(
    tools,
    [...rangeArgs(request), '-i', input.path, '-map', '0:a:0', '-vn', '-sn', '-dn', ...(format.audio ?? []), ...(format.extra ?? []), '-f', format.muxer, out],
    { durationSeconds: length, onPercent: percentReporter(ctx), what: 'extracting audio', debug: ctx.debug },
  );
  const result = await probeMedia(tools, out);
  return {
    assets: [{ kind: 'audio', mediaType: format.mediaType, filePath: out, fileName: `audio.${format.ext}`, durationSeconds: result.durationSeconds }],
    costUsd: 0,
    metadata: { source: input.name, codec: result.audio?.codec },
  };
}
