/**
 * A prediction's `output` to assets. Replicate outputs are a URL, a list of URLs, text, a list of
 * text tokens (language models), or an object (whisper: `{transcription, segments, ...}`).
 */
import type { AssetSource } from '../../src/plugin/types.js';
import type { Kind } from '../../src/kinds.js';

const FILE_URL = /^(https?:\/\/|data:)/i;

export function replicateAssets(output: unknown, kind: Kind): AssetSource[] {
  if (kind === 'text') {
    const text = textOf(output);
    return text === undefined ? [] : [text];
  }
  return fileUrls(output).map((url) => ({ kind, url, fileName: fileNameOf(url) }));
}

function textOf(output: unknown): AssetSource | undefined {
  if (output === null || output === undefined) return undefined;
  if (typeof output === 'string') return { kind: 'text', text: output, mediaType: 'text/plain' };
  // Language models stream tokens: the list joined is the answer.
  if (Array.isArray(output) && output.every((t) => typeof t === 'string')) return { kind: 'text', text: output.join(''), mediaType: 'text/plain' };
  if (typeof output === 'object' && !Array.isArray(output)) {
    const o = output as Record<string, unknown>;
    for (const key of ['transcription', 'text', 'output', 'caption']) {
      if (typeof o[key] === 'string') return { kind: 'text', text: o[key] as string, mediaType: 'text/plain' };
    }
  }
  return { kind: 'text', text: `${JSON.stringify(output, null, 2)}\n`, mediaType: 'application/json' };
}

/** Every URL-looking string in the output, in order. */
function fileUrls(output: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (FILE_URL.test(v)) found.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(output);
  return found;
}

function fileNameOf(url: string): string | undefined {
  if (url.startsWith('data:')) return undefined;
  try {
    const name = new URL(url).pathname.split('/').pop();
    return name || undefined;
  } catch {
    return undefined;
  }
}
