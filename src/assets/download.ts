/**
 * Streams a remote file to disk: never held whole in memory, Content-Length checked, a size cap,
 * resumed with Range after a dropped connection when the server supports it, and the media type
 * taken from the bytes (an HTML error page with 200 is a failure, not an asset).
 */
import { createWriteStream, promises as fs } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Http } from '../http.js';
import type { Clock } from '../clock.js';
import { NetworkError, ProviderError, InterruptedError } from '../errors.js';
import { SNIFF_BYTES, sniffMediaType, matchesKind } from './sniff.js';

/**
 * The file stream's buffer. With Node's 16 KiB default every 64 KiB socket chunk is one write on the
 * thread pool; 1 MiB lets chunks that arrive while a write is in flight go out together (writev).
 * Memory stays bounded: this is the most the file side holds, whatever the file's size.
 */
const WRITE_BUFFER = 1 << 20;

export interface DownloadOptions {
  url: string;
  tmpPath: string;
  expectedKind: string;
  headers?: Record<string, string>;
  maxBytes?: number;
  signal: AbortSignal;
  clock: Clock;
  onProgress?: (received: number, total: number | undefined) => void;
  attempts?: number;
}

export interface DownloadResult {
  mediaType: string;
  bytes: number;
  /** The first bytes of the file when they were seen in passing (image dimensions need no second read). */
  head?: Buffer;
}

export async function downloadToFile(http: Http, options: DownloadOptions): Promise<DownloadResult> {
  if (options.url.startsWith('data:')) return writeDataUri(options);
  const attempts = options.attempts ?? 5;
  let received = 0;
  let total: number | undefined;
  let mediaType: string | undefined;
  let head: Buffer | undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (options.signal.aborted) throw new InterruptedError();
    const resumeFrom = received;
    let res;
    try {
      res = await http.stream({
        url: options.url,
        headers: { ...options.headers, ...(resumeFrom > 0 ? { range: `bytes=${resumeFrom}-` } : {}) },
        signal: options.signal,
      });
    } catch (err) {
      if (err instanceof InterruptedError) throw err;
      lastError = err;
      await options.clock.sleep(backoff(attempt), options.signal);
      continue;
    }
    if (res.status >= 400) {
      res.body.destroy();
      const err = new ProviderError(`Download failed: ${hostOf(options.url)} answered ${res.status}`, { status: res.status });
      if (res.status < 500 && res.status !== 408 && res.status !== 429) throw err;
      lastError = err;
      await options.clock.sleep(backoff(attempt), options.signal);
      continue;
    }
    // A server that ignored our Range starts over from byte 0.
    const appending = resumeFrom > 0 && res.status === 206;
    if (!appending) received = 0;
    total = totalSize(res.headers, appending ? resumeFrom : 0) ?? total;
    if (options.maxBytes !== undefined && total !== undefined && total > options.maxBytes) {
      res.body.destroy();
      throw new ProviderError(`Download is ${total} bytes, over the ${options.maxBytes}-byte limit (output.maxBytes)`, {
        hint: 'raise output.maxBytes in your config',
      });
    }
    const checker = new ByteChecker(appending ? undefined : options.expectedKind, options.maxBytes, received, (n) => {
      received = n;
      options.onProgress?.(n, total);
    });
    // A dropped connection must not lose what already arrived: the source's error ends the
    // pipeline cleanly (the file gets every byte received), then we resume from the file's size.
    let dropped: unknown;
    const source = res.body;
    async function* untilDropped() {
      try {
        for await (const chunk of source) yield chunk as Buffer;
      } catch (err) {
        dropped = err;
        checker.sourceDropped = true;
      }
    }
    try {
      await pipeline(untilDropped(), checker, createWriteStream(options.tmpPath, { flags: appending ? 'a' : 'w', mode: 0o644, highWaterMark: WRITE_BUFFER }), { signal: options.signal });
      if (checker.mediaType) mediaType = checker.mediaType;
      if (checker.headBytes) head = checker.headBytes;
      if (options.signal.aborted) throw new InterruptedError();
      if (dropped !== undefined) throw dropped;
    } catch (err) {
      if (err instanceof InterruptedError) throw err;
      if (options.signal.aborted) throw new InterruptedError();
      if (err instanceof ProviderError) throw err; // wrong bytes or over the cap: retrying will not help
      if (checker.mediaType) mediaType = checker.mediaType;
      if (checker.headBytes) head = checker.headBytes;
      // Resume from what is really on disk (bytes held for sniffing may never have been written).
      const onDisk = await sizeOf(options.tmpPath);
      lastError = new NetworkError(`Download ended after ${onDisk}${total !== undefined ? ` of ${total}` : ''} bytes (${(err as Error)?.message ?? String(err)})`, { cause: err });
      received = acceptsRanges(res.headers) ? onDisk : 0;
      await options.clock.sleep(backoff(attempt), options.signal);
      continue;
    }
    if (total !== undefined && received !== total) {
      lastError = new NetworkError(`Download ended after ${received} of ${total} bytes`);
      if (!acceptsRanges(res.headers)) received = 0;
      await options.clock.sleep(backoff(attempt), options.signal);
      continue;
    }
    if (!mediaType) {
      head = await readHead(options.tmpPath);
      mediaType = sniffMediaType(head);
      if (!matchesKind(mediaType, options.expectedKind)) throw wrongBytes(mediaType, options);
    }
    return { mediaType: mediaType!, bytes: received, ...(head ? { head } : {}) };
  }
  const message = (lastError as Error)?.message ?? 'unknown error';
  throw new NetworkError(`Download from ${hostOf(options.url)} failed after ${attempts} attempts: ${message}`, {
    hint: 'the result is kept in the job journal: `automarket jobs resume` fetches it again',
    cause: lastError,
  });
}

