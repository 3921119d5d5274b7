/**
 * `-i` inputs as multipart file parts: local files are streamed from disk; URLs are streamed from
 * their server straight into the upload (never spooled whole); data: URIs are decoded (already in memory).
 */
import { Readable } from 'node:stream';
import type { InputRef, ProviderContext } from '../../src/plugin/types.js';
import { InputError } from '../../src/errors.js';
import { extensionFor } from '../../src/assets/sniff.js';
import type { FilePart } from './multipart.js';

export function inputPart(input: InputRef, ctx: ProviderContext, field: string): FilePart {
  const fileName = input.name.includes('.') ? input.name : `${input.name}.${extensionFor(input.mediaType)}`;
  if (input.path) return { name: field, fileName, mediaType: input.mediaType, bytes: input.bytes, open: () => ctx.openInput(input) };
  const url = input.url;
  if (!url) throw new InputError(`Input ${input.name} has neither a path nor a URL`);
  if (url.startsWith('data:')) {
    const data = decodeDataUri(url);
    return { name: field, fileName, mediaType: input.mediaType, bytes: data.length, open: () => Readable.from([data]) };
  }
  return {
    name: field,
    fileName,
    mediaType: input.mediaType,
    open: () => Readable.from(fetchStream(url, ctx)),
  };
}

async function* fetchStream(url: string, ctx: ProviderContext): AsyncGenerator<Buffer> {
  const res = await ctx.http.stream({ url, signal: ctx.signal });
  if (res.status < 200 || res.status >= 300) {
    res.body.destroy();
    throw new InputError(`Could not fetch the input ${url}: the server answered ${res.status}`, { hint: 'check the -i URL, or download it and pass the file' });
  }
  for await (const chunk of res.body) yield chunk as Buffer;
}

export function decodeDataUri(uri: string): Buffer {
  const comma = uri.indexOf(',');
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  return meta.endsWith(';base64') ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload));
}
