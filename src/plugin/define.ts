import { CAPABILITIES, isCapability } from '../kinds.js';
import { PLUGIN_API_VERSION, type ProviderPlugin } from './types.js';

/** A plugin that breaks the interface: names the plugin and what is wrong. */
export class PluginShapeError extends Error {
  constructor(readonly pluginId: string, readonly problems: string[]) {
    super(`provider "${pluginId}" is not a valid plugin: ${problems.join('; ')}`);
    this.name = 'PluginShapeError';
  }
}

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** Lists what is wrong with a provider object (empty when it is valid). */
export function checkProviderShape(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) return ['it is not an object'];
  const p = value as Partial<ProviderPlugin> & Record<string, unknown>;
  if (p.apiVersion !== PLUGIN_API_VERSION) {
    problems.push(`apiVersion is ${JSON.stringify(p.apiVersion)}, this automarket supports ${PLUGIN_API_VERSION}`);
  }
  if (typeof p.id !== 'string' || !ID_PATTERN.test(p.id)) problems.push('id must be a lowercase identifier');
  if (typeof p.displayName !== 'string') problems.push('displayName must be a string');
  if (!['remote', 'local', 'service'].includes(p.type as string)) problems.push('type must be remote, local or service');
  if (!Array.isArray(p.capabilities) || p.capabilities.length === 0) {
    problems.push('capabilities must be a non-empty list');
  } else {
    const bad = p.capabilities.filter((c) => !isCapability(String(c)));
    if (bad.length) problems.push(`unknown capabilities ${bad.join(', ')} (known: ${CAPABILITIES.join(', ')})`);
  }
  if (!Array.isArray(p.models)) problems.push('models must be a list (it may be empty)');
  if (typeof p.generate !== 'function') problems.push('generate must be a function');
  for (const optional of ['discoverModels', 'pullModel', 'resume', 'cancel', 'checkAvailable'] as const) {
    if (p[optional] !== undefined && typeof p[optional] !== 'function') problems.push(`${optional} must be a function`);
  }
  return problems;
}

/**
 * Declares a provider. Checks its shape at once, so a broken plugin fails where it is defined and
 * is reported with its name, while every other provider keeps working.
 */
export function defineProvider<T extends ProviderPlugin>(plugin: T): T {
  const problems = checkProviderShape(plugin);
  if (problems.length) {
    throw new PluginShapeError(String((plugin as { id?: unknown })?.id ?? 'unknown'), problems);
  }
  return Object.freeze(plugin);
}
