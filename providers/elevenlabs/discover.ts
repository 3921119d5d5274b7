/**
 * `models discover elevenlabs`: the speech models (`GET /v1/models`, a bare array) and the voices
 * the account can use (`GET /v1/voices`). Voices are listed as entries with `extra.type: "voice"`:
 * their id goes to `--voice`.
 */
import type { Capability } from '../../src/kinds.js';
import type { ModelInfo, ProviderContext } from '../../src/plugin/types.js';
import { describeElevenLabsError } from './errors.js';
import { headers } from './speech.js';

interface ApiModel {
  model_id: string;
  name?: string;
  description?: string;
  can_do_text_to_speech?: boolean;
  can_do_voice_conversion?: boolean;
  languages?: Array<{ language_id?: string; name?: string }>;
}

interface ApiVoice {
  voice_id: string;
  name?: string;
  category?: string;
  description?: string | null;
  labels?: Record<string, string>;
}

export async function discoverElevenLabs(ctx: ProviderContext): Promise<ModelInfo[]> {
  const key = ctx.apiKey();
  const get = <T>(path: string) => ctx.http.request<T>({ url: `${ctx.baseUrl}${path}`, headers: headers(key), retry: 'idempotent', describeError: describeElevenLabsError });
  const [models, voices] = await Promise.all([get<ApiModel[]>('/v1/models'), get<{ voices?: ApiVoice[] }>('/v1/voices')]);
  const out: ModelInfo[] = [];
  for (const m of Array.isArray(models.body) ? models.body : []) {
    const caps: Capability[] = [];
    if (m.can_do_text_to_speech) caps.push('text-to-audio');
    if (m.can_do_voice_conversion) caps.push('audio-to-audio');
    out.push({
      id: m.model_id,
      capabilities: caps,
      ...(m.name ? { displayName: m.name } : {}),
      ...(m.description ? { description: m.description } : {}),
      source: 'discovered',
      extra: { type: 'model', languages: (m.languages ?? []).map((l) => l.language_id).filter(Boolean) },
    });
  }
  for (const v of voices.body?.voices ?? []) {
    out.push({
      id: v.voice_id,
      capabilities: ['text-to-audio'],
      ...(v.name ? { displayName: v.name } : {}),
      ...(v.description ? { description: v.description } : {}),
      source: 'discovered',
      extra: { type: 'voice', ...(v.category ? { category: v.category } : {}), ...(v.labels ? { labels: v.labels } : {}) },
    });
  }
  return out;
}
