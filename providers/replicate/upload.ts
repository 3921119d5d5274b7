/**
 * Local input files for Replicate: small ones inline as data URIs (Replicate recommends them up to
 * 256 KB), larger ones through the files API (multipart, streamed from disk) whose URL goes in the
 * input. URLs the user gave pass through.
 */
import { openAsBlob, promises as fs } from 'node:fs';
import type { InputRef, ProviderContext } from '../../src/plugin/types.js';
import { ProviderError } from '../../src/errors.js';
import { describeReplicateError } from './errors.js';

export const DEFAULT_DATA_URI_MAX_BYTES = 256 * 1024;

interface FileObject {
  id?: string;
  urls?: { get?: string };
}

export async function prepareInputs(inputs: InputRef[], ctx: ProviderContext, key: string): Promise<string[]> {
  const limit = Number(ctx.settings.dataUriMaxBytes ?? DEFAULT_DATA_URI_MAX_BYTES);
  const out: string[] = [];
  for (const input of inputs) {
    if (input.url) out.push(input.url);
    else if (!input.path) throw new ProviderError(`input ${input.name} has neither a path nor a URL`);
    else if ((input.bytes ?? Infinity) <= limit) out.push(await dataUri(input.path, input.mediaType));
    else out.push(await uploadFile(input, ctx, key));
  }
  return out;
}

async function dataUri(file: string, mediaType: string): Promise<string> {
  // Small by construction (under the inline limit), so reading it whole is fine.
  const bytes = await fs.readFile(file);
  return `data:${mediaType};base64,${bytes.toString('base64')}`;
}

export async function uploadFile(input: InputRef, ctx: ProviderContext, key: string): Promise<string> {
  ctx.progress({ phase: 'uploading', name: input.name });
  const form = new FormData();
  // openAsBlob is backed by the file: the encoder reads it in chunks while sending.
  form.append('content', await openAsBlob(input.path!, { type: input.mediaType }), input.name);
  form.append('filename', input.name);
  form.append('type', input.mediaType);
  const res = await ctx.http.request<FileObject>({
    method: 'POST',
    url: `${ctx.baseUrl}/files`,
    headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
    body: form,
    retry: 'none',
    timeoutMs: 600_000,
    describeError: describeReplicateError,
  });
  const url = res.body?.urls?.get;
  if (!url) throw new ProviderError(`Replicate accepted ${input.name} but returned no file URL`);
  ctx.debug(`uploaded ${input.name} as ${res.body.id ?? url}`);
  return url;
}
