/**
 * A multipart/form-data body as a stream: text fields, then file parts whose bytes are piped from
 * their own streams, so a 500 MB recording is never held in memory. The length is known (and sent)
 * when every file's size is known, which servers such as Prism and nginx prefer to chunked bodies.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface FilePart {
  name: string;
  fileName: string;
  mediaType: string;
  open(): Readable;
  bytes?: number;
}

export interface MultipartBody {
  body: Readable;
  contentType: string;
  contentLength?: number;
}

export function buildMultipart(fields: Array<[string, string]>, files: FilePart[]): MultipartBody {
  const boundary = `----automarket${randomBytes(12).toString('hex')}`;
  const head = (disposition: string, type?: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`);
  const fieldBuffers = fields.map(([name, value]) => Buffer.concat([head(`name="${quote(name)}"`), Buffer.from(value), Buffer.from('\r\n')]));
  const fileHeads = files.map((f) => head(`name="${quote(f.name)}"; filename="${quote(f.fileName)}"`, f.mediaType));
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const known = files.every((f) => f.bytes !== undefined);
  const contentLength = known
    ? fieldBuffers.reduce((n, b) => n + b.length, 0) + fileHeads.reduce((n, b, i) => n + b.length + files[i]!.bytes! + 2, 0) + tail.length
    : undefined;
  async function* generate(): AsyncGenerator<Buffer> {
    for (const b of fieldBuffers) yield b;
    for (let i = 0; i < files.length; i++) {
      yield fileHeads[i]!;
      for await (const chunk of files[i]!.open()) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      yield Buffer.from('\r\n');
    }
    yield tail;
  }
  return { body: Readable.from(generate(), { objectMode: false }), contentType: `multipart/form-data; boundary=${boundary}`, contentLength };
}

function quote(value: string): string {
  return value.replace(/["\r\n\\]/g, '_');
}
