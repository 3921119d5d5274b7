/**
 * The ffmpeg argument array for a plan. Re-encoding: each clip is fitted to the output size and rate,
 * given a matching stereo track (its own, or silence), and the pieces are concatenated; then the
 * overlay, the captions and the audio bed are applied. Stream copy: the concat demuxer over a list.
 * Pure: no I/O here, so it is unit-tested directly.
 */
import type { ComposePlan } from './plan.js';
import type { Corner } from './spec.js';
import { filterArg } from '../media/escape.js';
import { fitFilter } from '../media/filters.js';

const AUDIO_FORMAT = 'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo';

export interface GraphFiles {
  /** The captions file as ffmpeg should read it (a copy in the temp dir). */
  captions?: string;
  /** The ffconcat list, for stream copy. */
  concatList?: string;
  /** Where ffmpeg writes (the atomic writer's temp file). */
  output: string;
}

export function composeArgs(plan: ComposePlan, files: GraphFiles): string[] {
  return plan.streamCopy ? copyArgs(plan, files) : encodeArgs(plan, files);
}

function copyArgs(plan: ComposePlan, files: GraphFiles): string[] {
  return ['-f', 'concat', '-safe', '0', '-i', files.concatList!, '-map', '0:v', '-map', '0:a?', '-c', 'copy', ...(plan.format.extra ?? []), '-f', plan.format.muxer, files.output];
}

function encodeArgs(plan: ComposePlan, files: GraphFiles): string[] {
  const inputs: string[] = [];
  const graph: string[] = [];
  const { size, fps, format } = plan;
  const wantsAudio = Boolean(format.audio);
  const clipAudio = wantsAudio && plan.audio?.mode !== 'replace' && plan.clips.some((c) => c.info.audio);

  plan.clips.forEach((clip, i) => {
    const len = seconds(clip.length);
    if (clip.still) inputs.push('-loop', '1', '-framerate', String(fps), '-t', len, '-i', clip.path);
    else inputs.push(...(clip.from > 0 ? ['-ss', seconds(clip.from)] : []), '-t', len, '-i', clip.path);
    graph.push(`[${i}:v:0]${fitFilter(size)},fps=${fps},format=yuv420p,setpts=PTS-STARTPTS[v${i}]`);
    if (clipAudio) {
      // Every piece needs a track of the same shape and length, or concat drifts out of sync.
      if (clip.info.audio) graph.push(`[${i}:a:0]${AUDIO_FORMAT},apad,atrim=0:${len},asetpts=PTS-STARTPTS[a${i}]`);
      else graph.push(`anullsrc=r=48000:cl=stereo,atrim=0:${len},${AUDIO_FORMAT}[a${i}]`);
    }
  });
  const pieces = plan.clips.map((_, i) => (clipAudio ? `[v${i}][a${i}]` : `[v${i}]`)).join('');
  graph.push(`${pieces}concat=n=${plan.clips.length}:v=1:a=${clipAudio ? 1 : 0}[vcat]${clipAudio ? '[acat]' : ''}`);
  let video = 'vcat';
  let next = plan.clips.length;

  if (plan.overlay) {
    const o = plan.overlay;
    const index = next++;
    inputs.push('-i', o.path);
    const steps = [...(o.width ? [`scale=${o.width}:-1`] : []), 'format=rgba', ...(o.opacity < 1 ? [`colorchannelmixer=aa=${o.opacity}`] : [])];
    graph.push(`[${index}:v:0]${steps.join(',')}[logo]`);
    graph.push(`[${video}][logo]overlay=${overlayPosition(o.corner, o.margin)}:eof_action=repeat:format=auto,format=yuv420p[vlogo]`);
    video = 'vlogo';
  }
  if (plan.captions && files.captions) {
    const style = plan.captions.fontSize ? `:force_style=${filterArg(`FontSize=${plan.captions.fontSize}`)}` : '';
    graph.push(`[${video}]subtitles=filename=${filterArg(files.captions)}${style}[vsub]`);
    video = 'vsub';
  }

  let audio: string | undefined = clipAudio ? 'acat' : undefined;
  if (plan.audio && wantsAudio) {
    const index = next++;
    if (plan.audio.loop) inputs.push('-stream_loop', '-1');
    inputs.push('-i', plan.audio.path);
    const total = seconds(plan.totalSeconds);
    graph.push(`[${index}:a:0]${AUDIO_FORMAT},volume=${plan.audio.volume},apad,atrim=0:${total},asetpts=PTS-STARTPTS[bed]`);
    if (audio) {
      graph.push(`[${audio}][bed]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amix]`);
      audio = 'amix';
    } else {
      audio = 'bed';
    }
  }

  return [
    ...inputs,
    '-filter_complex',
    graph.join(';'),
    '-map',
    `[${video}]`,
    ...(audio ? ['-map', `[${audio}]`, ...(format.audio ?? [])] : ['-an']),
    ...(format.video ?? []),
    '-r',
    String(fps),
    '-t',
    seconds(plan.totalSeconds),
    ...(format.extra ?? []),
    '-f',
    format.muxer,
    files.output,
  ];
}

/** overlay x:y for a corner, `margin` pixels in from the edges (W/H: the video, w/h: the overlay). */
export function overlayPosition(corner: Corner, margin: number): string {
  const x = corner.endsWith('left') ? String(margin) : `W-w-${margin}`;
  const y = corner.startsWith('top') ? String(margin) : `H-h-${margin}`;
  return `x=${x}:y=${y}`;
}

function seconds(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
