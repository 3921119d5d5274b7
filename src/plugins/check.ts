/**
 * Deep check for `plugins list`: imports each plugin's code and checks every provider its manifest
 * lists against the plugin interface and against the manifest. The only place that imports plugin
 * code without running a provider, because the user asked to see what is wrong.
 */
import { checkProviderShape } from '../plugin/define.js';
import type { ProviderPlugin } from '../plugin/types.js';
import type { PluginRecord } from './discover.js';
import { loadPluginProvider } from './entries.js';

export async function checkPluginCode(record: PluginRecord): Promise<string[]> {
  if (record.scope === 'file' || !record.entry || record.providers.length === 0) return [];
  const problems: string[] = [];
  for (const manifest of record.providers) {
    let plugin: ProviderPlugin;
    try {
      plugin = await loadPluginProvider(record, manifest.id);
    } catch (err) {
      problems.push(`provider ${manifest.id}: ${(err as Error).message}`);
      // One import failure explains every provider of the module: say it once.
      if (/^importing |exports no providers|does not exist/.test((err as Error).message)) break;
      continue;
    }
    const shape = checkProviderShape(plugin);
    if (shape.length) {
      problems.push(`provider ${manifest.id}: ${shape.join('; ')}`);
      continue;
    }
    if (plugin.type !== manifest.type) problems.push(`provider ${manifest.id}: manifest says type ${manifest.type}, code says ${plugin.type}`);
    const missing = manifest.capabilities.filter((c) => !plugin.capabilities.includes(c));
    if (missing.length) problems.push(`provider ${manifest.id}: manifest lists ${missing.join(', ')} that the code does not declare`);
  }
  return problems;
}
