/**
 * audio-to-audio and video-to-video: re-encode to --format (default: the input's own format), with
 * --size for video and --at/--duration to keep a range.
 */
import path from 'node:path';
import type { GenerateRequest, GenerateResult, ProviderContext } from '../../src/plugin/types.js';
import { InputError } from '../../src/errors.js';
import { probeMedia } from '../../src/media/probe.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { evenSize, fitFilter } from '../../src/media/filters.js';
import { outputFormat } from '../../src/media/formats.js';
import type { MediaTools } from '../../src/media/tools.js';
import { localInput, percentReporter, pickFormat, tempOutput } from './tools.js';
import { rangeArgs, rangeLength } from './range.js';

export async function convert(request: GenerateRequest, ctx: ProviderContext, tools: MediaTools): Promise<GenerateResult> {
  const input = await localInput(request, ctx);
  const kind = request.kind === 'audio' ? 'audio' : 'video';
  const info = await probeMedia(tools, input.path);
  if (kind === 'audio' && !info.audio) throw new InputError(`${input.name} has no audio track`);
  if (kind === 'video' && !info.video) throw new InputError(`${input.name} has no video track`);
  const own = outputFormat(path.extname(input.name));
  const format = pickFormat(request.format, kind, own?.kind === kind ? own.ext : kind === 'audio' ? 'mp3' : 'mp4');
  const out = tempOutput(ctx, format.ext);
  const length = rangeLength(info, request, input.name);
  const args = [...rangeArgs(request), '-i', input.path];
  if (kind === 'audio') {
    args.push('-map', '0:a:0', '-vn', ...(format.audio ?? []));
  } else {
    const filters: string[] = [];
    if (request.size) filters.push(fitFilter(evenSize(request.size)));
    if (format.ext === 'gif') filters.push('fps=12', 'split[a][b]', '[a]palettegen[p]', '[b][p]paletteuse');
    // An unlabelled filter_complex output is mapped by itself; otherwise pick the first video stream.
    if (filters.length) args.push('-filter_complex', `[0:v:0]${joinChain(filters)}`);
    else args.push('-map', '0:v:0');
    args.push('-sn', '-dn', ...(format.video ?? []));
    if (format.audio && info.audio) args.push('-map', '0:a:0', ...format.audio);
    else args.push('-an');
  }
  args.push(...(format.extra ?? []), '-f', format.muxer, out);
  await runFfmpeg(tools, args, { durationSeconds: length, onPercent: percentReporter(ctx), what: `converting to ${format.ext}`, debug: ctx.debug });
  const result = await probeMedia(tools, out);
  return {
    assets: [
      {
        kind,
        mediaType: format.mediaType,
        filePath: out,
        fileName: `${kind}.${format.ext}`,
        durationSeconds: result.durationSeconds,
        ...(result.video ? { width: result.video.width, height: result.video.height } : {}),
      },
    ],
    costUsd: 0,
    metadata: { source: input.name, videoCodec: result.video?.codec, audioCodec: result.audio?.codec },
  };
}

/** Joins filters with commas, except where a label already ends a chain (the gif palette split). */
function joinChain(filters: string[]): string {
  return filters.reduce((acc, f) => (acc === '' ? f : acc.endsWith(']') || f.startsWith('[') ? `${acc};${f}` : `${acc},${f}`), '');
}

