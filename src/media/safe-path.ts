/**
 * ffmpeg's image2 demuxer reads `%d` in an input name as a frame-number pattern, so "50%d.png" would
 * not open. Such names are given to ffmpeg through a symlink (or copy) under a plain name in the
 * run's temp dir. Other names pass through untouched: they are argument-array items, never parsed.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export async function ffmpegSafePath(file: string, tempDir: string): Promise<string> {
  if (!file.includes('%')) return file;
  const alias = path.join(tempDir, `input-${randomBytes(4).toString('hex')}${path.extname(file).replace(/%/g, '').toLowerCase()}`);
  try {
    await fs.symlink(file, alias);
  } catch {
    await fs.copyFile(file, alias);
  }
  return alias;
}
