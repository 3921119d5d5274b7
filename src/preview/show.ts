/**
 * `--preview`: after writing, show each image (or a video's first frame) inline, on terminals that
 * can. Elsewhere, and whenever stdout is not a terminal, it prints nothing at all.
 */
import type { Context } from '../context.js';
import { detectPreviewProtocol, type PreviewProtocol } from './detect.js';
import { makeThumbnail } from './thumbnail.js';
import { encodeKitty } from './kitty.js';
import { encodeIterm } from './iterm.js';
import { encodeSixel } from './sixel.js';

export interface PreviewableAsset {
  path?: string;
  mediaType: string;
}

export async function showPreviews(ctx: Context, assets: PreviewableAsset[]): Promise<void> {
  if (!ctx.io.stdout.isTTY || ctx.options.json) return;
  const protocol = detectPreviewProtocol(ctx.env);
  if (!protocol) return;
  for (const asset of assets) {
    if (!asset.path) continue;
    const thumbnail = await makeThumbnail(asset.path, asset.mediaType, { exec: ctx.exec, tempDir: () => ctx.tempDir() });
    if (!thumbnail) continue;
    ctx.io.stdout.write(encodePreview(protocol, thumbnail));
  }
}

export function encodePreview(protocol: PreviewProtocol, thumbnail: { png: Buffer; rgb: Parameters<typeof encodeSixel>[0] }): string {
  if (protocol === 'kitty') return encodeKitty(thumbnail.png);
  if (protocol === 'iterm') return encodeIterm(thumbnail.png);
  return encodeSixel(thumbnail.rgb);
}
