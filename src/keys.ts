/**
 * API keys: read lazily, only when a provider needs one. Precedence: the config's apiKey (usually
 * `${ENV}`), then the provider's environment variable, then a key stored by `automarket keys set`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ProviderManifest } from './registry.js';

export type KeySource = 'config' | 'env' | 'stored';

export interface ResolvedKey {
  value?: string;
  source?: KeySource;
}

export function readStoredKeys(keysFile: string): Record<string, string> {
  if (!existsSync(keysFile)) return {};
  try {
    const data = JSON.parse(readFileSync(keysFile, 'utf8')) as unknown;
    return data && typeof data === 'object' ? (data as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function resolveApiKey(
  manifest: Pick<ProviderManifest, 'id' | 'apiKeyEnv'>,
  settings: Record<string, unknown> | undefined,
  env: Readonly<Record<string, string | undefined>>,
  keysFile: string,
): ResolvedKey {
  const fromConfig = settings?.apiKey;
  if (typeof fromConfig === 'string' && fromConfig !== '') return { value: fromConfig, source: 'config' };
  const fromEnv = manifest.apiKeyEnv ? env[manifest.apiKeyEnv] : undefined;
  if (fromEnv) return { value: fromEnv, source: 'env' };
  const stored = readStoredKeys(keysFile)[manifest.id];
  if (stored) return { value: stored, source: 'stored' };
  return {};
}
