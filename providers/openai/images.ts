/**
 * Images: `POST /images/generations` (JSON) and, with `-i`, `POST /images/edits` (multipart, the
 * input images streamed). Base64 answers are decoded; URL answers are downloaded by the engine.
 */
import type { AssetSource, GenerateRequest, GenerateResult } from '../../src/plugin/types.js';
import { ProviderError, UsageError } from '../../src/errors.js';
import type { Endpoint } from './endpoint.js';
import { authHeaders } from './errors.js';
import { imageFamily, MAX_N, planImage } from './image-rules.js';
import { buildMultipart } from './multipart.js';
import { inputPart } from './input-file.js';
import { ignoredOptionWarnings } from './warnings.js';

interface ImagesResponse {
  created?: number;
  data?: Array<{ b64_json?: string; url?: string; revised_prompt?: string }>;
  usage?: unknown;
  output_format?: string;
}

export async function generateImages(request: GenerateRequest, ep: Endpoint): Promise<GenerateResult> {
  const edit = request.capability === 'image-to-image';
  const family = imageFamily(request.model, ep.openaiRules);
  if (edit && family === 'dall-e-3') {
    throw new UsageError('dall-e-3 cannot edit images', { hint: 'use -m gpt-image-1 (or dall-e-2) with -i' });
  }
  const plan = planImage(request, family, edit);
  const warnings = [...ignoredOptionWarnings(request, ['size', 'aspect', 'count', 'format', ...(family === 'other' ? (['seed'] as const) : [])], ep.catalogue), ...plan.warnings];
  const max = MAX_N[family];
  if (request.count > max) warnings.push(`${request.model} makes at most ${max} image${max > 1 ? 's' : ''} per request; sending ${Math.ceil(request.count / max)} requests`);

  const assets: AssetSource[] = [];
  const revised: string[] = [];
  let requestId: string | undefined;
  for (let remaining = request.count; remaining > 0; ) {
    const n = Math.min(remaining, max);
    ep.ctx.progress({ phase: 'submitting' });
    const res = edit ? await postEdit(request, ep, plan.fields, n) : await postGeneration(request, ep, plan.fields, n);
    requestId ??= headerValue(res.headers['x-request-id']);
    const data = res.body?.data ?? [];
    if (data.length === 0) throw new ProviderError(`${ep.label} returned no image`);
    const mediaType = res.body?.output_format ? `image/${res.body.output_format === 'jpg' ? 'jpeg' : res.body.output_format}` : plan.mediaType;
    for (const item of data) {
      if (item.revised_prompt) revised.push(item.revised_prompt);
      if (item.b64_json) assets.push({ kind: 'image', mediaType, data: Buffer.from(item.b64_json, 'base64') });
      else if (item.url) assets.push({ kind: 'image', url: absoluteUrl(item.url, ep.baseUrl) });
    }
    remaining -= n;
  }
  const price = ep.catalogue.find((m) => m.id === request.model)?.price;
  return {
    assets,
    warnings,
    requestId,
    ...(price?.per === 'image' ? { costUsd: round(price.usd * assets.length) } : {}),
    metadata: revised.length ? { revisedPrompts: revised } : undefined,
  };
}

async function postGeneration(request: GenerateRequest, ep: Endpoint, fields: Record<string, unknown>, n: number) {
  return ep.ctx.http.request<ImagesResponse>({
    method: 'POST',
    url: `${ep.baseUrl}/images/generations`,
    headers: { ...authHeaders(ep.key), accept: 'application/json' },
    json: { model: request.model, prompt: request.prompt, n, ...fields },
    retry: 'submit',
    timeoutMs: 300_000,
    signal: request.signal,
    describeError: ep.describeError,
  });
}

async function postEdit(request: GenerateRequest, ep: Endpoint, fields: Record<string, unknown>, n: number) {
  const images = request.inputs.filter((i) => i.kind === 'image');
  const field = images.length > 1 ? 'image[]' : 'image';
  const parts = images.map((input) => inputPart(input, ep.ctx, field));
  const text: Array<[string, string]> = [
    ['model', request.model],
    ['prompt', request.prompt],
    ['n', String(n)],
    ...Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)] as [string, string]),
  ];
  for (const p of images) ep.ctx.progress({ phase: 'uploading', name: p.name });
  const multipart = buildMultipart(text, parts);
  return ep.ctx.http.request<ImagesResponse>({
    method: 'POST',
    url: `${ep.baseUrl}/images/edits`,
    headers: {
      ...authHeaders(ep.key),
      accept: 'application/json',
      'content-type': multipart.contentType,
      ...(multipart.contentLength !== undefined ? { 'content-length': String(multipart.contentLength) } : {}),
    },
    body: multipart.body,
    retry: 'none', // the body is a one-shot stream
    timeoutMs: 300_000,
    signal: request.signal,
    describeError: ep.describeError,
  });
}

/** Local servers may answer a path (`/generated-images/x.png`): it lives on the server's host. */
function absoluteUrl(url: string, baseUrl: string): string {
  try {
    return new URL(url, `${baseUrl}/`).toString();
  } catch {
    return url;
  }
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
