/**
 * Together's offline catalogue with the prices on together.ai/pricing (USD, checked 2026-11): images
 * per megapixel, text per million tokens. `models discover together` shows the live list.
 */
import type { ModelInfo } from '../../src/plugin/types.js';

const IMAGE = ['size', 'aspect', 'seed', 'count', 'format'] as const;

export const TOGETHER_MODELS: ModelInfo[] = [
  { id: 'black-forest-labs/FLUX.1-schnell', capabilities: ['text-to-image'], displayName: 'FLUX.1 [schnell]', default: true, price: { usd: 0.0027, per: 'megapixel' }, supports: [...IMAGE], extra: { steps: 4 } },
  { id: 'black-forest-labs/FLUX.1-schnell-Free', capabilities: ['text-to-image'], displayName: 'FLUX.1 [schnell] Free', price: { usd: 0, per: 'megapixel' }, supports: [...IMAGE], extra: { steps: 4 } },
  { id: 'black-forest-labs/FLUX.1-dev', capabilities: ['text-to-image'], displayName: 'FLUX.1 [dev]', price: { usd: 0.025, per: 'megapixel' }, supports: [...IMAGE] },
  { id: 'black-forest-labs/FLUX.1.1-pro', capabilities: ['text-to-image'], displayName: 'FLUX1.1 [pro]', price: { usd: 0.04, per: 'megapixel' }, supports: [...IMAGE] },
  { id: 'black-forest-labs/FLUX.1-kontext-dev', capabilities: ['image-to-image'], displayName: 'FLUX.1 Kontext [dev]', default: true, price: { usd: 0.025, per: 'megapixel' }, supports: [...IMAGE] },
  { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', capabilities: ['text-to-text'], displayName: 'Llama 3.3 70B Instruct Turbo', default: true, price: { usd: 0.88, per: '1m-tokens' }, supports: ['seed', 'count'] },
  { id: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', capabilities: ['text-to-text'], displayName: 'Llama 3.1 8B Instruct Turbo', price: { usd: 0.18, per: '1m-tokens' }, supports: ['seed', 'count'] },
  { id: 'Qwen/Qwen2.5-7B-Instruct-Turbo', capabilities: ['text-to-text'], displayName: 'Qwen 2.5 7B Instruct Turbo', price: { usd: 0.3, per: '1m-tokens' }, supports: ['seed', 'count'] },
];
