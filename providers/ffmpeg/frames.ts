/**
 * video-to-image: one frame at --at (default: the middle of the clip), or -n frames spread evenly
 * (from --at when given) so a contact sheet or thumbnails come out in one call.
 */
import { existsSync } from 'node:fs';
import type { AssetSource, GenerateRequest, GenerateResult, ProviderContext } from '../../src/plugin/types.js';
import { InputError, ProviderError } from '../../src/errors.js';
import { probeMedia } from '../../src/media/probe.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { coverFilter } from '../../src/media/filters.js';
import type { MediaTools } from '../../src/media/tools.js';
import { localInput, pickFormat, tempOutput } from './tools.js';

export async function extractFrames(request: GenerateRequest, ctx: ProviderContext, tools: MediaTools): Promise<GenerateResult> {
  const input = await localInput(request, ctx);
  const info = await probeMedia(tools, input.path);
  if (!info.video) throw new InputError(`${input.name} has no video track`, { hint: 'pass a video file with -i' });
  const format = pickFormat(request.format, 'image', 'png');
  const times = frameTimes(info.durationSeconds ?? 0, info.video.fps, request.count, request.atSeconds, input.name);
  const assets: AssetSource[] = [];
  for (const [i, at] of times.entries()) {
    if (request.signal.aborted) break;
    ctx.progress({ phase: 'running', percent: Math.floor((i / times.length) * 100), log: `frame at ${at.toFixed(2)} s` });
    const out = tempOutput(ctx, format.ext);
    const filters = request.size ? ['-vf', coverFilter(request.size)] : [];
    await runFfmpeg(tools, ['-ss', at.toFixed(3), '-i', input.path, '-map', '0:v:0', '-frames:v', '1', '-an', '-sn', ...filters, ...(format.video ?? []), ...(format.extra ?? []), '-f', format.muxer, out], {
      what: `extracting the frame at ${at.toFixed(2)} s`,
      debug: ctx.debug,
    });
    if (!existsSync(out)) throw new ProviderError(`ffmpeg found no frame at ${at.toFixed(2)} s in ${input.name}`, { hint: 'try an earlier --at' });
    assets.push({ kind: 'image', mediaType: format.mediaType, filePath: out, fileName: `frame.${format.ext}`, width: request.size?.width ?? info.video.width, height: request.size?.height ?? info.video.height });
  }
  return { assets, costUsd: 0, metadata: { source: input.name, atSeconds: times.map((t) => Number(t.toFixed(3))) } };
}

/** When to grab each frame. Never at or past the last frame's start, where ffmpeg would find nothing. */
export function frameTimes(duration: number, fps: number | undefined, count: number, at: number | undefined, name: string): number[] {
  if (at !== undefined && duration > 0 && at >= duration) {
    throw new InputError(`--at ${at} is past the end of ${name} (${duration.toFixed(2)} s long)`, { hint: `use --at below ${duration.toFixed(2)}` });
  }
  const last = Math.max(0, duration - 1 / (fps ?? 25));
  const clamp = (t: number) => Math.min(Math.max(0, t), last);
  if (count === 1) return [clamp(at ?? duration / 2)];
  if (at !== undefined) {
    const step = (duration - at) / count;
    return Array.from({ length: count }, (_, i) => clamp(at + i * step));
  }
  return Array.from({ length: count }, (_, i) => clamp(((i + 0.5) * duration) / count));
}
