/** Fills the registry: built-in providers, then providers declared in config, then plugins (config `plugins`). */
import type { Context } from './context.js';
import { Registry } from './registry.js';
import { builtinProviders } from '../providers/builtin.js';

export async function buildRegistry(ctx: Context): Promise<Registry> {
  const registry = new Registry();
  for (const entry of builtinProviders) registry.add(entry);
  const { config } = await ctx.config();
  if (config.plugins?.length) {
    // Manifests only: no plugin code is imported until one of its providers runs.
    const { discoverPlugins } = await import('./plugins/discover.js');
    const { addPluginProviders } = await import('./plugins/entries.js');
    const records = await discoverPlugins(ctx);
    addPluginProviders(registry, records);
    for (const record of records) {
      if (record.errors.length) ctx.ui.warn(`plugin ${record.name}: ${record.errors[0]}${record.errors.length > 1 ? ` (+${record.errors.length - 1} more)` : ''} (automarket plugins list)`);
    }
  }
  return registry;
}
