/**
 * Text: `POST /chat/completions`. The prompt is the user message; `-P system=...` adds a system
 * message; other `-P` keys (temperature, max_tokens, ...) go into the body as they are. With an
 * image input the message carries it (vision models): a URL as is, a local file as a data URI.
 */
import type { GenerateRequest, GenerateResult } from '../../src/plugin/types.js';
import { InputError, ProviderError } from '../../src/errors.js';
import type { Endpoint } from './endpoint.js';
import { authHeaders } from './errors.js';
import { ignoredOptionWarnings } from './warnings.js';
import { headerValue } from './images.js';

interface ChatResponse {
  id?: string;
  choices?: Array<{ message?: { content?: string | null; refusal?: string | null }; finish_reason?: string }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

/** Inline images are read into memory as base64; keep them small. */
const MAX_INLINE_IMAGE = 20 * 1024 * 1024;

export async function chat(request: GenerateRequest, ep: Endpoint): Promise<GenerateResult> {
  const warnings = ignoredOptionWarnings(request, ['seed', 'count'], ep.catalogue);
  const { system, ...params } = request.params as Record<string, unknown>;
  const messages: Array<Record<string, unknown>> = [];
  if (system !== undefined) messages.push({ role: 'system', content: String(system) });
  const images = request.inputs.filter((i) => i.kind === 'image');
  if (images.length) {
    const content: Array<Record<string, unknown>> = [{ type: 'text', text: request.prompt || 'Describe this image.' }];
    for (const image of images) content.push({ type: 'image_url', image_url: { url: await imageUrl(image, ep) } });
    messages.push({ role: 'user', content });
  } else {
    messages.push({ role: 'user', content: request.prompt });
  }
  const body: Record<string, unknown> = { model: request.model, messages };
  if (request.count > 1) body.n = request.count;
  if (request.seed !== undefined) body.seed = request.seed;
  Object.assign(body, params);
  ep.ctx.progress({ phase: 'submitting' });
  const res = await ep.ctx.http.request<ChatResponse>({
    method: 'POST',
    url: `${ep.baseUrl}/chat/completions`,
    headers: { ...authHeaders(ep.key), accept: 'application/json' },
    json: body,
    retry: 'submit',
    timeoutMs: 600_000,
    signal: request.signal,
    describeError: ep.describeError,
  });
  const choices = res.body?.choices ?? [];
  const texts = choices.map((c) => c.message?.content ?? c.message?.refusal ?? '').filter((t) => t !== '');
  if (texts.length === 0) throw new ProviderError(`${ep.label} returned no text${choices[0]?.finish_reason ? ` (finish_reason ${choices[0].finish_reason})` : ''}`);
  if (request.count > 1 && texts.length < request.count) warnings.push(`${ep.label} returned ${texts.length} of ${request.count} answers`);
  if (choices.some((c) => c.finish_reason === 'length')) warnings.push('the answer was cut off at the token limit (raise it with -P max_completion_tokens=N)');
  return {
    assets: texts.map((text) => ({ kind: 'text' as const, text, mediaType: 'text/plain' })),
    warnings,
    requestId: res.body?.id ?? headerValue(res.headers['x-request-id']),
    metadata: res.body?.usage ? { usage: res.body.usage } : undefined,
  };
}

async function imageUrl(image: GenerateRequest['inputs'][number], ep: Endpoint): Promise<string> {
  if (image.url) return image.url;
  if (!image.path) throw new InputError(`Input ${image.name} cannot be read`);
  if ((image.bytes ?? 0) > MAX_INLINE_IMAGE) throw new InputError(`${image.name} is too large to send inline (over 20 MB)`, { hint: 'shrink it, or pass an https URL with -i' });
  const chunks: Buffer[] = [];
  for await (const chunk of ep.ctx.openInput(image)) chunks.push(chunk as Buffer);
  const data = Buffer.concat(chunks);
  return `data:${image.mediaType};base64,${data.toString('base64')}`;
}