/** Counts bytes, enforces the cap and checks the first bytes against the expected kind. */
class ByteChecker extends Transform {
  private head: Buffer[] = [];
  private headLength = 0;
  mediaType?: string;
  /** The bytes judged (the start of the file). */
  headBytes?: Buffer;
  /** Set when the connection dropped: too few bytes to judge is not a verdict (the file is judged when complete). */
  sourceDropped = false;

  constructor(
    private readonly expectedKind: string | undefined,
    private readonly maxBytes: number | undefined,
    private count: number,
    private readonly onCount: (n: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.length;
    if (this.maxBytes !== undefined && this.count > this.maxBytes) {
      return done(new ProviderError(`Download is over the ${this.maxBytes}-byte limit (output.maxBytes)`, { hint: 'raise output.maxBytes in your config' }));
    }
    this.onCount(this.count);
    if (this.expectedKind && this.mediaType === undefined) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength < SNIFF_BYTES) return done(); // hold until we can judge
      const err = this.judge();
      if (err) return done(err);
      const held = Buffer.concat(this.head);
      this.head = [];
      return done(null, held);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.expectedKind && this.mediaType === undefined && this.headLength > 0) {
      if (this.sourceDropped && this.headLength < SNIFF_BYTES) {
        this.push(Buffer.concat(this.head));
        return done();
      }
      const err = this.judge();
      if (err) return done(err);
      this.push(Buffer.concat(this.head));
    }
    done();
  }

  private judge(): Error | undefined {
    const head = Buffer.concat(this.head);
    const type = sniffMediaType(head);
    if (!matchesKind(type, this.expectedKind!)) return wrongBytes(type, { expectedKind: this.expectedKind! });
    this.mediaType = type;
    this.headBytes = head;
    return undefined;
  }
}

function wrongBytes(type: string | undefined, options: { expectedKind: string }): ProviderError {
  const what = type === 'text/html' ? 'an HTML page' : type ? `${type} data` : 'unrecognised bytes';
  return new ProviderError(`The provider returned ${what}, not ${options.expectedKind === 'image' ? 'an' : 'a'} ${options.expectedKind} file`, {
    hint: 'the file was not saved; run with --verbose to see the request',
  });
}

async function writeDataUri(options: DownloadOptions): Promise<DownloadResult> {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(options.url);
  if (!match) throw new ProviderError('The provider returned a malformed data: URI');
  const bytes = match[2] ? Buffer.from(match[3]!, 'base64') : Buffer.from(decodeURIComponent(match[3]!), 'utf8');
  const mediaType = sniffMediaType(bytes.subarray(0, SNIFF_BYTES)) ?? match[1];
  if (!matchesKind(mediaType, options.expectedKind)) throw wrongBytes(mediaType, options);
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes) throw new ProviderError(`Result is over the ${options.maxBytes}-byte limit (output.maxBytes)`);
  await fs.writeFile(options.tmpPath, bytes, { mode: 0o644 });
  return { mediaType: mediaType!, bytes: bytes.length };
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function totalSize(headers: Record<string, string | string[] | undefined>, offset: number): number | undefined {
  const range = headers['content-range'];
  if (typeof range === 'string') {
    const m = /\/(\d+)$/.exec(range);
    if (m) return Number(m[1]);
  }
  const length = headers['content-length'];
  if (typeof length === 'string' && /^\d+$/.test(length)) return Number(length) + offset;
  return undefined;
}

function acceptsRanges(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['accept-ranges'] === 'bytes' || typeof headers['content-range'] === 'string';
}

function backoff(attempt: number): number {
  return Math.min(8000, 250 * 2 ** attempt);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
