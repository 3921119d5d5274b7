/**
 * image-to-video: a still animated with a slow zoom or pan (the "Ken Burns" effect) for --duration
 * seconds. The prompt may name the motion ("slow pan left", "zoom out"); params override it:
 * direction (in, out, left, right, up, down; default in), zoom (how far, default 1.25), fps (25).
 */
import type { GenerateRequest, GenerateResult, ProviderContext } from '../../src/plugin/types.js';
import { InputError, UsageError } from '../../src/errors.js';
import { probeMedia } from '../../src/media/probe.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { capLongSide, coverFilter, evenSize, type Size } from '../../src/media/filters.js';
import { filterArg } from '../../src/media/escape.js';
import type { MediaTools } from '../../src/media/tools.js';
import { localInput, percentReporter, pickFormat, tempOutput } from './tools.js';

export const DIRECTIONS = ['in', 'out', 'left', 'right', 'up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export async function kenBurns(request: GenerateRequest, ctx: ProviderContext, tools: MediaTools): Promise<GenerateResult> {
  const input = await localInput(request, ctx);
  const info = await probeMedia(tools, input.path);
  if (!info.video) throw new InputError(`${input.name} has no picture`, { hint: 'pass an image with -i' });
  const options = motionOptions(request.params, request.prompt);
  const format = pickFormat(request.format, 'video', 'mp4');
  const size = outputSize(request.size, request.aspect, { width: info.video.width, height: info.video.height });
  const duration = request.durationSeconds ?? 5;
  const frames = Math.max(1, Math.round(duration * options.fps));
  const out = tempOutput(ctx, format.ext);
  // Zoompan samples a source twice the output size, which keeps the slow motion from jittering.
  const source = { width: size.width * 2, height: size.height * 2 };
  const vf = [coverFilter(source), zoompan(options.direction, options.zoom, frames, size, options.fps), 'format=yuv420p'].join(',');
  await runFfmpeg(tools, ['-i', input.path, '-vf', vf, '-frames:v', String(frames), '-an', ...(format.video ?? []), ...(format.extra ?? []), '-f', format.muxer, out], {
    durationSeconds: frames / options.fps,
    onPercent: percentReporter(ctx),
    what: 'animating the image',
    debug: ctx.debug,
  });
  return {
    assets: [{ kind: 'video', mediaType: format.mediaType, filePath: out, fileName: `video.${format.ext}`, width: size.width, height: size.height, durationSeconds: frames / options.fps }],
    costUsd: 0,
    metadata: { source: input.name, ...options },
  };
}

export function motionOptions(params: Record<string, unknown>, prompt = ''): { direction: Direction; zoom: number; fps: number } {
  const direction = (params.direction ?? directionInPrompt(prompt) ?? 'in') as Direction;
  if (!DIRECTIONS.includes(direction)) throw new UsageError(`Bad direction "${String(params.direction)}"`, { hint: `use -P direction=${DIRECTIONS.join('|')}` });
  const zoom = Number(params.zoom ?? 1.25);
  if (!Number.isFinite(zoom) || zoom < 1 || zoom > 4) throw new UsageError(`Bad zoom ${String(params.zoom)}: between 1 and 4`, { hint: 'for example -P zoom=1.3' });
  const fps = Number(params.fps ?? 25);
  if (!Number.isFinite(fps) || fps < 1 || fps > 120) throw new UsageError(`Bad fps ${String(params.fps)}: between 1 and 120`, { hint: 'for example -P fps=30' });
  return { direction, zoom, fps };
}

/** --size, else --aspect at 1280 on the long side, else the image's own size (at most 1920). */
export function outputSize(size: Size | undefined, aspect: Size | undefined, image: Size): Size {
  if (size) return evenSize(size);
  if (aspect) return capLongSide({ width: aspect.width * 4096, height: aspect.height * 4096 }, 1280);
  return capLongSide(image, 1920);
}

/** The zoompan filter: zoom and position as linear functions of the output frame number `on`. */
export function zoompan(direction: Direction, zoom: number, frames: number, size: Size, fps: number): string {
  const t = `(on/${Math.max(frames - 1, 1)})`;
  const centreX = 'iw/2-(iw/zoom/2)';
  const centreY = 'ih/2-(ih/zoom/2)';
  const spanX = '(iw-iw/zoom)';
  const spanY = '(ih-ih/zoom)';
  const motion: Record<Direction, [string, string, string]> = {
    in: [`1+${zoom - 1}*${t}`, centreX, centreY],
    out: [`${zoom}-${zoom - 1}*${t}`, centreX, centreY],
    left: [String(zoom), `${spanX}*(1-${t})`, centreY],
    right: [String(zoom), `${spanX}*${t}`, centreY],
    up: [String(zoom), centreX, `${spanY}*(1-${t})`],
    down: [String(zoom), centreX, `${spanY}*${t}`],
  };
  const [z, x, y] = motion[direction];
  return `zoompan=z=${filterArg(z)}:x=${filterArg(x)}:y=${filterArg(y)}:d=${frames}:s=${size.width}x${size.height}:fps=${fps}`;
}

/** The motion a prompt names, if any: "pan left", "zoom out", "tilt up"... */
export function directionInPrompt(prompt: string): Direction | undefined {
  const p = prompt.toLowerCase();
  if (/\b(zoom(ing)?|pull(ing)?)\s+(out|back)\b/.test(p)) return 'out';
  for (const d of ['left', 'right', 'up', 'down'] as const) if (new RegExp(`\\b${d}\\b`).test(p)) return d;
  if (/\bzoom/.test(p)) return 'in';
  return undefined;
}
