/**
 * `models discover fal`: fal's Platform API model search (`GET https://api.fal.ai/v1/models`),
 * cursor-paginated (`next_cursor`, `has_more`). A key is optional there (it raises rate limits).
 * `providers.fal.platformUrl` moves the host (a proxy, a test server).
 */
import type { Capability } from '../../src/kinds.js';
import type { ModelInfo, ProviderContext } from '../../src/plugin/types.js';
import { describeFalError } from './errors.js';
import { authHeaders } from './queue.js';

export const DEFAULT_PLATFORM_URL = 'https://api.fal.ai/v1';

interface SearchPage {
  models?: Array<{
    endpoint_id: string;
    metadata?: { display_name?: string; category?: string; description?: string; status?: string; tags?: string[]; model_url?: string };
  }>;
  next_cursor?: string | null;
  has_more?: boolean;
}

/** fal's categories in automarket's capability words. */
const CATEGORY_CAPABILITIES: Record<string, Capability[]> = {
  'text-to-image': ['text-to-image'],
  'image-to-image': ['image-to-image'],
  'text-to-video': ['text-to-video'],
  'image-to-video': ['image-to-video'],
  'video-to-video': ['video-to-video'],
  'text-to-speech': ['text-to-audio'],
  'text-to-audio': ['text-to-audio'],
  'audio-to-audio': ['audio-to-audio'],
  'speech-to-text': ['audio-to-text'],
  'audio-to-text': ['audio-to-text'],
  'video-to-audio': ['video-to-audio'],
  'image-to-text': ['image-to-text'],
  'vision': ['image-to-text'],
  'llm': ['text-to-text'],
  'text-to-text': ['text-to-text'],
};

export function capabilitiesOfCategory(category: string | undefined): Capability[] {
  return category ? [...(CATEGORY_CAPABILITIES[category] ?? [])] : [];
}

export async function discoverFal(ctx: ProviderContext): Promise<ModelInfo[]> {
  const base = String(ctx.settings.platformUrl ?? DEFAULT_PLATFORM_URL).replace(/\/+$/, '');
  const key = ctx.optionalApiKey();
  const out: ModelInfo[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const res = await ctx.http.request<SearchPage>({
      url: `${base}/models`,
      searchParams: { limit: 100, status: 'active', cursor },
      headers: authHeaders(key),
      retry: 'idempotent',
      describeError: describeFalError,
    });
    for (const m of res.body?.models ?? []) {
      const meta = m.metadata ?? {};
      out.push({
        id: m.endpoint_id,
        capabilities: capabilitiesOfCategory(meta.category),
        ...(meta.display_name ? { displayName: meta.display_name } : {}),
        ...(meta.description ? { description: meta.description } : {}),
        source: 'discovered',
        extra: { ...(meta.category ? { category: meta.category } : {}), ...(meta.tags?.length ? { tags: meta.tags } : {}), ...(meta.model_url ? { url: meta.model_url } : {}) },
      });
    }
    const next = res.body?.next_cursor;
    // Stop at the end, and on a cursor seen before (a server bug must not loop forever).
    if (!res.body?.has_more || !next || seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  return out;
}
