/**
 * Whether a service-backed provider is usable right now, for `providers list`: its service must
 * answer its health URL. One short probe per bound service (in parallel by the caller), no Docker
 * call: a list of providers must stay quick even when the engine is slow or absent.
 */
import type { Context } from '../context.js';
import type { AutomarketConfig } from '../config/types.js';
import type { RegistryEntry } from '../registry.js';
import { boundService } from './ensure-running.js';
import { allServices, healthUrl } from './catalog.js';
import { probe } from './health.js';

/** How long `providers list` waits on one health URL: a running local service answers in ms. */
export const LIST_PROBE_TIMEOUT_MS = 1500;

export interface ServiceReadiness {
  service: string;
  running: boolean;
  reason?: string;
}

/** Undefined for providers bound to no service. */
export async function providerServiceReadiness(ctx: Context, entry: RegistryEntry, config: AutomarketConfig): Promise<ServiceReadiness | undefined> {
  const name = boundService(entry, config.providers?.[entry.manifest.id]);
  if (!name) return undefined;
  const def = allServices(config).find((s) => s.name === name);
  if (!def) return { service: name, running: false, reason: `service ${name} is not defined: declare services.${name} in your config` };
  const answer = await probe(ctx.http, healthUrl(def), LIST_PROBE_TIMEOUT_MS);
  if (answer.healthy) return { service: name, running: true };
  return { service: name, running: false, reason: `service ${name} is not running: automarket service start ${name}` };
}
