/**
 * `models discover [provider]`: asks each provider's `discoverModels` for its live list, caches it
 * (see cache.ts), and prints it. Providers are asked in parallel; one that fails is reported on
 * stderr (and as an `{"provider","error"}` line with --json) while the others still print.
 */
import type { Context } from '../context.js';
import { AutomarketError, ProviderError, UsageError } from '../errors.js';
import type { RegistryEntry } from '../registry.js';
import type { ModelInfo } from '../plugin/types.js';
import { createProviderContext, keyStatus } from '../provider-context.js';
import { providerServiceReadiness } from '../services/provider-status.js';
import { DEFAULT_TTL_HOURS, isFresh, readCache, writeCache } from './cache.js';
import { parseKind, targetEntries } from './list.js';
import { producesKind, renderRows, toRow, type ModelRow } from './rows.js';

export interface DiscoverFlags {
  kind?: string;
  refresh?: boolean;
  json?: boolean;
}

interface Outcome {
  provider: string;
  models?: ModelInfo[];
  cachedAt?: number;
  error?: unknown;
}

export async function modelsDiscover(ctx: Context, provider: string | undefined, flags: DiscoverFlags): Promise<ModelRow[]> {
  const kind = parseKind(flags.kind);
  const { config } = await ctx.config();
  const registry = await ctx.registry();
  const ttl = config.models?.cacheTtlHours ?? DEFAULT_TTL_HOURS;
  let entries = await targetEntries(ctx, provider);

  const able: RegistryEntry[] = [];
  for (const entry of entries) {
    const plugin = await registry.load(entry.manifest.id).catch((err: unknown) => {
      if (provider !== undefined) throw err;
      ctx.ui.warn(`${entry.manifest.id}: ${(err as Error).message}`);
      return undefined;
    });
    if (plugin?.discoverModels) able.push(entry);
    else if (plugin && provider !== undefined) {
      throw new UsageError(`Provider ${provider} has no live model list`, { hint: `its catalogue: automarket models list ${provider}` });
    }
  }
  entries = able;
  if (provider === undefined) {
    // Unnamed: only providers that can answer now; the others are named so the user knows.
    // A service-backed provider answers only while its service runs (one short health probe each).
    const readiness = await Promise.all(entries.map((e) => providerServiceReadiness(ctx, e, config)));
    const skipped = entries.filter((e, i) => !keyStatus(ctx, e, config.providers?.[e.manifest.id]).configured || readiness[i]?.running === false);
    if (skipped.length) ctx.ui.note(`Skipped (not configured): ${skipped.map((e) => e.manifest.id).join(', ')}. Name one to try it: automarket models discover <provider>`);
    entries = entries.filter((e) => !skipped.includes(e));
  }

  const outcomes = await Promise.all(entries.map((entry) => discoverOne(ctx, entry, Boolean(flags.refresh), ttl)));
  ctx.ui.stopStatus();
  // One provider that failed: its own error (and exit code) is the answer, reported once.
  if (outcomes.length === 1 && outcomes[0]!.error instanceof AutomarketError) throw outcomes[0]!.error;
  const rows: ModelRow[] = [];
  for (const o of outcomes) {
    if (o.error !== undefined) {
      const err = o.error as AutomarketError;
      ctx.ui.warn(`${o.provider}: model discovery failed: ${err.message}${err.hint ? ` (${err.hint})` : ''}`);
      if (ctx.options.json) ctx.out(JSON.stringify({ provider: o.provider, error: { code: err.code ?? 'ERROR', message: err.message, ...(err.hint ? { hint: err.hint } : {}) } }));
      continue;
    }
    if (o.cachedAt !== undefined) {
      const hours = (ctx.clock.now() - o.cachedAt) / 3_600_000;
      ctx.ui.note(`${o.provider}: ${o.models!.length} models from the cache (${hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`} old; --refresh fetches again)`);
    }
    rows.push(...o.models!.map((m) => toRow(o.provider, m, 'discovered')).filter((r) => producesKind(r, kind)));
  }
  if (ctx.options.json) for (const r of rows) ctx.out(JSON.stringify(r));
  else if (rows.length) ctx.out(renderRows(rows));

  const failed = outcomes.filter((o) => o.error !== undefined);
  if (failed.length && failed.length === outcomes.length) {
    throw new ProviderError(`Model discovery failed for ${failed.map((f) => f.provider).join(', ')}`, { hint: 'see the reasons above; run with --verbose for the requests' });
  }
  if (outcomes.length === 0) ctx.ui.note('No provider to ask: set a provider key (automarket providers list) or name one.');
  return rows;
}

async function discoverOne(ctx: Context, entry: RegistryEntry, refresh: boolean, ttlHours: number): Promise<Outcome> {
  const id = entry.manifest.id;
  const cached = readCache(ctx.paths.cacheDir, id);
  if (!refresh && cached && isFresh(cached, ctx.clock.now(), ttlHours)) return { provider: id, models: cached.models, cachedAt: cached.fetchedAt };
  try {
    const plugin = await (await ctx.registry()).load(id);
    const providerCtx = await createProviderContext(ctx, entry);
    ctx.ui.status(`Asking ${id} for its models`);
    const models = (await plugin.discoverModels!(providerCtx, {})).map((m) => ({ ...m, source: 'discovered' as const }));
    writeCache(ctx.paths.cacheDir, { provider: id, fetchedAt: ctx.clock.now(), models });
    return { provider: id, models };
  } catch (err) {
    return { provider: id, error: err instanceof AutomarketError ? err : new ProviderError((err as Error)?.message ?? String(err)) };
  }
}
