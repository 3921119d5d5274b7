/**
 * Streams a remote file to disk: never held whole in memory, Content-Length checked, a size cap,
 * resumed with Range after a dropped connection when the server supports it, and the media type
 * taken from the bytes (an HTML error page with 200 is a failure, not an asset).
 */
import { close, open, promises as fs, writev } from 'node:fs';
import type { Readable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Http } from '../http.js';
import type { Clock } from '../clock.js';
import { NetworkError, ProviderError, InterruptedError } from '../errors.js';
import { SNIFF_BYTES, readHead, sniffMediaType, matchesKind } from './sniff.js';
import { SYNC_WRITE_MAX_BYTES, writeBytes } from './write.js';

/**
 * Chunks waiting for the disk. Chunks that arrive while a write is in flight go out together in one
 * writev on the thread pool; past this much the socket is paused. Memory stays bounded: this is the
 * most the file side holds, whatever the file's size.
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
      res = await http.download({
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
    let body: Received;
    try {
      // A small file (most images and speech) is gathered in memory and written in one call: no
      // file descriptor held open on the thread pool while the bytes trickle in (see writeBytes).
      const small = !appending && total !== undefined && total <= SYNC_WRITE_MAX_BYTES;
      body = await (small ? receiveSmall : receive)(res.body, {
        file: options.tmpPath,
        append: appending,
        expectedKind: appending ? undefined : options.expectedKind,
        maxBytes: options.maxBytes,
        count: received,
        signal: options.signal,
        onCount: (n) => {
          received = n;
          options.onProgress?.(n, total);
        },
      });
    } catch (err) {
      if (err instanceof InterruptedError || options.signal.aborted) throw new InterruptedError();
      if (err instanceof ProviderError) throw err; // wrong bytes or over the cap: retrying will not help
      body = { dropped: err }; // the file could not be written: tried again like a dropped connection
    }
    if (body.mediaType) mediaType = body.mediaType;
    if (body.head) head = body.head;
    if (body.dropped !== undefined) {
      // A dropped connection must not lose what already arrived: every byte received is in the file.
      // Resume from what is really on disk.
      const onDisk = await sizeOf(options.tmpPath);
      const err = body.dropped;
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
      ({ head } = await readHead(options.tmpPath));
      mediaType = judgeHead(head, options.expectedKind);
    }
    return { mediaType: mediaType!, bytes: received, ...(head ? { head } : {}) };
  }
  const message = (lastError as Error)?.message ?? 'unknown error';
  throw new NetworkError(`Download from ${hostOf(options.url)} failed after ${attempts} attempts: ${message}`, {
    hint: 'the result is kept in the job journal: `automarket jobs resume` fetches it again',
    cause: lastError,
  });
}

interface Received {
  /** Set when the connection dropped: every byte received before it is in the file. */
  dropped?: unknown;
  mediaType?: string;
  /** The bytes judged (the start of the file). */
  head?: Buffer;
}

/**
 * receive() for a body known to be small: the chunks are kept until the end, then judged and written
 * at once; after a dropped connection, what arrived is written for the caller to resume from.
 */
function receiveSmall(source: Readable, o: ReceiveOptions): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let count = o.count;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      source.off('data', onData).off('end', onEnd).off('error', onDropped).off('close', onClose);
      o.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onData = (chunk: Buffer) => {
      count += chunk.length;
      if (o.maxBytes !== undefined && count > o.maxBytes) {
        source.destroy();
        return settle(() => reject(overCap(o.maxBytes!)));
      }
      chunks.push(chunk);
      o.onCount(count);
    };
    const onEnd = () =>
      settle(() => {
        const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const result: Received = {};
        if (o.expectedKind !== undefined && bytes.length > 0) {
          const head = bytes.subarray(0, SNIFF_BYTES);
          try {
            result.mediaType = judgeHead(head, o.expectedKind);
          } catch (err) {
            return reject(err);
          }
          result.head = head;
        }
        writeBytes(o.file, bytes).then(() => resolve(result), reject);
      });
    // What arrived is kept, as receive() does: the caller resumes with Range from the file's size
    // (the bytes are judged once the file is complete).
    const onDropped = (err: unknown) =>
      settle(() => {
        writeBytes(o.file, Buffer.concat(chunks)).then(() => resolve({ dropped: err }), reject);
      });
    const onClose = () => {
      if (!source.readableEnded) onDropped(prematureClose());
    };
    const onAbort = () => {
      source.destroy();
      settle(() => reject(new InterruptedError()));
    };
    if (o.signal.aborted) return onAbort();
    source.on('data', onData).on('end', onEnd).on('error', onDropped).on('close', onClose);
    o.signal.addEventListener('abort', onAbort, { once: true });
  });
}

