/**
 * The timeline: every input probed and checked (kind, streams, ranges), the output size, frame rate
 * and length decided, and whether the clips can simply be joined without re-encoding.
 */
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { probeMedia, type MediaInfo } from '../media/probe.js';
import { evenSize, type Size } from '../media/filters.js';
import { outputFormat, type OutputFormat } from '../media/formats.js';
import type { MediaTools } from '../media/tools.js';
import { ffmpegSafePath } from '../media/safe-path.js';
import type { AudioSpec, CaptionsSpec, ClipSpec, ComposeSpec, OverlaySpec } from './spec.js';

export const STILL_SECONDS = 3;
export const CAPTION_EXTENSIONS = ['.srt', '.vtt', '.ass', '.ssa'];

export interface PlannedClip extends ClipSpec {
  info: MediaInfo;
  still: boolean;
  /** Seconds into the source. */
  from: number;
  /** Seconds this clip lasts in the output. */
  length: number;
}

export interface ComposePlan {
  clips: PlannedClip[];
  size: Size;
  fps: number;
  totalSeconds: number;
  audio?: AudioSpec & { info: MediaInfo };
  overlay?: OverlaySpec & { info: MediaInfo };
  captions?: CaptionsSpec;
  output: string;
  format: OutputFormat;
  /** All clips share codecs, size and rate and nothing is drawn on them: join without re-encoding. */
  streamCopy: boolean;
}

export async function planCompose(input: ComposeSpec, tools: MediaTools, tempDir: string): Promise<ComposePlan> {
  const spec = await withSafePaths(input, tempDir);
  const output = spec.output!;
  const format = outputFormat(path.extname(output));
  if (!format || format.kind !== 'video') {
    throw new UsageError(`compose writes video, and ${path.basename(output)} is not a video file name`, { hint: 'end -o with .mp4, .mov, .mkv or .webm' });
  }
  const clips: PlannedClip[] = [];
  for (const [i, clip] of spec.clips.entries()) clips.push(planClip(clip, await probeExisting(tools, clip.path, 'clip', input.clips[i]!.path)));
  const first = clips[0]!;
  const size = evenSize(spec.size ?? { width: first.info.video!.width, height: first.info.video!.height });
  const fps = spec.fps ?? clips.find((c) => !c.still)?.info.video?.fps ?? 30;
  const totalSeconds = clips.reduce((sum, c) => sum + c.length, 0);

  let audio: ComposePlan['audio'];
  if (spec.audio) {
    const info = await probeExisting(tools, spec.audio.path, 'audio bed', input.audio!.path);
    if (!info.audio) throw new InputError(`${path.basename(spec.audio.path)} has no audio to lay under the video`, { hint: 'pass an audio file to --audio' });
    audio = { ...spec.audio, info };
  }
  let overlay: ComposePlan['overlay'];
  if (spec.overlay) {
    const info = await probeExisting(tools, spec.overlay.path, 'overlay', input.overlay!.path);
    if (!info.video || !info.isImage) throw new InputError(`${path.basename(spec.overlay.path)} is not an image`, { hint: 'pass a PNG (with transparency) or JPEG to --overlay' });
    overlay = { ...spec.overlay, info };
  }
  if (spec.captions) {
    await assertFile(spec.captions.path, 'captions');
    if (!CAPTION_EXTENSIONS.includes(path.extname(spec.captions.path).toLowerCase())) {
      throw new InputError(`${path.basename(spec.captions.path)} is not a caption file`, { hint: 'pass an .srt or .vtt file to --captions' });
    }
  }
  const plan: ComposePlan = { clips, size, fps, totalSeconds, output, format, streamCopy: false, ...(audio ? { audio } : {}), ...(overlay ? { overlay } : {}), ...(spec.captions ? { captions: spec.captions } : {}) };
  plan.streamCopy = canStreamCopy(plan, spec);
  return plan;
}

function planClip(clip: ClipSpec, info: MediaInfo): PlannedClip {
  const name = path.basename(clip.path);
  if (!info.video) throw new InputError(`${name} has no picture to put in the video`, { hint: 'clips are videos or images' });
  if (info.isImage) {
    return { ...clip, info, still: true, from: 0, length: clip.duration ?? (clip.end !== undefined ? clip.end - (clip.start ?? 0) : STILL_SECONDS) };
  }
  const total = info.durationSeconds ?? 0;
  const from = clip.start ?? 0;
  if (from >= total) throw new InputError(`${name}: start ${from} is past its end (${total.toFixed(2)} s)`, { hint: 'fix the clip\'s start in the spec' });
  const end = Math.min(total, clip.end ?? total, clip.duration !== undefined ? from + clip.duration : total);
  return { ...clip, info, still: false, from, length: end - from };
}

async function probeExisting(tools: MediaTools, file: string, role: string, original: string = file): Promise<MediaInfo> {
  await assertFile(file, role);
  // Named as the user gave it (not its temp alias), with its role: "clip holiday.mp4".
  return probeMedia(tools, file, `${role} ${path.basename(original)}`);
}

async function assertFile(file: string, role: string): Promise<void> {
  const { promises: fs } = await import('node:fs');
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new InputError(`${role} not found: ${file}`, { hint: 'check the path' });
  if (!stat.isFile()) throw new InputError(`${role} is not a file: ${file}`);
}

/** The concat demuxer can join files as they are only when every stream matches and nothing is drawn. */
function canStreamCopy(plan: ComposePlan, spec: ComposeSpec): boolean {
  if (plan.audio || plan.overlay || plan.captions || spec.fps !== undefined) return false;
  const first = plan.clips[0]!;
  const v0 = first.info.video!;
  const a0 = first.info.audio;
  return plan.clips.every((c) => {
    const v = c.info.video!;
    const a = c.info.audio;
    const sameContainer = outputFormat(path.extname(c.path))?.muxer === plan.format.muxer;
    const untrimmed = !c.still && c.start === undefined && c.end === undefined && c.duration === undefined;
    const sameVideo = v.codec === v0.codec && v.width === plan.size.width && v.height === plan.size.height && v.pixFmt === v0.pixFmt && v.fps === v0.fps;
    const sameAudio = (!a && !a0) || (a !== undefined && a0 !== undefined && a.codec === a0.codec && a.sampleRate === a0.sampleRate && a.channels === a0.channels);
    return sameContainer && untrimmed && sameVideo && sameAudio && !/[\r\n]/.test(c.path);
  });
}

/** Every input at a name ffmpeg reads literally (see safe-path.ts); existence is checked first. */
async function withSafePaths(spec: ComposeSpec, tempDir: string): Promise<ComposeSpec> {
  const safe = async (file: string, role: string) => {
    await assertFile(file, role);
    return ffmpegSafePath(file, tempDir);
  };
  const out: ComposeSpec = { ...spec, clips: [] };
  for (const clip of spec.clips) out.clips.push({ ...clip, path: await safe(clip.path, 'clip') });
  if (spec.audio) out.audio = { ...spec.audio, path: await safe(spec.audio.path, 'audio bed') };
  if (spec.overlay) out.overlay = { ...spec.overlay, path: await safe(spec.overlay.path, 'overlay') };
  return out;
}
