/** Fills the registry: built-in providers, then providers declared in config, then plugins (config `plugins`). */
import type { Context } from './context.js';
import { Registry } from './registry.js';
import { builtinProviders } from '../providers/builtin.js';
import { compatibleManifest } from '../providers/openai-compatible/manifest.js';

export async function buildRegistry(ctx: Context): Promise<Registry> {
  const registry = new Registry();
  for (const entry of builtinProviders) registry.add(entry);
  const { config } = await ctx.config();
  // `"type": "openai-compatible"` declares a new provider: its manifest from config, its models
  // from config or, when it names none, from the server's /models when it is loaded to run.
  for (const [id, settings] of Object.entries(config.providers ?? {})) {
    if (settings.type !== 'openai-compatible') continue;
    const manifest = compatibleManifest(id, settings);
    registry.add({
      manifest,
      origin: 'config',
      load: async () => {
        const { createCompatibleProvider, configuredModels, discoverForCatalogue } = await import('../providers/openai-compatible/provider.js');
        let models = configuredModels(settings, manifest.capabilities);
        if (models.length === 0) {
          const { createProviderContext } = await import('./provider-context.js');
          models = await discoverForCatalogue(manifest, await createProviderContext(ctx, registry.get(id)!));
        }
        return createCompatibleProvider(manifest, settings, models);
      },
    });
  }
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
