/**
 * Builds small media inputs with the real ffmpeg (test patterns, solid colours, sine tones) and
 * checks outputs with ffprobe and raw rgb24 frames. Argument arrays only, like the product.
 */
import { execa } from 'execa';
import { mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function ffmpeg(args: string[]): Promise<void> {
  await execa('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args]);
}

/** A test-pattern clip with an optional sine tone. */
export async function makeClip(file: string, o: { seconds: number; size: string; rate?: number; tone?: number; source?: string }): Promise<void> {
  const video = ['-f', 'lavfi', '-i', `${o.source ?? 'testsrc'}=size=${o.size}:rate=${o.rate ?? 25}:duration=${o.seconds}`];
  const audio = o.tone ? ['-f', 'lavfi', '-i', `sine=frequency=${o.tone}:duration=${o.seconds}:sample_rate=44100`] : [];
  await ffmpeg([...video, ...audio, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...(o.tone ? ['-c:a', 'aac', '-shortest'] : []), file]);
}

/** A clip of one solid colour (for pixel checks). */
export async function makeSolidClip(file: string, colour: string, size: string, seconds: number): Promise<void> {
  await ffmpeg(['-f', 'lavfi', '-i', `color=c=${colour}:size=${size}:rate=25:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file]);
}

export async function makeImage(file: string, colour: string, size: string): Promise<void> {
  await ffmpeg(['-f', 'lavfi', '-i', `color=c=${colour}:size=${size}`, '-frames:v', '1', '-update', '1', file]);
}

export async function makeTone(file: string, seconds: number, frequency = 440): Promise<void> {
  await ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`, file]);
}

export interface Probed {
  durationSeconds: number;
  streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number; sample_rate?: string; channels?: number; duration?: string }>;
  formatName: string;
}

/** ffmpeg reads `%d` in an image name as a pattern: check such files through a plain-named link. */
function literal(file: string): string {
  if (!file.includes('%')) return file;
  const link = path.join(mkdtempSync(path.join(os.tmpdir(), 'automarket-link-')), `file${path.extname(file)}`);
  symlinkSync(file, link);
  return link;
}

export async function probe(file: string): Promise<Probed> {
  file = literal(file);
  const { stdout } = await execa('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
  const json = JSON.parse(stdout) as { format: { duration?: string; format_name: string }; streams: Probed['streams'] };
  return { durationSeconds: Number(json.format.duration ?? 0), streams: json.streams, formatName: json.format.format_name };
}

export function videoStream(p: Probed) {
  return p.streams.find((s) => s.codec_type === 'video');
}

export function audioStream(p: Probed) {
  return p.streams.find((s) => s.codec_type === 'audio');
}

/** One decoded frame at `at` seconds as rgb24 pixels. */
export async function rawFrame(file: string, at: number): Promise<{ width: number; height: number; pixel(x: number, y: number): [number, number, number] }> {
  file = literal(file);
  const p = await probe(file);
  const v = videoStream(p)!;
  const { stdout } = await execa('ffmpeg', ['-v', 'error', '-ss', String(at), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { encoding: 'buffer' });
  const data = Buffer.from(stdout);
  const width = v.width!;
  const height = v.height!;
  if (data.length !== width * height * 3) throw new Error(`expected ${width * height * 3} bytes of rgb24, got ${data.length}`);
  return {
    width,
    height,
    pixel(x, y) {
      const i = (y * width + x) * 3;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    },
  };
}

/** Colours within a tolerance (video codecs are lossy). */
export function near(actual: [number, number, number], expected: [number, number, number], tolerance = 24): boolean {
  return actual.every((c, i) => Math.abs(c - expected[i]!) <= tolerance);
}

// Small real media files as bytes (valid headers, so sniffing and size checks treat them as what they are).
export const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

// MP4- and MP3-shaped bytes: one definition, shared with the fakes.
export { mp4Bytes, mp3Bytes } from '../fakes/media.js';
