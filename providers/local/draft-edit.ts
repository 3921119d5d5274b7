/**
 * Local image-to-image: the input image under a translucent draft (prompt and banner), so pipelines
 * such as `generate image -o - | generate image -i - "..."` can be wired and tested offline.
 */
import type { GenerateRequest, GenerateResult } from '../../src/plugin/types.js';
import { UsageError } from '../../src/errors.js';
import { drawDraft, hashText } from './draft-image.js';

const FORMATS = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp' } as const;

export async function draftEdit(request: GenerateRequest): Promise<GenerateResult> {
  const input = request.inputs[0];
  if (!input?.path) throw new UsageError('local image-to-image needs a local input file', { hint: 'download the image and pass it with -i' });
  const format = (request.format ?? 'png') as keyof typeof FORMATS;
  if (!(format in FORMATS)) throw new UsageError(`local drafts cannot be ${request.format}`, { hint: 'use --format png, jpeg or webp' });
  const { default: sharp } = await import('sharp');
  const meta = await sharp(input.path).metadata();
  // Keep the input's size unless one is asked for; cap the long side so a huge input stays cheap.
  const scale = Math.min(1, 2048 / Math.max(meta.width ?? 1024, meta.height ?? 1024));
  const width = request.size?.width ?? Math.max(16, Math.round((meta.width ?? 1024) * scale));
  const height = request.size?.height ?? Math.max(16, Math.round((meta.height ?? 1024) * scale));
  const base = await sharp(input.path).resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  const seed = request.seed ?? hashText(request.prompt) % 1_000_000;
  const assets = [];
  for (let i = 0; i < request.count; i++) {
    if (request.signal.aborted) break;
    const draft = drawDraft(request.prompt, seed + i, width, height);
    const pixels = Buffer.alloc(width * height * 3);
    for (let p = 0; p < pixels.length; p++) pixels[p] = Math.round(base[p]! * 0.6 + draft.pixels[p]! * 0.4);
    let image = sharp(pixels, { raw: { width, height, channels: 3 } });
    image = format === 'png' ? image.png({ compressionLevel: 6 }) : format === 'webp' ? image.webp({ quality: 85 }) : image.jpeg({ quality: 88 });
    assets.push({ kind: 'image' as const, mediaType: FORMATS[format], data: await image.toBuffer(), width, height, seed: seed + i });
  }
  return { assets, seed, costUsd: 0, metadata: { draft: true, input: input.name } };
}
