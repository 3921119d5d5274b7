/**
 * Services that plugins ship, as plain data for the services commands (`service list`, `start`):
 * the same fields as a `services.<name>` config entry plus the plugin that declared it. Read from
 * the plugins' manifests, so no plugin code runs. Config entries of the same name win (the caller
 * decides; this returns every plugin service).
 */
import type { Context } from '../context.js';
import { discoverPlugins } from './discover.js';

export interface PluginService {
  name: string;
  /** Absolute path of the compose file inside the plugin package. */
  compose: string;
  url: string;
  health?: string;
  provider?: string;
  startTimeout?: number;
  /** Package name of the plugin that ships it. */
  plugin: string;
}

export async function pluginServices(ctx: Context): Promise<PluginService[]> {
  const records = await discoverPlugins(ctx);
  return records.flatMap((record) => record.services.map((service) => ({ ...service, plugin: record.name })));
}
