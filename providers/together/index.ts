/** Provider `together`: Together AI images (FLUX, base64 answers) and chat text. */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type DiscoverOptions, type GenerateRequest, type GenerateResult, type ModelInfo, type ProviderContext } from '../../src/plugin/types.js';
import { ProviderError } from '../../src/errors.js';
import type { Capability } from '../../src/kinds.js';
import { outputKindOf } from '../../src/kinds.js';
import { togetherManifest } from './manifest.js';
import { TOGETHER_MODELS } from './models.js';
import { togetherImages } from './images.js';
import { openAIErrorDescriber, authHeaders } from '../openai/errors.js';
import { chat } from '../openai/chat.js';

const describeError = openAIErrorDescriber('Together', 'TOGETHER_API_KEY');

interface TogetherModel {
  id: string;
  type?: string;
  display_name?: string;
  pricing?: { input?: number; output?: number; base?: number };
}

export default defineProvider({
  ...togetherManifest,
  apiVersion: PLUGIN_API_VERSION,
  models: TOGETHER_MODELS,
  async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
    const key = ctx.apiKey();
    if (request.capability === 'text-to-image' || request.capability === 'image-to-image') return togetherImages(request, ctx, key, describeError);
    if (request.capability === 'text-to-text') {
      return chat(request, { ctx, baseUrl: ctx.baseUrl, key, label: 'Together', describeError, catalogue: TOGETHER_MODELS, openaiRules: false });
    }
    throw new ProviderError(`together cannot do ${request.capability}`);
  },
  /** `GET /models` answers a bare array with a `type` per model (chat, language, code, image, ...). */
  async discoverModels(ctx: ProviderContext, options: DiscoverOptions): Promise<ModelInfo[]> {
    const res = await ctx.http.request<TogetherModel[] | { data?: TogetherModel[] }>({
      url: `${ctx.baseUrl}/models`,
      headers: { ...authHeaders(ctx.apiKey()), accept: 'application/json' },
      retry: 'idempotent',
      describeError,
    });
    const list = Array.isArray(res.body) ? res.body : (res.body?.data ?? []);
    const out: ModelInfo[] = [];
    for (const m of list) {
      const capabilities: Capability[] = m.type === 'image' ? (/kontext/i.test(m.id) ? ['image-to-image'] : ['text-to-image']) : ['chat', 'language', 'code'].includes(m.type ?? '') ? ['text-to-text'] : [];
      if (capabilities.length === 0) continue;
      if (options.kind && !capabilities.some((c) => outputKindOf(c) === options.kind)) continue;
      const known = TOGETHER_MODELS.find((k) => k.id === m.id);
      const price = known?.price ?? (m.type !== 'image' && typeof m.pricing?.input === 'number' ? { usd: m.pricing.input, per: '1m-tokens' as const } : undefined);
      out.push({ ...(known ?? {}), id: m.id, capabilities, displayName: m.display_name ?? known?.displayName, ...(price ? { price } : {}), source: 'discovered', default: undefined });
    }
    return out;
  },
});
