/**
 * `GET /models` (`{"object":"list","data":[{id,created,owned_by}]}`) to ModelInfo. The list says
 * nothing about what a model does, so the capability is read from the id; models of no media kind
 * automarket makes (embeddings, moderation) are left out.
 */
import type { Capability } from '../../src/kinds.js';
import { outputKindOf } from '../../src/kinds.js';
import type { DiscoverOptions, ModelInfo } from '../../src/plugin/types.js';
import type { Endpoint } from './endpoint.js';
import { authHeaders } from './errors.js';

interface ModelsList {
  data?: Array<{ id: string; created?: number; owned_by?: string }>;
}

export async function listModels(ep: Endpoint, timeoutMs = 30_000, retry: 'idempotent' | 'none' = 'idempotent'): Promise<Array<{ id: string; created?: number; owned_by?: string }>> {
  const res = await ep.ctx.http.request<ModelsList | Array<{ id: string }>>({
    url: `${ep.baseUrl}/models`,
    headers: { ...authHeaders(ep.key), accept: 'application/json' },
    retry,
    timeoutMs,
    describeError: ep.describeError,
  });
  const body = res.body;
  return Array.isArray(body) ? body : (body?.data ?? []);
}

/** What a model id suggests it does, or [] when it is of no media kind we make. */
export function guessCapabilities(id: string): Capability[] {
  const s = id.toLowerCase();
  if (/embed|moderation|rerank|guard|search/.test(s)) return [];
  if (/whisper|transcribe|stt|parakeet|speech-to-text/.test(s)) return ['audio-to-text'];
  if (/tts|kokoro|piper|speech|voice|orpheus|xtts|bark|melo/.test(s)) return ['text-to-audio'];
  if (/gpt-image|chatgpt-image/.test(s)) return ['text-to-image', 'image-to-image'];
  if (/dall-e-2/.test(s)) return ['text-to-image', 'image-to-image'];
  if (/dall-e|flux|stable-diffusion|sdxl|sd3|sd-|imagen|ideogram|recraft|playground|kontext|hidream|image/.test(s)) return /kontext/.test(s) ? ['image-to-image'] : ['text-to-image'];
  if (/sora|video|veo|kling|wan|hunyuan-video|ltx/.test(s)) return ['text-to-video'];
  if (/audio|realtime|davinci|babbage|^tts/.test(s)) return [];
  return ['text-to-text'];
}

/** Discovered models, with what the offline catalogue knows about them (price, supports) kept. */
export function toModelInfos(list: Array<{ id: string }>, catalogue: ModelInfo[], options: DiscoverOptions, allowed?: Capability[]): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const item of list) {
    const known = catalogue.find((m) => m.id === item.id);
    let capabilities = known?.capabilities ?? guessCapabilities(item.id);
    if (allowed) {
      const fitting = capabilities.filter((c) => allowed.includes(c));
      // A server's own word (its configured capabilities) beats a guess from the name.
      capabilities = fitting.length ? fitting : known ? [] : allowed.length === 1 ? [...allowed] : [];
    }
    if (capabilities.length === 0) continue;
    if (options.kind && !capabilities.some((c) => outputKindOf(c) === options.kind)) continue;
    out.push({ ...(known ?? {}), id: item.id, capabilities, source: 'discovered', default: undefined });
  }
  return out;
}
