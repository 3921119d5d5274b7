/**
 * Cost estimates from the catalogue's published prices (ModelInfo.price). An estimate is what one
 * request would cost at the provider's list price; undefined when the model has no published price.
 */
import type { GenerateRequest, ModelInfo } from '../plugin/types.js';
import { UsageError } from '../errors.js';
import { numberHint } from '../generate/options.js';

type Estimable = Pick<GenerateRequest, 'kind' | 'prompt' | 'count' | 'size' | 'aspect' | 'durationSeconds'>;

/** Defaults a provider applies when the request does not say: 1024x1024 images, 5 s clips. */
const DEFAULT_PIXELS = 1024 * 1024;
const DEFAULT_SECONDS: Record<string, number> = { video: 5, audio: 10, image: 0, text: 0 };

export function estimateCost(model: ModelInfo | undefined, request: Estimable): number | undefined {
  const price = model?.price;
  if (!price) return undefined;
  const count = Math.max(1, request.count);
  let units: number;
  switch (price.per) {
    case 'image':
    case 'request':
      units = count;
      break;
    case 'megapixel': {
      const pixels = request.size ? request.size.width * request.size.height : aspectPixels(request.aspect);
      units = (pixels / 1_000_000) * count;
      break;
    }
    case 'second':
      units = (request.durationSeconds ?? DEFAULT_SECONDS[request.kind] ?? 5) * count;
      break;
    case 'minute':
      units = ((request.durationSeconds ?? DEFAULT_SECONDS[request.kind] ?? 60) / 60) * count;
      break;
    case '1k-characters':
      units = (request.prompt.length / 1000) * count;
      break;
    case '1m-tokens':
      // About four characters a token, and a reply about as long again as the prompt plus 500 tokens.
      units = ((request.prompt.length / 4) * 2 + 500) / 1_000_000 * count;
      break;
    default:
      return undefined;
  }
  return roundUsd(price.usd * units);
}

function aspectPixels(aspect: { width: number; height: number } | undefined): number {
  if (!aspect) return DEFAULT_PIXELS;
  const ratio = aspect.width / aspect.height;
  return ratio >= 1 ? 1024 * (1024 / ratio) : 1024 * ratio * 1024;
}

export function roundUsd(n: number): number {
  return Math.round(n * 1_000_000) / 1_000_000;
}

export function formatUsd(n: number): string {
  if (n === 0) return '$0.00';
  if (n < 0.01) return `$${n.toFixed(4)}`;
  return `$${n.toFixed(2)}`;
}

export function parseMaxCost(value: string): number {
  const n = Number(value.replace(/^\$/, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`Bad --max-cost "${value}": expected an amount in USD`, { hint: numberHint('--max-cost', 'an amount in USD, 0 or more', '0.50') });
  }
  return n;
}

/** Refuses (exit 2) when the estimate is over the limit; the message carries the estimate. */
export function checkMaxCost(estimate: number | undefined, maxCost: number | undefined, what: string, unknownCount = 0): void {
  if (maxCost === undefined) return;
  if (estimate !== undefined && estimate > maxCost) {
    throw new UsageError(`${what} is estimated at ${formatUsd(estimate)}, over --max-cost ${formatUsd(maxCost)}`, {
      code: 'COST_LIMIT',
      hint: 'raise --max-cost, choose a cheaper model (-m), or ask for less (--count, --size, --duration)',
      data: { estimatedCostUsd: estimate, maxCostUsd: maxCost, ...(unknownCount ? { unpricedItems: unknownCount } : {}) },
    });
  }
}
