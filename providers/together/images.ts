/**
 * Together images: `POST /images/generations` (JSON) with `response_format: "base64"` (Together's
 * word; OpenAI's is b64_json), width/height in pixels, seed, n. An input image goes as `image_url`:
 * a URL as is, a small local file as a data URI (Together has no upload API).
 */
import type { AssetSource, GenerateRequest, GenerateResult, InputRef, ProviderContext } from '../../src/plugin/types.js';
import { InputError, ProviderError } from '../../src/errors.js';
import { authHeaders, type ErrorDescriber } from '../openai/errors.js';
import { headerValue } from '../openai/images.js';
import { TOGETHER_MODELS } from './models.js';

interface TogetherImages {
  id?: string;
  data?: Array<{ index?: number; type?: string; b64_json?: string; url?: string }>;
}

const MAX_INLINE = 10 * 1024 * 1024;

export async function togetherImages(request: GenerateRequest, ctx: ProviderContext, key: string, describeError: ErrorDescriber): Promise<GenerateResult> {
  const warnings: string[] = [];
  const { width, height } = dimensions(request);
  const body: Record<string, unknown> = { model: request.model, prompt: request.prompt, width, height, n: request.count, response_format: 'base64' };
  const known = TOGETHER_MODELS.find((m) => m.id === request.model);
  if (typeof known?.extra?.steps === 'number') body.steps = known.extra.steps;
  if (request.seed !== undefined) body.seed = request.seed;
  let mediaType = 'image/jpeg';
  if (request.format) {
    const f = request.format === 'jpg' ? 'jpeg' : request.format;
    if (f === 'jpeg' || f === 'png') {
      body.output_format = f;
      mediaType = `image/${f}`;
    } else warnings.push(`Together writes jpeg or png; --format ${request.format} was ignored`);
  }
  const image = request.inputs.find((i) => i.kind === 'image');
  if (image) body.image_url = await imageUrl(image, ctx);
  if (request.inputs.length > 1) warnings.push('Together takes one input image; only the first was sent');
  Object.assign(body, request.params);
  if (typeof body.output_format === 'string') mediaType = `image/${body.output_format}`;
  ctx.progress({ phase: 'submitting' });
  const res = await ctx.http.request<TogetherImages>({
    method: 'POST',
    url: `${ctx.baseUrl}/images/generations`,
    headers: { ...authHeaders(key), accept: 'application/json' },
    json: body,
    retry: 'submit',
    timeoutMs: 300_000,
    signal: request.signal,
    describeError,
  });
  const assets: AssetSource[] = [];
  for (const item of res.body?.data ?? []) {
    if (item.b64_json) assets.push({ kind: 'image', mediaType, data: Buffer.from(item.b64_json, 'base64'), seed: request.seed });
    else if (item.url) assets.push({ kind: 'image', url: item.url, seed: request.seed });
  }
  if (assets.length === 0) throw new ProviderError('Together returned no image');
  const price = known?.price;
  return {
    assets,
    warnings,
    requestId: res.body?.id ?? headerValue(res.headers['x-request-id']),
    seed: request.seed,
    ...(price?.per === 'megapixel' ? { costUsd: Math.round(price.usd * ((width * height) / 1e6) * assets.length * 1e6) / 1e6 } : {}),
  };
}

/** --size as is; --aspect at about one megapixel, sides rounded to 16 (FLUX's step); default 1024x1024. */
function dimensions(request: GenerateRequest): { width: number; height: number } {
  if (request.size) return request.size;
  if (!request.aspect) return { width: 1024, height: 1024 };
  const r = request.aspect.width / request.aspect.height;
  const round16 = (n: number) => Math.max(64, Math.round(n / 16) * 16);
  return { width: round16(Math.sqrt(1024 * 1024 * r)), height: round16(Math.sqrt((1024 * 1024) / r)) };
}

async function imageUrl(image: InputRef, ctx: ProviderContext): Promise<string> {
  if (image.url) return image.url;
  if ((image.bytes ?? 0) > MAX_INLINE) throw new InputError(`${image.name} is too large to send to Together inline (over 10 MB)`, { hint: 'pass an https URL with -i instead' });
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.openInput(image)) chunks.push(chunk as Buffer);
  return `data:${image.mediaType};base64,${Buffer.concat(chunks).toString('base64')}`;
}
