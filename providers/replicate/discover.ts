/**
 * `models discover replicate`: the collections (each a theme such as text-to-image) give models a
 * capability; the newest public models come from `GET /models`. Both lists are cursor-paginated:
 * `next` is an absolute URL, followed until null, and only on the API's own origin (the token must
 * not travel elsewhere). `/models` is every public model (many thousands), so only the first
 * `providers.replicate.discoverModelPages` pages (default 3) of it are read.
 */
import type { Capability } from '../../src/kinds.js';
import type { ModelInfo, ProviderContext } from '../../src/plugin/types.js';
import { authHeaders } from './predictions.js';
import { describeReplicateError } from './errors.js';

interface Page<T> {
  next?: string | null;
  results?: T[];
}

interface ApiModel {
  owner: string;
  name: string;
  description?: string | null;
  run_count?: number;
  url?: string;
  visibility?: string;
}

interface Collection {
  slug: string;
  name?: string;
  models?: ApiModel[];
}

/** Collection slugs that say what their models do. */
const COLLECTION_CAPABILITIES: Record<string, Capability[]> = {
  'text-to-image': ['text-to-image'],
  'image-editing': ['image-to-image'],
  'image-to-image': ['image-to-image'],
  'sketch-to-image': ['image-to-image'],
  'super-resolution': ['image-to-image'],
  'image-restoration': ['image-to-image'],
  'remove-backgrounds': ['image-to-image'],
  'text-to-video': ['text-to-video'],
  'image-to-video': ['image-to-video'],
  'ai-video-generation': ['text-to-video'],
  'video-editing': ['video-to-video'],
  'text-to-speech': ['text-to-audio'],
  'ai-music-generation': ['text-to-audio'],
  'music-generation': ['text-to-audio'],
  'sound-effects': ['text-to-audio'],
  'speech-to-text': ['audio-to-text'],
  'speech-recognition': ['audio-to-text'],
  'language-models': ['text-to-text'],
  'image-to-text': ['image-to-text'],
  'vision-models': ['image-to-text'],
};

export async function discoverReplicate(ctx: ProviderContext): Promise<ModelInfo[]> {
  const key = ctx.apiKey();
  const byId = new Map<string, ModelInfo>();
  const add = (m: ApiModel, caps: Capability[], collection?: string) => {
    const id = `${m.owner}/${m.name}`;
    const known = byId.get(id);
    if (known) {
      for (const c of caps) if (!known.capabilities.includes(c)) known.capabilities.push(c);
      if (collection) (known.extra!.collections as string[]).push(collection);
      return;
    }
    byId.set(id, {
      id,
      capabilities: [...caps],
      ...(m.description ? { description: m.description } : {}),
      source: 'discovered',
      extra: { collections: collection ? [collection] : [], ...(m.run_count !== undefined ? { runCount: m.run_count } : {}), ...(m.url ? { url: m.url } : {}) },
    });
  };

  const collections = await readAllPages<Collection>(ctx, key, `${ctx.baseUrl}/collections`, Infinity);
  for (const c of collections) {
    const caps = COLLECTION_CAPABILITIES[c.slug];
    if (!caps) continue;
    const res = await ctx.http.request<Collection>({ url: `${ctx.baseUrl}/collections/${encodeURIComponent(c.slug)}`, headers: authHeaders(key), retry: 'idempotent', describeError: describeReplicateError });
    for (const m of res.body?.models ?? []) if (m?.owner && m?.name) add(m, caps, c.slug);
  }
  const pages = Number(ctx.settings.discoverModelPages ?? 3);
  const latest = await readAllPages<ApiModel>(ctx, key, `${ctx.baseUrl}/models`, pages);
  for (const m of latest) if (m?.owner && m?.name) add(m, []);
  return [...byId.values()];
}

async function readAllPages<T>(ctx: ProviderContext, key: string, firstUrl: string, maxPages: number): Promise<T[]> {
  const origin = new URL(firstUrl).origin;
  const out: T[] = [];
  let url: string | undefined = firstUrl;
  for (let page = 0; url && page < maxPages; page++) {
    const res: { body: Page<T> } = await ctx.http.request<Page<T>>({ url, headers: authHeaders(key), retry: 'idempotent', describeError: describeReplicateError });
    out.push(...(res.body?.results ?? []));
    url = nextUrl(res.body?.next, origin);
  }
  return out;
}

/** The next page's URL, or undefined at the end (null, the string "null", or a foreign origin). */
function nextUrl(next: string | null | undefined, origin: string): string | undefined {
  if (!next || !/^https?:\/\//.test(next)) return undefined;
  return new URL(next).origin === origin ? next : undefined;
}
