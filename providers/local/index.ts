/**
 * Provider `local`: no key, no network. Draft images (PNG, JPEG or WebP, deterministic for prompt +
 * seed) and speech through espeak-ng when it is installed.
 */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type GenerateRequest, type GenerateResult, type ProviderContext } from '../../src/plugin/types.js';
import { ProviderError, UsageError } from '../../src/errors.js';
import { localManifest } from './manifest.js';
import { drawDraft, hashText } from './draft-image.js';
import { synthesizeSpeech } from './speech.js';
import { draftEdit } from './draft-edit.js';

const IMAGE_FORMATS = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp' } as const;

export default defineProvider({
  ...localManifest,
  apiVersion: PLUGIN_API_VERSION,
  models: [
    { id: 'draft', capabilities: ['text-to-image'], displayName: 'Draft image (prompt on a seeded gradient)', default: true, supports: ['size', 'aspect', 'seed', 'count', 'format'], price: { usd: 0, per: 'image' } },
    { id: 'draft-edit', capabilities: ['image-to-image'], displayName: 'Draft edit (the input under a translucent draft)', default: true, supports: ['size', 'seed', 'count', 'format'], price: { usd: 0, per: 'image' } },
    { id: 'espeak', capabilities: ['text-to-audio'], displayName: 'espeak-ng speech (WAV)', default: true, supports: ['voice', 'format', 'count'], price: { usd: 0, per: 'request' } },
  ],
  async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
    if (request.capability === 'text-to-image') return draftImages(request);
    if (request.capability === 'image-to-image') return draftEdit(request);
    if (request.capability === 'text-to-audio') return synthesizeSpeech(request, ctx);
    throw new ProviderError(`local cannot do ${request.capability}`);
  },
});

async function draftImages(request: GenerateRequest): Promise<GenerateResult> {
  const format = (request.format ?? 'png') as keyof typeof IMAGE_FORMATS;
  if (!(format in IMAGE_FORMATS)) {
    throw new UsageError(`local drafts cannot be ${request.format}`, { hint: 'use --format png, jpeg or webp' });
  }
  const { width, height } = request.size ?? sizeForAspect(request.aspect);
  const seed = request.seed ?? hashText(request.prompt) % 1_000_000;
  const { default: sharp } = await import('sharp');
  const assets = [];
  for (let i = 0; i < request.count; i++) {
    if (request.signal.aborted) break;
    const canvas = drawDraft(request.prompt, seed + i, width, height);
    let image = sharp(canvas.pixels, { raw: { width, height, channels: 3 } });
    image = format === 'png' ? image.png({ compressionLevel: 6 }) : format === 'webp' ? image.webp({ quality: 85 }) : image.jpeg({ quality: 88 });
    const data = await image.toBuffer();
    assets.push({ kind: 'image' as const, mediaType: IMAGE_FORMATS[format], data, width, height, seed: seed + i });
  }
  return { assets, seed, costUsd: 0, metadata: { draft: true } };
}

/** 1024 on the long side for an aspect ratio, rounded to multiples of 16. */
export function sizeForAspect(aspect: { width: number; height: number } | undefined): { width: number; height: number } {
  if (!aspect) return { width: 1024, height: 1024 };
  const ratio = aspect.width / aspect.height;
  const round16 = (n: number) => Math.max(16, Math.round(n / 16) * 16);
  return ratio >= 1 ? { width: 1024, height: round16(1024 / ratio) } : { width: round16(1024 * ratio), height: 1024 };
}
