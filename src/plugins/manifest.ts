/**
 * The `automarket` field of a plugin's package.json: what the plugin offers (providers, services)
 * and where its code is. `providers list` reads only this, so listing never runs plugin code.
 *
 *   "automarket": {
 *     "entry": "./src/index.js",
 *     "providers": [{ "id": "example", "displayName": "Example", "type": "remote",
 *                     "capabilities": ["text-to-image"], "apiKeyEnv": "EXAMPLE_KEY", "models": [...] }],
 *     "services": [{ "name": "example", "compose": "./service/docker-compose.yml", "url": "http://127.0.0.1:8787", "health": "/health" }]
 *   }
 */
import path from 'node:path';
import { CAPABILITIES, isCapability, type Capability } from '../kinds.js';
import type { ModelInfo, ProviderType } from '../plugin/types.js';
import type { ProviderManifest } from '../registry.js';

export interface PluginServiceManifest {
  name: string;
  /** Absolute path of the compose file (resolved against the plugin's directory). */
  compose: string;
  url: string;
  health?: string;
  /** The provider this service serves, when the plugin says. */
  provider?: string;
  startTimeout?: number;
}

export interface PluginManifest {
  /** Absolute path of the module to import when one of its providers runs. */
  entry: string;
  providers: Array<ProviderManifest & { models?: ModelInfo[] }>;
  services: PluginServiceManifest[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const TYPES: ProviderType[] = ['remote', 'local', 'service'];

/** Reads the manifest; returns the problems instead when it is malformed (each names the key). */
export function parsePluginManifest(pkg: Record<string, unknown>, dir: string): { manifest?: PluginManifest; problems: string[] } {
  const raw = pkg.automarket;
  if (raw === undefined) return { problems: ['its package.json has no "automarket" field (see docs/adding-a-provider.md)'] };
  if (!isObject(raw)) return { problems: ['"automarket" in its package.json must be an object'] };
  const problems: string[] = [];

  const entryField = raw.entry ?? pkg.main ?? 'index.js';
  if (typeof entryField !== 'string') problems.push('automarket.entry must be a path string');

  const providers: PluginManifest['providers'] = [];
  const rawProviders = raw.providers ?? [];
  if (!Array.isArray(rawProviders)) problems.push('automarket.providers must be a list');
  else rawProviders.forEach((p, i) => {
    const found = checkProvider(p, `automarket.providers[${i}]`);
    problems.push(...found.problems);
    if (found.provider) providers.push(found.provider);
  });

  const services: PluginServiceManifest[] = [];
  const rawServices = raw.services ?? [];
  if (!Array.isArray(rawServices)) problems.push('automarket.services must be a list');
  else rawServices.forEach((s, i) => {
    const at = `automarket.services[${i}]`;
    if (!isObject(s)) return problems.push(`${at} must be an object`);
    if (typeof s.name !== 'string' || !ID_PATTERN.test(s.name)) return problems.push(`${at}.name must be a lowercase identifier`);
    if (typeof s.compose !== 'string') return problems.push(`${at}.compose must be the path of a compose file`);
    if (typeof s.url !== 'string') return problems.push(`${at}.url must be the service's URL`);
    services.push({
      name: s.name,
      compose: path.resolve(dir, s.compose),
      url: s.url,
      ...(typeof s.health === 'string' ? { health: s.health } : {}),
      ...(typeof s.provider === 'string' ? { provider: s.provider } : {}),
      ...(typeof s.startTimeout === 'number' ? { startTimeout: s.startTimeout } : {}),
    });
  });

  if (providers.length === 0 && services.length === 0 && problems.length === 0) {
    problems.push('automarket.providers and automarket.services are both empty: the plugin adds nothing');
  }
  if (problems.length) return { problems };
  return { manifest: { entry: path.resolve(dir, entryField as string), providers, services }, problems };
}

function checkProvider(p: unknown, at: string): { provider?: PluginManifest['providers'][number]; problems: string[] } {
  if (!isObject(p)) return { problems: [`${at} must be an object`] };
  const problems: string[] = [];
  if (typeof p.id !== 'string' || !ID_PATTERN.test(p.id)) problems.push(`${at}.id must be a lowercase identifier`);
  if (typeof p.displayName !== 'string') problems.push(`${at}.displayName must be a string`);
  if (!TYPES.includes(p.type as ProviderType)) problems.push(`${at}.type must be remote, local or service`);
  const caps = p.capabilities;
  if (!Array.isArray(caps) || caps.length === 0) problems.push(`${at}.capabilities must be a non-empty list`);
  else {
    const bad = caps.filter((c) => !isCapability(String(c)));
    if (bad.length) problems.push(`${at}.capabilities: unknown ${bad.join(', ')} (known: ${CAPABILITIES.join(', ')})`);
  }
  for (const key of ['apiKeyEnv', 'baseUrlEnv', 'defaultBaseUrl', 'service'] as const) {
    if (p[key] !== undefined && typeof p[key] !== 'string') problems.push(`${at}.${key} must be a string`);
  }
  if (p.requiresKey !== undefined && typeof p.requiresKey !== 'boolean') problems.push(`${at}.requiresKey must be true or false`);
  if (p.models !== undefined && !Array.isArray(p.models)) problems.push(`${at}.models must be a list`);
  if (problems.length) return { problems };
  const provider: PluginManifest['providers'][number] = {
    id: p.id as string,
    displayName: p.displayName as string,
    type: p.type as ProviderType,
    capabilities: caps as Capability[],
  };
  for (const key of ['apiKeyEnv', 'baseUrlEnv', 'defaultBaseUrl', 'service'] as const) if (typeof p[key] === 'string') provider[key] = p[key] as string;
  if (typeof p.requiresKey === 'boolean') provider.requiresKey = p.requiresKey;
  if (Array.isArray(p.models)) provider.models = p.models as ModelInfo[];
  return { provider, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