interface ReceiveOptions {
  file: string;
  append: boolean;
  /** Judge the first bytes against this kind (undefined when resuming: they were judged before). */
  expectedKind: string | undefined;
  maxBytes: number | undefined;
  /** Bytes already in the file. */
  count: number;
  signal: AbortSignal;
  onCount: (n: number) => void;
}

/**
 * Writes a response body to the file: counts bytes, enforces the cap, holds the first bytes until
 * they can be judged, and writes chunks straight from the socket with writev on the file descriptor
 * (no stream layers per chunk; backpressure by pausing the socket). Rejects on a wrong type, the cap,
 * abort or a write error; resolves with `dropped` when the connection broke (the bytes received so
 * far are all written, so the caller can resume with Range).
 */
function receive(source: Readable, o: ReceiveOptions): Promise<Received> {
  // Listeners go on at once and the file opens meanwhile (as if a write were in flight): node:http
  // drops what a response buffered when its connection breaks before anyone reads it.
  return new Promise<Received>((resolve, reject) => {
    const result: Received = {};
    let count = o.count;
    let held: Buffer[] = [];
    let heldLength = 0;
    let judging = o.expectedKind !== undefined;
    let fd: number | undefined;
    let queue: Buffer[] = [];
    let queued = 0;
    let writing = true; // until the file is open
    let ended = false;
    let failure: unknown;
    let settled = false;

    const finish = () => {
      if (settled) return;
      settled = true;
      source.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      o.signal.removeEventListener('abort', onAbort);
      if (fd === undefined) return reject(failure);
      close(fd, (closeErr) => {
        const err = failure ?? closeErr;
        if (err !== undefined && err !== null) reject(err);
        else resolve(result);
      });
    };
    const fail = (err: unknown) => {
      if (failure !== undefined) return;
      failure = err;
      source.destroy();
      queue = [];
      if (!writing) finish();
    };
    const judge = (): boolean => {
      const head = heldLength === held[0]!.length ? held[0]! : Buffer.concat(held);
      try {
        result.mediaType = judgeHead(head, o.expectedKind!);
      } catch (err) {
        fail(err);
        return false;
      }
      result.head = head;
      judging = false;
      held = [];
      enqueue(head);
      return true;
    };
    const enqueue = (chunk: Buffer) => {
      queue.push(chunk);
      queued += chunk.length;
      if (queued >= WRITE_BUFFER) source.pause();
      flush();
    };
    const flush = () => {
      if (writing || failure !== undefined) return;
      if (queue.length === 0) {
        if (ended) finish();
        return;
      }
      const chunks = queue;
      queue = [];
      queued = 0;
      writing = true;
      writeAll(fd!, chunks, (err) => {
        writing = false;
        if (failure !== undefined) return finish();
        if (err) return fail(err);
        if (source.isPaused() && !ended) source.resume();
        flush();
      });
    };
    const onData = (chunk: Buffer) => {
      count += chunk.length;
      if (o.maxBytes !== undefined && count > o.maxBytes) {
        return fail(overCap(o.maxBytes));
      }
      o.onCount(count);
      releaseChunks(chunk.length);
      if (!judging) return enqueue(chunk);
      held.push(chunk);
      heldLength += chunk.length;
      if (heldLength >= SNIFF_BYTES) judge(); // until then, hold
    };
    const end = (dropped: unknown) => {
      if (ended || failure !== undefined) return;
      ended = true;
      if (dropped !== undefined) result.dropped = dropped;
      if (judging && heldLength > 0) {
        // Too few bytes to judge after a drop is not a verdict: keep them, the file is judged when complete.
        if (dropped !== undefined && heldLength < SNIFF_BYTES) enqueue(Buffer.concat(held));
        else if (!judge()) return;
      }
      flush();
    };
    const onEnd = () => end(undefined);
    const onError = (err: unknown) => end(err);
    const onClose = () => end(prematureClose());
    const onAbort = () => fail(new InterruptedError());

    source.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
    o.signal.addEventListener('abort', onAbort, { once: true });
    if (o.signal.aborted) onAbort();
    open(o.file, o.append ? 'a' : 'w', 0o644, (err, opened) => {
      writing = false;
      if (err) return fail(err);
      fd = opened;
      if (failure !== undefined) return finish();
      flush();
    });
  });
}

