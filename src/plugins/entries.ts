/**
 * Registry entries for plugin providers: the manifest now, the code only when the provider runs.
 * Built-in providers enter the same registry the same way (providers/builtin.ts).
 */
import type { ProviderPlugin } from '../plugin/types.js';
import type { Registry, RegistryEntry } from '../registry.js';
import type { PluginRecord } from './discover.js';
import { importPluginModule } from './module.js';

/** The provider `id` from a plugin's code; throws saying what is wrong when it is not there. */
export async function loadPluginProvider(record: PluginRecord, id: string): Promise<ProviderPlugin> {
  if (!record.entry) throw new Error(`plugin ${record.name} has no entry to import`);
  const list = await importPluginModule(record.entry);
  const found = list.find((p) => (p as { id?: unknown } | null)?.id === id);
  if (!found) {
    const ids = list.map((p) => String((p as { id?: unknown } | null)?.id ?? '?')).join(', ') || 'none';
    throw new Error(`its manifest lists provider ${id} but its code exports ${ids}`);
  }
  return found as ProviderPlugin;
}

/**
 * Adds each plugin's providers to the registry. An id already taken (a built-in, or another
 * plugin) is an error on the later plugin; the first owner keeps working.
 */
export function addPluginProviders(registry: Registry, records: PluginRecord[]): void {
  for (const record of records) {
    for (const manifest of record.providers) {
      const taken = registry.get(manifest.id);
      if (taken) {
        record.errors.push(`provider id ${manifest.id} is already taken by ${taken.origin === 'builtin' ? 'a built-in provider' : (taken.source ?? taken.origin)}; rename it`);
        continue;
      }
      const entry: RegistryEntry = {
        manifest,
        origin: 'plugin',
        source: record.name,
        load: () => loadPluginProvider(record, manifest.id),
      };
      registry.add(entry);
    }
    for (const message of record.errors) registry.loadErrors.push({ source: record.name, message });
  }
}
