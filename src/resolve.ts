/**
 * Which provider and model serve a request (design.md section 4): the --provider flag, then a
 * `provider:model` model, then config `defaults.<kind>`, then the first configured provider with the
 * capability, then `local`.
 */
import type { Capability, Kind } from './kinds.js';
import type { Registry, RegistryEntry } from './registry.js';
import type { AutomarketConfig } from './config/types.js';
import type { ModelInfo } from './plugin/types.js';
import { UsageError } from './errors.js';

export interface Resolution {
  providerId: string;
  /** The model as named by the user or config, or undefined to let the provider's catalogue choose. */
  model?: string;
  /** How the provider was chosen, for --dry-run and --verbose. */
  reason: 'flag' | 'model-prefix' | 'config-default' | 'first-configured' | 'fallback-local' | 'interactive';
}

export interface ResolveInput {
  kind: Kind;
  capability: Capability;
  provider?: string;
  model?: string;
  config: AutomarketConfig;
  registry: Registry;
  isConfigured: (entry: RegistryEntry) => boolean;
}

export function splitProviderModel(value: string, registry: Registry): { provider?: string; model: string } {
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    if (registry.has(prefix)) return { provider: prefix, model: value.slice(colon + 1) };
  }
  return { model: value };
}

export function resolveProvider(input: ResolveInput): Resolution {
  const { registry } = input;
  let resolution: Resolution | undefined;
  const fromModel = input.model ? splitProviderModel(input.model, registry) : undefined;
  if (input.provider) {
    if (!registry.has(input.provider)) {
      throw new UsageError(`Unknown provider "${input.provider}"`, {
        hint: `known providers: ${registry.ids().join(', ')} (automarket providers list)`,
      });
    }
    if (fromModel?.provider && fromModel.provider !== input.provider) {
      throw new UsageError(`--provider ${input.provider} conflicts with --model ${input.model}`, { hint: 'name the provider once' });
    }
    resolution = { providerId: input.provider, model: fromModel?.model, reason: 'flag' };
  } else if (fromModel?.provider) {
    resolution = { providerId: fromModel.provider, model: fromModel.model, reason: 'model-prefix' };
  } else {
    const configured = input.config.defaults?.[input.kind];
    if (configured) {
      const split = splitProviderModel(configured, registry);
      const providerId = split.provider ?? (registry.has(configured) ? configured : undefined);
      if (!providerId) {
        throw new UsageError(`defaults.${input.kind} names an unknown provider: ${configured}`, {
          hint: `fix defaults.${input.kind} in your config; known providers: ${registry.ids().join(', ')}`,
        });
      }
      const entry = registry.get(providerId)!;
      if (entry.manifest.capabilities.includes(input.capability)) {
        resolution = { providerId, model: fromModel?.model ?? (split.provider ? split.model : undefined), reason: 'config-default' };
      }
    }
    if (!resolution) {
      const first = registry
        .list()
        .find((e) => e.manifest.id !== 'local' && e.manifest.type !== 'local' && e.manifest.capabilities.includes(input.capability) && input.isConfigured(e));
      if (first) resolution = { providerId: first.manifest.id, model: fromModel?.model, reason: 'first-configured' };
    }
    resolution ??= { providerId: 'local', model: fromModel?.model, reason: 'fallback-local' };
  }
  const entry = registry.get(resolution.providerId)!;
  if (!entry.manifest.capabilities.includes(input.capability)) {
    const able = registry
      .list()
      .filter((e) => e.manifest.capabilities.includes(input.capability))
      .map((e) => e.manifest.id);
    throw new UsageError(`Provider ${resolution.providerId} cannot do ${input.capability}`, {
      hint: able.length ? `providers that can: ${able.join(', ')}` : `no provider can do ${input.capability} yet`,
    });
  }
  return resolution;
}

/** The model for a capability: the one named, else the catalogue's default, else its first. */
export function chooseModel(models: ModelInfo[], capability: Capability, named: string | undefined, providerDefault?: string): string | undefined {
  if (named) return named;
  if (providerDefault) return providerDefault;
  const able = models.filter((m) => m.capabilities.includes(capability));
  return (able.find((m) => m.default) ?? able[0])?.id;
}
