/**
 * Output formats ffmpeg writes for us: the muxer (named explicitly, because we write to temp names
 * whose extension ffmpeg cannot guess from) and the codec flags for each kind of stream.
 */
import type { Kind } from '../kinds.js';

export interface OutputFormat {
  ext: string;
  kind: Kind;
  mediaType: string;
  muxer: string;
  video?: string[];
  audio?: string[];
  /** Extra output flags (faststart, single-image update). */
  extra?: string[];
}

const H264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p'];
const AAC = ['-c:a', 'aac', '-b:a', '160k'];

export const FORMATS: Record<string, OutputFormat> = {
  mp4: { ext: 'mp4', kind: 'video', mediaType: 'video/mp4', muxer: 'mp4', video: H264, audio: AAC, extra: ['-movflags', '+faststart'] },
  mov: { ext: 'mov', kind: 'video', mediaType: 'video/quicktime', muxer: 'mov', video: H264, audio: AAC, extra: ['-movflags', '+faststart'] },
  mkv: { ext: 'mkv', kind: 'video', mediaType: 'video/x-matroska', muxer: 'matroska', video: H264, audio: AAC },
  webm: {
    ext: 'webm',
    kind: 'video',
    mediaType: 'video/webm',
    muxer: 'webm',
    // Realtime settings: VP9's defaults are many times slower than x264 for little gain here.
    video: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-b:v', '0', '-crf', '34', '-pix_fmt', 'yuv420p'],
    audio: ['-c:a', 'libopus', '-b:a', '128k'],
  },
  gif: { ext: 'gif', kind: 'video', mediaType: 'image/gif', muxer: 'gif', video: ['-c:v', 'gif'] },
  mp3: { ext: 'mp3', kind: 'audio', mediaType: 'audio/mpeg', muxer: 'mp3', audio: ['-c:a', 'libmp3lame', '-q:a', '2'] },
  wav: { ext: 'wav', kind: 'audio', mediaType: 'audio/wav', muxer: 'wav', audio: ['-c:a', 'pcm_s16le'] },
  ogg: { ext: 'ogg', kind: 'audio', mediaType: 'audio/ogg', muxer: 'ogg', audio: ['-c:a', 'libvorbis', '-q:a', '5'] },
  opus: { ext: 'opus', kind: 'audio', mediaType: 'audio/ogg; codecs=opus', muxer: 'opus', audio: ['-c:a', 'libopus', '-b:a', '128k'] },
  flac: { ext: 'flac', kind: 'audio', mediaType: 'audio/flac', muxer: 'flac', audio: ['-c:a', 'flac'] },
  m4a: { ext: 'm4a', kind: 'audio', mediaType: 'audio/mp4', muxer: 'ipod', audio: ['-c:a', 'aac', '-b:a', '192k'], extra: ['-movflags', '+faststart'] },
  aac: { ext: 'aac', kind: 'audio', mediaType: 'audio/aac', muxer: 'adts', audio: ['-c:a', 'aac', '-b:a', '192k'] },
  png: { ext: 'png', kind: 'image', mediaType: 'image/png', muxer: 'image2', video: ['-c:v', 'png'], extra: ['-update', '1'] },
  jpg: { ext: 'jpg', kind: 'image', mediaType: 'image/jpeg', muxer: 'image2', video: ['-c:v', 'mjpeg', '-q:v', '2'], extra: ['-update', '1'] },
  webp: { ext: 'webp', kind: 'image', mediaType: 'image/webp', muxer: 'image2', video: ['-c:v', 'libwebp', '-quality', '85'], extra: ['-update', '1'] },
  bmp: { ext: 'bmp', kind: 'image', mediaType: 'image/bmp', muxer: 'image2', video: ['-c:v', 'bmp'], extra: ['-update', '1'] },
};

const ALIASES: Record<string, string> = { jpeg: 'jpg', m4v: 'mp4', matroska: 'mkv', oga: 'ogg' };

export function outputFormat(name: string | undefined): OutputFormat | undefined {
  if (!name) return undefined;
  const key = name.toLowerCase().replace(/^\./, '');
  return FORMATS[ALIASES[key] ?? key];
}

export function formatsOfKind(kind: Kind): string[] {
  return Object.values(FORMATS)
    .filter((f) => f.kind === kind)
    .map((f) => f.ext);
}
