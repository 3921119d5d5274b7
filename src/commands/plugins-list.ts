/**
 * `automarket plugins list`: each plugin with its version, the providers and services it adds, and
 * what is wrong with it. Built-in providers are listed first, as the plugin they are.
 */
import type { Context } from '../context.js';
import { renderTable } from '../ui/table.js';
import { discoverPlugins } from '../plugins/discover.js';
import { checkPluginCode } from '../plugins/check.js';
import { builtinProviders } from '../../providers/builtin.js';

export interface PluginRow {
  name: string;
  version?: string;
  origin: 'builtin' | 'plugin';
  spec?: string;
  location?: string;
  scope?: string;
  providers: string[];
  services: string[];
  ok: boolean;
  errors: string[];
}

export async function pluginRows(ctx: Context): Promise<PluginRow[]> {
  const registry = await ctx.registry(); // adds id conflicts to the records
  void registry;
  const records = await discoverPlugins(ctx);
  const rows: PluginRow[] = [
    { name: 'automarket (built-in)', version: ctx.version, origin: 'builtin', providers: builtinProviders.map((e) => e.manifest.id), services: [], ok: true, errors: [] },
  ];
  for (const record of records) {
    const errors = [...record.errors];
    if (errors.length === 0) errors.push(...(await checkPluginCode(record)));
    rows.push({
      name: record.name,
      ...(record.version ? { version: record.version } : {}),
      origin: 'plugin',
      spec: record.spec,
      ...(record.location ? { location: record.location } : {}),
      ...(record.scope ? { scope: record.scope } : {}),
      providers: record.providers.map((p) => p.id),
      services: record.services.map((s) => s.name),
      ok: errors.length === 0,
      errors,
    });
  }
  return rows;
}

export async function pluginsList(ctx: Context): Promise<void> {
  const rows = await pluginRows(ctx);
  if (ctx.options.json) {
    for (const row of rows) ctx.out(JSON.stringify(row));
    return;
  }
  ctx.out(
    renderTable(
      ['NAME', 'VERSION', 'PROVIDERS', 'SERVICES', 'STATUS'],
      rows.map((r) => [r.name, r.version ?? '-', r.providers.join(', ') || '-', r.services.join(', ') || '-', r.ok ? 'ok' : `error: ${r.errors.join('; ')}`]),
    ),
  );
}
