/** Provider `openai`: images (generate and edit), speech, transcription and chat on OpenAI's API. */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type DiscoverOptions, type GenerateRequest, type GenerateResult, type ProviderContext } from '../../src/plugin/types.js';
import { ProviderError } from '../../src/errors.js';
import { openaiManifest } from './manifest.js';
import { OPENAI_MODELS } from './models.js';
import { openAIErrorDescriber } from './errors.js';
import type { Endpoint } from './endpoint.js';
import { generateImages } from './images.js';
import { generateSpeech } from './speech.js';
import { transcribe } from './transcription.js';
import { chat } from './chat.js';
import { listModels, toModelInfos } from './discover.js';

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
    switch (request.capability) {
      case 'text-to-image':
      case 'image-to-image':
        return generateImages(request, ep);
      case 'text-to-audio':
        return generateSpeech(request, ep, String(ctx.settings.voice ?? 'alloy'));
      case 'audio-to-text':
        return transcribe(request, ep);
      case 'text-to-text':
      case 'image-to-text':
        return chat(request, ep);
      default:
        throw new ProviderError(`openai cannot do ${request.capability}`);
    }
  },
  async discoverModels(ctx: ProviderContext, options: DiscoverOptions) {
    const ep = endpoint(ctx, ctx.apiKey());
    return toModelInfos(await listModels(ep), OPENAI_MODELS, options);
  },
});
