/**
 * The plugin for one config-declared OpenAI-compatible server. Models come from the config
 * (`models`, `defaultModel`); when the config names none, from the server's `GET /models`, read
 * once when the provider is loaded to run.
 */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type DiscoverOptions, type GenerateRequest, type GenerateResult, type ModelInfo, type ProviderContext, type ProviderPlugin } from '../../src/plugin/types.js';
import { AutomarketError } from '../../src/errors.js';
import type { ProviderManifest } from '../../src/registry.js';
import type { ProviderConfig } from '../../src/config/types.js';
import type { Capability } from '../../src/kinds.js';
import { HttpStatusError } from '../../src/http.js';
import { openAIErrorDescriber } from '../openai/errors.js';
import type { Endpoint } from '../openai/endpoint.js';
import { listModels, toModelInfos } from '../openai/discover.js';
import { runOpenAIRequest } from '../openai/dispatch.js';

/** Models the config names, each with the provider's capabilities unless it says its own. */
export function configuredModels(settings: ProviderConfig, capabilities: Capability[]): ModelInfo[] {
  const models: ModelInfo[] = (settings.models ?? []).map((m) =>
    typeof m === 'string' ? { id: m, capabilities: [...capabilities], source: 'catalogue' } : { id: m.id, capabilities: m.capabilities?.length ? [...m.capabilities] : [...capabilities], source: 'catalogue' },
  );
  if (typeof settings.defaultModel === 'string' && !models.some((m) => m.id === settings.defaultModel)) {
    models.unshift({ id: settings.defaultModel, capabilities: [...capabilities], source: 'catalogue' });
  }
  return models;
}

export function createCompatibleProvider(manifest: ProviderManifest, settings: ProviderConfig, models: ModelInfo[]): ProviderPlugin {
  const label = manifest.id;
  const describeError = openAIErrorDescriber(label);
  const endpoint = (ctx: ProviderContext): Endpoint => ({
    ctx,
    baseUrl: ctx.baseUrl,
    key: ctx.optionalApiKey(),
    label,
    describeError,
    catalogue: models,
    openaiRules: false,
  });
  return defineProvider({
    ...manifest,
    apiVersion: PLUGIN_API_VERSION,
    models,
    async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
      const ep = endpoint(ctx);
      return runOpenAIRequest(request, ep, typeof settings.voice === 'string' ? settings.voice : 'alloy', label);
    },
    async discoverModels(ctx: ProviderContext, options: DiscoverOptions): Promise<ModelInfo[]> {
      return toModelInfos(await listModels(endpoint(ctx)), models, options, manifest.capabilities);
    },
  });
}

/**
 * The catalogue when the config names no model: the server's own list. A server that cannot be
 * reached fails here with the network error (saying to start it), not later with "no model".
 */
export async function discoverForCatalogue(manifest: ProviderManifest, ctx: ProviderContext): Promise<ModelInfo[]> {
  const ep: Endpoint = { ctx, baseUrl: ctx.baseUrl, key: ctx.optionalApiKey(), label: manifest.id, describeError: openAIErrorDescriber(manifest.id), catalogue: [], openaiRules: false };
  try {
    return toModelInfos(await listModels(ep, 15_000, 'none'), [], {}, manifest.capabilities);
  } catch (err) {
    if (!(err instanceof AutomarketError)) throw err;
    // A server without a model list is still usable with -m or providers.<id>.models.
    if (err instanceof HttpStatusError && [404, 405, 501].includes(err.statusCode)) {
      ctx.debug(`no model list at ${ctx.baseUrl}/models (${err.statusCode})`);
      return [];
    }
    const start = manifest.service ? `start it (automarket service start ${manifest.service})` : 'start the server';
    throw new AutomarketError(`${manifest.id}: cannot list the models at ${ctx.baseUrl}/models: ${err.message}`, err.exitCode, {
      code: err.code,
      hint: `${start}, or name its models in providers.${manifest.id}.models (or use -m)`,
      cause: err,
    });
  }
}
