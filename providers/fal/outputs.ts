/** fal result JSON to assets. Image, video and audio models each have their own field names. */
import type { AssetSource, GenerateRequest } from '../../src/plugin/types.js';
import type { Kind } from '../../src/kinds.js';

interface FalFile {
  url: string;
  content_type?: string;
  file_name?: string;
  width?: number;
  height?: number;
}

function isFile(value: unknown): value is FalFile {
  return typeof value === 'object' && value !== null && typeof (value as FalFile).url === 'string';
}

export function falAssets(output: Record<string, unknown>, request: Pick<GenerateRequest, 'kind'>): AssetSource[] {
  const kind = request.kind;
  const seed = typeof output.seed === 'number' ? output.seed : undefined;
  const files = pickFiles(output, kind);
  return files.map((f) => ({
    kind,
    url: f.url,
    mediaType: f.content_type,
    fileName: f.file_name,
    width: f.width,
    height: f.height,
    seed,
  }));
}

function pickFiles(output: Record<string, unknown>, kind: Kind): FalFile[] {
  const named: Record<Kind, string[]> = {
    image: ['images', 'image'],
    video: ['video', 'videos'],
    audio: ['audio', 'audio_file', 'audio_url', 'audios'],
    text: ['text', 'output'],
  };
  for (const key of named[kind]) {
    const value = output[key];
    if (Array.isArray(value) && value.some(isFile)) return value.filter(isFile);
    if (isFile(value)) return [value];
    if (typeof value === 'string' && /^(https?:|data:)/.test(value)) return [{ url: value }];
  }
  // Unknown model shape: every file-like object in the output, in order.
  const found: FalFile[] = [];
  const walk = (v: unknown) => {
    if (isFile(v)) found.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(output);
  return found;
}
