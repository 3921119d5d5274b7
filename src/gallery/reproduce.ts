/** The command that makes an asset again: shown in the gallery with a copy button. */
import type { GalleryAsset } from './collect.js';
import { shellQuote } from '../shell-quote.js';

export function reproduceCommand(asset: Pick<GalleryAsset, 'kind' | 'prompt' | 'provider' | 'model' | 'seed' | 'width' | 'height'>, sidecar: Record<string, unknown>): string | undefined {
  if (!asset.provider || !asset.model) return undefined;
  const args = ['automarket', 'generate', asset.kind];
  if (asset.prompt) args.push(asset.prompt);
  args.push('-m', `${asset.provider}:${asset.model}`);
  if (asset.seed !== undefined) args.push('--seed', String(asset.seed));
  if (asset.kind === 'image' && asset.width && asset.height) args.push('--size', `${asset.width}x${asset.height}`);
  const inputs = Array.isArray(sidecar.inputs) ? sidecar.inputs.filter((i): i is string => typeof i === 'string') : [];
  for (const input of inputs) args.push('-i', input);
  const params = sidecar.params && typeof sidecar.params === 'object' ? (sidecar.params as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(params)) args.push('-P', `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return args.map(shellQuote).join(' ');
}
