/** Provider `openai`: images (generate and edit), speech, transcription and chat on OpenAI's API. */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type DiscoverOptions, type GenerateRequest, type GenerateResult, type ProviderContext } from '../../src/plugin/types.js';
import { openaiManifest } from './manifest.js';
import { OPENAI_MODELS } from './models.js';
import { openAIErrorDescriber } from './errors.js';
import type { Endpoint } from './endpoint.js';
import { listModels, toModelInfos } from './discover.js';
import { runOpenAIRequest } from './dispatch.js';

function endpoint(ctx: ProviderContext, key: string): Endpoint {
  return {
    ctx,
    baseUrl: ctx.baseUrl,
    key,
    label: 'OpenAI',
    describeError: openAIErrorDescriber('OpenAI', 'OPENAI_API_KEY'),
    catalogue: OPENAI_MODELS,
    openaiRules: true,
  };
}

export default defineProvider({
  ...openaiManifest,
  apiVersion: PLUGIN_API_VERSION,
  models: OPENAI_MODELS,
  async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
    const ep = endpoint(ctx, ctx.apiKey());
    return runOpenAIRequest(request, ep, String(ctx.settings.voice ?? 'alloy'), 'openai');
  },
  async discoverModels(ctx: ProviderContext, options: DiscoverOptions) {
    const ep = endpoint(ctx, ctx.apiKey());
    return toModelInfos(await listModels(ep), OPENAI_MODELS, options);
  },
});
