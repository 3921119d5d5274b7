/**
 * Discovered model lists, one JSON file per provider under the cache dir (AUTOMARKET_HOME/cache
 * when set). A list is fresh for `models.cacheTtlHours` (default 24); stale ones are still shown by
 * `models list`, which never touches the network.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelInfo } from '../plugin/types.js';

export const DEFAULT_TTL_HOURS = 24;

export interface CachedModels {
  provider: string;
  fetchedAt: number;
  models: ModelInfo[];
}

export function cacheFile(cacheDir: string, provider: string): string {
  return path.join(cacheDir, 'models', `${provider}.json`);
}

export function readCache(cacheDir: string, provider: string): CachedModels | undefined {
  try {
    const parsed = JSON.parse(readFileSync(cacheFile(cacheDir, provider), 'utf8')) as CachedModels;
    return typeof parsed?.fetchedAt === 'number' && Array.isArray(parsed.models) ? parsed : undefined;
  } catch {
    return undefined; // missing or torn: treated as no cache
  }
}

export function writeCache(cacheDir: string, entry: CachedModels): void {
  const file = cacheFile(cacheDir, entry.provider);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(entry));
  renameSync(tmp, file);
}

export function isFresh(entry: CachedModels, now: number, ttlHours: number): boolean {
  return now - entry.fetchedAt < ttlHours * 3_600_000 && entry.fetchedAt <= now;
}
