/**
 * Local input files go to fal storage (fal-js storage.ts): initiate, then PUT the bytes (streamed)
 * to the signed URL, then use the returned file_url in the model input.
 */
import type { InputRef, ProviderContext } from '../../src/plugin/types.js';
import { describeFalError } from './errors.js';

export const DEFAULT_STORAGE_URL = 'https://rest.fal.ai';

export async function uploadInputs(inputs: InputRef[], ctx: ProviderContext, key: string): Promise<string[]> {
  const storage = String(ctx.settings.storageUrl ?? DEFAULT_STORAGE_URL).replace(/\/+$/, '');
  const urls: string[] = [];
  for (const input of inputs) {
    if (input.url) {
      urls.push(input.url);
      continue;
    }
    ctx.progress({ phase: 'uploading', name: input.name });
    const initiated = await ctx.http.request<{ upload_url: string; file_url: string }>({
      method: 'POST',
      url: `${storage}/storage/upload/initiate`,
      searchParams: { storage_type: 'fal-cdn-v3' },
      headers: { authorization: `Key ${key}`, accept: 'application/json' },
      json: { content_type: input.mediaType, file_name: input.name },
      retry: 'idempotent',
      describeError: describeFalError,
    });
    await ctx.http.request({
      method: 'PUT',
      url: initiated.body.upload_url,
      headers: { 'content-type': input.mediaType, ...(input.bytes !== undefined ? { 'content-length': String(input.bytes) } : {}) },
      body: ctx.openInput(input),
      responseType: 'text',
      retry: 'none',
    });
    urls.push(initiated.body.file_url);
  }
  return urls;
}
