/**
 * Before a provider that lives in a Docker service runs: is the service answering? If not, start it
 * when the provider's config says `autoStart: true`, otherwise stop with the exact command that
 * starts it. One HTTP probe, no Docker call, when the service is up (the usual case).
 */
import type { Context } from '../context.js';
import { ConfigError, ServiceError, UsageError } from '../errors.js';
import type { RegistryEntry } from '../registry.js';
import { findService, healthUrl } from './catalog.js';
import { probe } from './health.js';

/** The service a provider is bound to: its manifest's `service`, or `providers.<id>.service` in config. */
export function boundService(entry: RegistryEntry, settings: Record<string, unknown> | undefined): string | undefined {
  if (typeof settings?.service === 'string' && settings.service) return settings.service;
  return entry.manifest.service;
}

export async function ensureProviderService(ctx: Context, entry: RegistryEntry): Promise<void> {
  const { config } = await ctx.config();
  const id = entry.manifest.id;
  const settings = config.providers?.[id];
  const name = boundService(entry, settings);
  if (!name) return;
  let def;
  try {
    def = findService(config, name);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw new ConfigError(`Provider ${id} needs service "${name}", which is not defined`, {
      hint: `declare services.${name} (compose file and url) in your config, or fix providers.${id}.service`,
    });
  }
  const answer = await probe(ctx.http, healthUrl(def), 3000);
  if (answer.healthy) return;
  if (settings?.autoStart === true) {
    ctx.ui.note(`Service ${name} is not running: starting it (providers.${id}.autoStart)`);
    const { startService } = await import('./lifecycle.js');
    await startService(ctx, def);
    return;
  }
  throw new ServiceError(`Service ${name} is not running (provider ${id} needs it at ${def.url})`, {
    code: 'SERVICE_DOWN',
    hint: `start it with \`automarket service start ${name}\`, or set providers.${id}.autoStart to true to start it when needed`,
    data: { service: name, provider: id },
  });
}
