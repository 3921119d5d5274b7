/** `models list [provider]`: the offline catalogues plus whatever discovery has cached. No network. */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { isKind, KINDS, type Kind } from '../kinds.js';
import { readCache } from './cache.js';
import { producesKind, renderRows, toRow, type ModelRow } from './rows.js';

export interface ModelsListFlags {
  kind?: string;
  json?: boolean;
}

export function parseKind(value: string | undefined): Kind | undefined {
  if (value === undefined) return undefined;
  if (!isKind(value)) throw new UsageError(`Unknown kind "${value}"`, { hint: `use one of: ${KINDS.join(', ')}` });
  return value;
}

export async function targetEntries(ctx: Context, provider: string | undefined) {
  const registry = await ctx.registry();
  if (provider === undefined) return registry.list();
  const entry = registry.get(provider);
  if (!entry) throw new UsageError(`Unknown provider "${provider}"`, { hint: `known providers: ${registry.ids().join(', ')} (automarket providers list)` });
  return [entry];
}

export async function modelsList(ctx: Context, provider: string | undefined, flags: ModelsListFlags): Promise<ModelRow[]> {
  const kind = parseKind(flags.kind);
  const registry = await ctx.registry();
  const rows: ModelRow[] = [];
  for (const entry of await targetEntries(ctx, provider)) {
    const id = entry.manifest.id;
    let catalogue: ModelRow[] = [];
    try {
      catalogue = (await registry.load(id)).models.map((m) => toRow(id, m, 'catalogue'));
    } catch (err) {
      if (provider !== undefined) throw err;
      ctx.ui.warn(`${id}: ${(err as Error).message}`);
    }
    const known = new Set(catalogue.map((r) => r.id));
    const cached = (readCache(ctx.paths.cacheDir, id)?.models ?? []).filter((m) => !known.has(m.id)).map((m) => toRow(id, m, 'discovered'));
    rows.push(...catalogue, ...cached);
  }
  const shown = rows.filter((r) => producesKind(r, kind));
  if (ctx.options.json) for (const r of shown) ctx.out(JSON.stringify(r));
  else if (shown.length) ctx.out(renderRows(shown));
  else ctx.ui.note('No models match.');
  return shown;
}
