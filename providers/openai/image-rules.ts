/**
 * OpenAI's per-model image rules (protocols.md A3): sizes, quality, output format, background, n.
 * Options a model cannot take become warnings; an impossible combination the user asked for
 * explicitly (transparent JPEG) is a usage error before any money is spent.
 */
import type { GenerateRequest } from '../../src/plugin/types.js';
import { UsageError } from '../../src/errors.js';

export type ImageFamily = 'gpt-image' | 'dall-e-3' | 'dall-e-2' | 'other';

export function imageFamily(model: string, openaiRules: boolean): ImageFamily {
  if (!openaiRules) return 'other';
  if (/^(gpt-image|chatgpt-image)/.test(model)) return 'gpt-image';
  if (model.startsWith('dall-e-3')) return 'dall-e-3';
  if (model.startsWith('dall-e-2')) return 'dall-e-2';
  return 'other';
}

const SIZES: Record<Exclude<ImageFamily, 'other'>, string[]> = {
  'gpt-image': ['1024x1024', '1536x1024', '1024x1536'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
  'dall-e-2': ['256x256', '512x512', '1024x1024'],
};
const QUALITY: Record<Exclude<ImageFamily, 'other'>, string[]> = {
  'gpt-image': ['low', 'medium', 'high', 'auto'],
  'dall-e-3': ['standard', 'hd'],
  'dall-e-2': ['standard'],
};
/** Most images one request may ask for. */
export const MAX_N: Record<ImageFamily, number> = { 'gpt-image': 10, 'dall-e-3': 1, 'dall-e-2': 10, other: 10 };
const GPT_ONLY = ['background', 'output_format', 'output_compression', 'moderation', 'partial_images', 'stream'];
const DALLE_ONLY = ['style', 'response_format'];

export interface ImagePlan {
  /** Body fields, without prompt, model and n. */
  fields: Record<string, string | number | boolean>;
  warnings: string[];
  mediaType: string;
}

export function planImage(request: GenerateRequest, family: ImageFamily, edit: boolean): ImagePlan {
  const warnings: string[] = [];
  const fields: Record<string, string | number | boolean> = {};
  const params = { ...request.params } as Record<string, unknown>;
  let mediaType = 'image/png';

  const size = chooseSize(request, family, warnings);
  if (size) fields.size = size;

  if (family === 'other') {
    // Another server: send what was asked, plus the base64 answer so no second download is needed.
    fields.response_format = 'b64_json';
    if (request.format) fields.output_format = request.format === 'jpg' ? 'jpeg' : request.format;
    if (request.seed !== undefined) fields.seed = request.seed;
    return { fields: { ...fields, ...scalarParams(params) }, warnings, mediaType: formatType(request.format) ?? mediaType };
  }

  if (params.quality !== undefined) {
    const q = String(params.quality);
    if (QUALITY[family].includes(q)) fields.quality = q;
    else warnings.push(`${request.model} takes quality ${QUALITY[family].join(', ')}; quality=${q} was ignored`);
    delete params.quality;
  }
  if (family === 'gpt-image') {
    if (request.format) {
      const f = request.format === 'jpg' ? 'jpeg' : request.format;
      if (['png', 'jpeg', 'webp'].includes(f)) {
        fields.output_format = f;
        mediaType = formatType(f)!;
      } else warnings.push(`${request.model} writes png, jpeg or webp; --format ${request.format} was ignored`);
    }
    if (params.background !== undefined) {
      const bg = String(params.background);
      if (!['transparent', 'opaque', 'auto'].includes(bg)) {
        warnings.push(`${request.model} takes background transparent, opaque or auto; background=${bg} was ignored`);
        delete params.background;
      } else if (bg === 'transparent' && fields.output_format === 'jpeg') {
        throw new UsageError('A transparent background needs png or webp, not jpeg', { hint: 'use --format png or --format webp with background=transparent' });
      }
    }
    for (const key of DALLE_ONLY) {
      if (params[key] !== undefined) {
        warnings.push(`${key} is a DALL-E option; ${request.model} ignores it, so it was not sent`);
        delete params[key];
      }
    }
  } else {
    if (request.format && request.format !== 'png') warnings.push(`${request.model} writes png; --format ${request.format} was ignored`);
    for (const key of GPT_ONLY) {
      if (params[key] !== undefined) {
        warnings.push(`${key} is a GPT image option; ${request.model} ignores it, so it was not sent`);
        delete params[key];
      }
    }
    if (family === 'dall-e-2' || edit) delete params.style;
    fields.response_format = 'b64_json';
    delete params.response_format;
  }
  return { fields: { ...fields, ...scalarParams(params) }, warnings, mediaType };
}

function chooseSize(request: GenerateRequest, family: ImageFamily, warnings: string[]): string | undefined {
  const asked = request.size ? `${request.size.width}x${request.size.height}` : undefined;
  if (family === 'other') return asked;
  if (request.size && request.model.startsWith('gpt-image-2')) {
    if (request.size.width % 16 === 0 && request.size.height % 16 === 0) return asked;
  }
  const allowed = SIZES[family];
  const ratio = request.size ? request.size.width / request.size.height : request.aspect ? request.aspect.width / request.aspect.height : undefined;
  if (ratio === undefined) return undefined;
  if (asked && allowed.includes(asked)) return asked;
  // Closest shape first, then (for dall-e-2's squares) closest area.
  const area = request.size ? request.size.width * request.size.height : 1024 * 1024;
  const best = [...allowed].sort((a, b) => score(a) - score(b))[0]!;
  function score(s: string): number {
    const [w, h] = s.split('x').map(Number) as [number, number];
    return Math.abs(Math.log(w / h / ratio!)) * 10 + Math.abs(Math.log((w * h) / area));
  }
  const [bw, bh] = best.split('x').map(Number) as [number, number];
  if (asked) warnings.push(`${request.model} makes ${allowed.join(', ')}${request.model.startsWith('gpt-image-2') ? ' or sizes in multiples of 16' : ''}; --size ${asked} became ${best}`);
  else if (Math.abs(bw / bh - ratio) > 0.01) warnings.push(`${request.model} has no ${request.aspect!.width}:${request.aspect!.height} size; --aspect became ${best}`);
  return best;
}

function formatType(format: string | undefined): string | undefined {
  if (!format) return undefined;
  return { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp' }[format];
}

/** Multipart and JSON bodies both take these; nested values only fit JSON and are kept as they are. */
function scalarParams(params: Record<string, unknown>): Record<string, string | number | boolean> {
  return params as Record<string, string | number | boolean>;
}
