/**
 * Provider `ollama`: text (and vision) models on a local Ollama, through its OpenAI-compatible /v1;
 * pulled models listed from /api/tags; `-P pull=true` or `models pull ollama:<model>` fetches one.
 */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type DiscoverOptions, type GenerateRequest, type GenerateResult, type ModelInfo, type ProviderContext } from '../../src/plugin/types.js';
import { ProviderError } from '../../src/errors.js';
import { chat } from '../openai/chat.js';
import type { Endpoint } from '../openai/endpoint.js';
import { openAIErrorDescriber } from '../openai/errors.js';
import { ollamaManifest } from './manifest.js';
import { describeOllamaError, listPulledModels, pullModel } from './native-api.js';

/** A small default that runs on a CPU; any pulled model is named with -m. */
const OLLAMA_MODELS: ModelInfo[] = [
  { id: 'llama3.2', capabilities: ['text-to-text'], displayName: 'Llama 3.2 3B (pull it first)', default: true, supports: ['seed'], price: { usd: 0, per: 'request' } },
  { id: 'llava', capabilities: ['image-to-text'], displayName: 'LLaVA vision (pull it first)', default: true, supports: ['seed'], price: { usd: 0, per: 'request' } },
];

const openaiShape = openAIErrorDescriber('ollama');

export default defineProvider({
  ...ollamaManifest,
  apiVersion: PLUGIN_API_VERSION,
  models: OLLAMA_MODELS,
  async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
    if (request.capability !== 'text-to-text' && request.capability !== 'image-to-text') throw new ProviderError(`ollama cannot do ${request.capability}`);
    const { pull, ...params } = request.params;
    if (pull === true || pull === 'true') await pullModel(ctx, request.model, request.signal);
    const ep: Endpoint = {
      ctx,
      baseUrl: ctx.baseUrl,
      key: ctx.optionalApiKey(),
      label: 'ollama',
      // A model that is not pulled: Ollama's /v1 says "not found"; the fix is a pull.
      describeError: (status, body) => (status === 404 ? describeOllamaError(status, body) : undefined) ?? openaiShape(status, body),
      catalogue: OLLAMA_MODELS,
      openaiRules: false,
    };
    return chat({ ...request, params }, ep);
  },
  discoverModels: (ctx: ProviderContext, options: DiscoverOptions) => listPulledModels(ctx, options),
  pullModel: (model: string, ctx: ProviderContext) => pullModel(ctx, model),
});
