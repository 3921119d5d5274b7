/** What a media file holds, from `ffprobe -print_format json` (duration, streams, sizes, codecs). */
import path from 'node:path';
import { AutomarketError, InputError, isAbortError } from '../errors.js';
import { toolError, type MediaTools } from './tools.js';

export interface VideoStreamInfo {
  codec: string;
  width: number;
  height: number;
  /** Frames per second, when the stream declares it. */
  fps?: number;
  pixFmt?: string;
}

export interface AudioStreamInfo {
  codec: string;
  sampleRate?: number;
  channels?: number;
  channelLayout?: string;
}

export interface MediaInfo {
  file: string;
  formatName: string;
  durationSeconds?: number;
  bytes?: number;
  bitRate?: number;
  /** A still image (png, jpeg, webp...) rather than a moving picture. */
  isImage: boolean;
  video?: VideoStreamInfo;
  audio?: AudioStreamInfo;
  /** ffprobe's own output, for `generate text -p ffmpeg`. */
  raw: { format: Record<string, unknown>; streams: Array<Record<string, unknown>> };
}

/**
 * `shownAs` names the input in errors ("clip holiday.mp4") when `file` is not what the user typed
 * (a temp alias) or the role helps; by default the file's base name.
 */
export async function probeMedia(tools: MediaTools, file: string, shownAs: string = path.basename(file)): Promise<MediaInfo> {
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await tools.run(tools.ffprobe, ['-hide_banner', '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]));
  } catch (err) {
    const e = toolError(err, 'ffprobe', tools.ffprobe, 'ffprobe');
    if (isAbortError(e) || (e instanceof AutomarketError && e.code === 'MISSING_PROGRAM')) throw e;
    throw unreadable(shownAs, e.message);
  }
  let parsed: { format?: Record<string, unknown>; streams?: Array<Record<string, unknown>> };
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    throw unreadable(shownAs, `ffprobe printed no JSON for ${file}${stderr ? `: ${stderr}` : ''}`);
  }
  const info = describe(file, parsed.format ?? {}, parsed.streams ?? []);
  // Bytes that only look like an image (a PNG name, garbage inside) probe "fine" as a 0x0 picture,
  // and ffmpeg then spins on them for ever: that is as unreadable as a failed probe.
  if (info.video && (info.video.width <= 0 || info.video.height <= 0)) {
    throw unreadable(shownAs, `ffprobe found a ${info.video.codec} picture with no size (${info.video.width}x${info.video.height}) in ${file}${stderr ? `: ${stderr}` : ''}`);
  }
  return info;
}

/** One line for the user (which input, what is wrong with it, what to do); ffprobe's words for --verbose. */
function unreadable(shownAs: string, detail: string): InputError {
  return new InputError(`${shownAs} is not a readable video, image or audio file`, {
    hint: 'check that it is complete (not cut short by a download) and really holds media; --verbose shows what ffprobe said',
    detail: detail.trim(),
  });
}

export function describe(file: string, format: Record<string, unknown>, streams: Array<Record<string, unknown>>): MediaInfo {
  const videoStream = streams.find((s) => s.codec_type === 'video' && !isCoverArt(s));
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  const formatName = String(format.format_name ?? '');
  // Stills are demuxed by image2 or a *_pipe demuxer; an animated gif counts as video.
  const isImage = Boolean(videoStream) && !audioStream && (formatName === 'image2' || (formatName.endsWith('_pipe') && formatName !== 'gif_pipe'));
  const info: MediaInfo = { file, formatName, isImage, raw: { format, streams } };
  const duration = num(format.duration) ?? num(videoStream?.duration) ?? num(audioStream?.duration);
  if (duration !== undefined && !info.isImage) info.durationSeconds = duration;
  const bytes = num(format.size);
  if (bytes !== undefined) info.bytes = bytes;
  const bitRate = num(format.bit_rate);
  if (bitRate !== undefined) info.bitRate = bitRate;
  if (videoStream) {
    info.video = { codec: String(videoStream.codec_name ?? 'unknown'), width: Number(videoStream.width ?? 0), height: Number(videoStream.height ?? 0) };
    const fps = rate(videoStream.avg_frame_rate) ?? rate(videoStream.r_frame_rate);
    if (fps !== undefined && !info.isImage) info.video.fps = fps;
    if (typeof videoStream.pix_fmt === 'string') info.video.pixFmt = videoStream.pix_fmt;
  }
  if (audioStream) {
    info.audio = { codec: String(audioStream.codec_name ?? 'unknown') };
    const sr = num(audioStream.sample_rate);
    if (sr !== undefined) info.audio.sampleRate = sr;
    const ch = num(audioStream.channels);
    if (ch !== undefined) info.audio.channels = ch;
    if (typeof audioStream.channel_layout === 'string') info.audio.channelLayout = audioStream.channel_layout;
  }
  return info;
}

/** An mp3's or m4a's embedded cover is a "video" stream with one frame: not a picture track. */
function isCoverArt(stream: Record<string, unknown>): boolean {
  const disposition = stream.disposition as Record<string, unknown> | undefined;
  return disposition?.attached_pic === 1;
}

function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === 'N/A' || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** "30000/1001" to 29.97; "0/0" to undefined. */
function rate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const [a, b] = value.split('/').map(Number);
  if (!a || !b || !Number.isFinite(a / b)) return undefined;
  return Math.round((a / b) * 1000) / 1000;
}
