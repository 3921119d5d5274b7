/**
 * Replicate's offline catalogue: official models (run by name, billed per output) plus whisper,
 * which has no official version and is pinned by version id. Prices are Replicate's published
 * per-output prices as known at 2026-11; `models discover replicate` shows the live list.
 *
 * `extra.fields` renames standard inputs for models that do not use the common names
 * (prompt, image, audio, video, voice).
 */
import type { ModelInfo } from '../../src/plugin/types.js';

export const WHISPER = 'openai/whisper:8099696689d249cf8b122d833c36ac3f75505c666a395ca40ef26f68e7d3d16e';

export const REPLICATE_MODELS: ModelInfo[] = [
  { id: 'black-forest-labs/flux-schnell', capabilities: ['text-to-image'], displayName: 'FLUX.1 [schnell]', default: true, price: { usd: 0.003, per: 'image' }, supports: ['aspect', 'seed', 'count', 'format'] },
  { id: 'black-forest-labs/flux-dev', capabilities: ['text-to-image'], displayName: 'FLUX.1 [dev]', price: { usd: 0.025, per: 'image' }, supports: ['aspect', 'seed', 'count', 'format'] },
  { id: 'black-forest-labs/flux-1.1-pro', capabilities: ['text-to-image'], displayName: 'FLUX1.1 [pro]', price: { usd: 0.04, per: 'image' }, supports: ['aspect', 'seed', 'format'] },
  { id: 'black-forest-labs/flux-kontext-pro', capabilities: ['image-to-image'], displayName: 'FLUX.1 Kontext [pro]', default: true, price: { usd: 0.04, per: 'image' }, supports: ['aspect', 'seed', 'format'], extra: { fields: { image: 'input_image' } } },
  { id: 'minimax/video-01', capabilities: ['text-to-video', 'image-to-video'], displayName: 'MiniMax Video-01', default: true, price: { usd: 0.5, per: 'request' }, supports: [], extra: { fields: { image: 'first_frame_image' } } },
  { id: 'kwaivgi/kling-v2.1', capabilities: ['image-to-video'], displayName: 'Kling 2.1', price: { usd: 0.05, per: 'second' }, supports: ['duration'], extra: { fields: { image: 'start_image' } } },
  { id: 'minimax/speech-02-turbo', capabilities: ['text-to-audio'], displayName: 'MiniMax Speech-02 Turbo', default: true, price: { usd: 0.06, per: '1k-characters' }, supports: ['voice'], extra: { fields: { prompt: 'text', voice: 'voice_id' } } },
  { id: WHISPER, capabilities: ['audio-to-text'], displayName: 'Whisper large-v3', default: true, supports: [] },
  { id: 'meta/meta-llama-3-8b-instruct', capabilities: ['text-to-text'], displayName: 'Llama 3 8B Instruct', default: true, price: { usd: 0.05, per: '1m-tokens' }, supports: ['seed'] },
];
