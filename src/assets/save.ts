/** Writes one provider output (URL, bytes, stream, local file or text) to its destination, atomically. */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AssetSource } from '../plugin/types.js';
import type { Http } from '../http.js';
import type { Clock } from '../clock.js';
import { ProviderError } from '../errors.js';
import { downloadToFile } from './download.js';
import { SNIFF_BYTES, matchesKind, readHead, sniffMediaType } from './sniff.js';
import { writeAtomically, writeBytes, writeToFreeName } from './write.js';
import { dimensionsOf, imageDimensions } from './dimensions.js';

export interface SaveDeps {
  http: Http;
  clock: Clock;
  signal: AbortSignal;
  maxBytes?: number;
  /** A private temp directory, made on first use (only stdout spooling needs one). */
  tempDir: () => string;
  stdout: Writable;
  onProgress?: (received: number, total: number | undefined) => void;
}

export interface SavedFile {
  path?: string;
  mediaType: string;
  bytes: number;
  width?: number;
  height?: number;
}

/** `nextFreeName`: a taken path is not an error, the next free "-2", "-3"... name is used (template names). */
export type Destination = { mode: 'stdout' } | { mode: 'file'; path: string; force: boolean; nextFreeName?: boolean };

export async function saveAsset(source: AssetSource, dest: Destination, deps: SaveDeps): Promise<SavedFile> {
  if (dest.mode === 'stdout') {
    // Spool to a temp file first so that bytes that turn out wrong never reach the pipe.
    const spool = path.join(deps.tempDir(), `stdout-${Math.random().toString(36).slice(2)}`);
    const saved = await produce(source, spool, deps);
    await pipeline(createReadStream(spool), deps.stdout, { end: false });
    await fs.rm(spool, { force: true });
    return { ...saved, path: undefined };
  }
  if (dest.nextFreeName && !dest.force) {
    const { value, path: written } = await writeToFreeName(dest.path, (tmp) => produce(source, tmp, deps));
    return { ...value, path: written };
  }
  const saved = await writeAtomically(dest.path, dest.force, (tmp) => produce(source, tmp, deps));
  return { ...saved, path: dest.path };
}

async function produce(source: AssetSource, file: string, deps: SaveDeps): Promise<SavedFile> {
  let mediaType: string | undefined;
  let bytes: number;
  let head: Buffer | undefined;
  if (source.url !== undefined) {
    const result = await downloadToFile(deps.http, {
      url: source.url,
      tmpPath: file,
      expectedKind: source.kind,
      headers: source.headers,
      maxBytes: deps.maxBytes,
      signal: deps.signal,
      clock: deps.clock,
      onProgress: deps.onProgress,
    });
    mediaType = result.mediaType;
    bytes = result.bytes;
    head = result.head;
  } else if (source.text !== undefined) {
    await fs.writeFile(file, source.text, { mode: 0o644 });
    bytes = Buffer.byteLength(source.text);
    mediaType = source.mediaType ?? 'text/plain';
  } else {
    if (source.data !== undefined) {
      // Bytes already in memory: size and type come from them, with no second look at the file.
      await writeBytes(file, source.data);
      bytes = source.data.byteLength;
      head = Buffer.from(source.data.buffer, source.data.byteOffset, Math.min(SNIFF_BYTES, source.data.byteLength));
    } else if (source.stream !== undefined) {
      await pipeline(source.stream, createWriteStream(file, { mode: 0o644 }), { signal: deps.signal });
      ({ size: bytes, head } = await readHead(file));
    } else if (source.filePath !== undefined) {
      await fs.copyFile(source.filePath, file);
      ({ size: bytes, head } = await readHead(file));
    } else {
      throw new ProviderError('The provider returned an output with no content');
    }
    const sniffed = sniffMediaType(head);
    // Raw PCM has no header; trust the provider's type for it.
    mediaType = sniffed ?? source.mediaType;
    if (!matchesKind(mediaType, source.kind) && !(source.mediaType === 'audio/pcm' && source.kind === 'audio')) {
      throw new ProviderError(`The provider returned ${mediaType === 'text/html' ? 'an HTML page' : mediaType ?? 'unrecognised bytes'}, not a ${source.kind} file`);
    }
  }
  let width = source.width;
  let height = source.height;
  if (source.kind === 'image' && (width === undefined || height === undefined)) {
    // PNG, GIF and WebP carry their size in the first bytes, already at hand.
    const dims = (head && dimensionsOf(head)) ?? (await imageDimensions(file).catch(() => undefined));
    width = dims?.width ?? width;
    height = dims?.height ?? height;
  }
  return { mediaType: mediaType ?? 'application/octet-stream', bytes, width, height };
}

/** For providers: wrap a web ReadableStream or async iterable as a Node stream. */
export function toNodeStream(body: AsyncIterable<Uint8Array>): Readable {
  return Readable.from(body);
}
