/**
 * A small still of an asset for the terminal: the image itself, or a video's first frame
 * (through ffmpeg, when it is installed). Returns undefined when there is nothing to show.
 */
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Exec } from '../exec.js';
import type { RgbImage } from './sixel.js';

/** Thumbnails fit this box: enough to judge, small enough to print fast over ssh. */
export const THUMBNAIL_BOX = 256;

export interface Thumbnail {
  png: Buffer;
  rgb: RgbImage;
}

export async function makeThumbnail(file: string, mediaType: string, deps: { exec: Exec; tempDir: () => string }): Promise<Thumbnail | undefined> {
  let still = file;
  if (mediaType.startsWith('video/')) {
    still = path.join(deps.tempDir(), `preview-${path.basename(file)}.png`);
    const result = await deps.exec('ffmpeg', ['-v', 'error', '-y', '-i', file, '-frames:v', '1', still], { reject: false, timeoutMs: 30_000 }).catch(() => undefined);
    if (!result || result.exitCode !== 0) return undefined;
  } else if (!mediaType.startsWith('image/')) {
    return undefined;
  }
  try {
    const { default: sharp } = await import('sharp');
    const resized = sharp(still).flatten({ background: '#000000' }).resize(THUMBNAIL_BOX, THUMBNAIL_BOX, { fit: 'inside', withoutEnlargement: true });
    const [png, raw] = await Promise.all([resized.clone().png().toBuffer(), resized.clone().removeAlpha().raw().toBuffer({ resolveWithObject: true })]);
    return { png, rgb: { width: raw.info.width, height: raw.info.height, data: raw.data } };
  } catch {
    return undefined;
  } finally {
    if (still !== file) await fs.rm(still, { force: true });
  }
}
