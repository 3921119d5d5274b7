/**
 * fal's offline catalogue: a few well-known endpoints per capability, with the prices fal publishes
 * on its model pages (USD, checked 2026-11; `models discover fal` shows the live list).
 */
import type { ModelInfo } from '../../src/plugin/types.js';

export const FAL_MODELS: ModelInfo[] = [
  { id: 'fal-ai/flux/schnell', capabilities: ['text-to-image'], displayName: 'FLUX.1 [schnell]', default: true, price: { usd: 0.003, per: 'megapixel' }, supports: ['size', 'aspect', 'seed', 'count', 'format'] },
  { id: 'fal-ai/flux/dev', capabilities: ['text-to-image'], displayName: 'FLUX.1 [dev]', price: { usd: 0.025, per: 'megapixel' }, supports: ['size', 'aspect', 'seed', 'count', 'format'] },
  { id: 'fal-ai/flux-pro/v1.1', capabilities: ['text-to-image'], displayName: 'FLUX1.1 [pro]', price: { usd: 0.04, per: 'megapixel' }, supports: ['size', 'aspect', 'seed', 'count', 'format'] },
  { id: 'fal-ai/flux/dev/image-to-image', capabilities: ['image-to-image'], displayName: 'FLUX.1 [dev] image-to-image', default: true, price: { usd: 0.03, per: 'megapixel' }, supports: ['size', 'seed', 'count', 'format'] },
  { id: 'fal-ai/kling-video/v2.1/standard/text-to-video', capabilities: ['text-to-video'], displayName: 'Kling 2.1 standard', default: true, price: { usd: 0.05, per: 'second' }, supports: ['aspect', 'duration'] },
  { id: 'fal-ai/kling-video/v2.1/standard/image-to-video', capabilities: ['image-to-video'], displayName: 'Kling 2.1 standard image-to-video', default: true, price: { usd: 0.05, per: 'second' }, supports: ['duration'] },
  { id: 'fal-ai/minimax/hailuo-02/standard/image-to-video', capabilities: ['image-to-video'], displayName: 'MiniMax Hailuo 02', price: { usd: 0.045, per: 'second' }, supports: ['duration'] },
  { id: 'fal-ai/kokoro/american-english', capabilities: ['text-to-audio'], displayName: 'Kokoro TTS (American English)', default: true, price: { usd: 0.02, per: '1k-characters' }, supports: ['voice'] },
  { id: 'fal-ai/stable-audio', capabilities: ['text-to-audio'], displayName: 'Stable Audio Open', price: { usd: 0, per: 'request' }, supports: ['duration', 'seed'] },
];