/** The media type of a file's first bytes; throws when they are not the kind asked for (an HTML error page, say). */
function judgeHead(head: Buffer, expectedKind: string): string | undefined {
  const type = sniffMediaType(head);
  if (!matchesKind(type, expectedKind)) throw wrongBytes(type, { expectedKind });
  return type;
}

function overCap(maxBytes: number): ProviderError {
  return new ProviderError(`Download is over the ${maxBytes}-byte limit (output.maxBytes)`, { hint: 'raise output.maxBytes in your config' });
}

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/** writev until every byte is written (a regular file may take fewer bytes than asked). */
function writeAll(fd: number, chunks: Buffer[], done: (err: NodeJS.ErrnoException | null) => void): void {
  writev(fd, chunks, (err, written) => {
    if (err) return done(err);
    let rest = written;
    let i = 0;
    while (i < chunks.length && rest >= chunks[i]!.length) rest -= chunks[i++]!.length;
    if (i === chunks.length) return done(null);
    writeAll(fd, [chunks[i]!.subarray(rest), ...chunks.slice(i + 1)], done);
  });
}

/**
 * Node's HTTP parser copies every body chunk into a new ArrayBuffer of its own, and V8 frees young
 * ArrayBuffers only in a scavenge, which it forces when they add up to twice the largest semi-space
 * (32 MiB on 64-bit): a download thus holds ~32 MiB of chunks already written at any moment (RSS
 * 84 MiB for a bare http.get in node 20 here, against 48 MiB with a reused read buffer). A minor GC
 * every few MiB received (a scavenge of a small young generation: a fraction of a millisecond)
 * keeps that to a few MiB, and malloc hands the same freed chunks back, still warm in the cache.
 * Counted across every download of the process (a batch downloads many at once).
 */
const RELEASE_EVERY = 4 << 20;
let sinceRelease = 0;
let minorGc: ((options: { type: 'minor' }) => void) | null | undefined;

function releaseChunks(bytes: number): void {
  sinceRelease += bytes;
  if (sinceRelease < RELEASE_EVERY) return;
  sinceRelease = 0;
  if (minorGc === undefined) minorGc = exposeGc();
  minorGc?.({ type: 'minor' });
}

function exposeGc(): ((options: { type: 'minor' }) => void) | null {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as (options: { type: 'minor' }) => void;
  try {
    // --expose-gc from code: the flag applies to contexts made after it, so `gc` is fetched from a
    // fresh one and the flag is put back (no later context sees a `gc` global).
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    v8.setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? (gc as (options: { type: 'minor' }) => void) : null;
  } catch {
    return null;
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
  await writeBytes(options.tmpPath, bytes);
  return { mediaType: mediaType!, bytes: bytes.length };
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
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
