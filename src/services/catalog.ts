/**
 * Every service automarket knows: the built-in ones shipped under services/<name>/ (a compose file
 * and a service.json), then the ones declared in config (`services.<name>`), which win on a name
 * clash so a user can point a built-in name at their own compose project.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AutomarketConfig } from '../config/types.js';
import { UsageError } from '../errors.js';

export interface ServiceDefinition {
  name: string;
  origin: 'builtin' | 'config';
  description?: string;
  /** The compose file (absolute). */
  compose: string;
  /** Compose override for the GPU variant (absolute), when there is one. */
  gpu?: string;
  /** Where the service answers, without the health path. */
  url: string;
  /** Path appended to url that answers 2xx once the service is ready; none: trust Compose's health. */
  health?: string;
  /** The provider this service backs. */
  provider?: string;
  /** Seconds `service start` waits for health. */
  startTimeout: number;
}

/** A first start may download model weights: minutes, not seconds. */
export const DEFAULT_START_TIMEOUT = 300;

interface ServiceJson {
  description?: string;
  compose?: string;
  gpu?: string;
  url: string;
  health?: string;
  provider?: string;
  startTimeout?: number;
}

/** services/ ships at the package root: three levels up from dist/src/services, two from src/services. */
export function builtinServicesDir(): string {
  const candidates = ['../../../services', '../../services'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((p) => existsSync(path.join(p, 'ollama'))) ?? candidates[0]!;
}

export function builtinServices(dir = builtinServicesDir()): ServiceDefinition[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'service.json')))
    .map((d) => {
      const base = path.join(dir, d.name);
      const json = JSON.parse(readFileSync(path.join(base, 'service.json'), 'utf8')) as ServiceJson;
      const def: ServiceDefinition = {
        name: d.name,
        origin: 'builtin',
        compose: path.join(base, json.compose ?? 'docker-compose.yml'),
        url: json.url.replace(/\/+$/, ''),
        startTimeout: json.startTimeout ?? DEFAULT_START_TIMEOUT,
      };
      if (json.description) def.description = json.description;
      if (json.gpu) def.gpu = path.join(base, json.gpu);
      if (json.health) def.health = json.health;
      if (json.provider) def.provider = json.provider;
      return def;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Built-in services, then config-declared ones (paths already resolved against their config file). */
export function allServices(config: AutomarketConfig, dir?: string): ServiceDefinition[] {
  const byName = new Map<string, ServiceDefinition>();
  for (const def of builtinServices(dir)) byName.set(def.name, def);
  for (const [name, s] of Object.entries(config.services ?? {})) {
    const def: ServiceDefinition = {
      name,
      origin: 'config',
      compose: s.compose,
      url: s.url.replace(/\/+$/, ''),
      startTimeout: s.startTimeout ?? DEFAULT_START_TIMEOUT,
    };
    if (s.gpu) def.gpu = s.gpu;
    if (s.health) def.health = s.health;
    if (s.provider) def.provider = s.provider;
    byName.set(name, def);
  }
  return [...byName.values()];
}

export function findService(config: AutomarketConfig, name: string, dir?: string): ServiceDefinition {
  const services = allServices(config, dir);
  const found = services.find((s) => s.name === name);
  if (found) return found;
  throw new UsageError(`Unknown service "${name}"`, {
    code: 'UNKNOWN_SERVICE',
    hint: `known services: ${services.map((s) => s.name).join(', ') || '(none)'}; declare your own under "services" in the config`,
  });
}

/** The health URL: url + health path (or the url itself when there is no path). */
export function healthUrl(def: ServiceDefinition): string {
  if (!def.health) return def.url;
  return `${def.url}${def.health.startsWith('/') ? '' : '/'}${def.health}`;
}
