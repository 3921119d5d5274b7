/** `-i` values to InputRefs: local files (sniffed), URLs, or `-` (stdin spooled to a temp file). */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { InputRef } from '../plugin/types.js';
import { InputError, UsageError } from '../errors.js';
import { kindOfMediaType } from '../kinds.js';
import { SNIFF_BYTES, mediaTypeForExtension, sniffMediaType, extensionFor } from '../assets/sniff.js';

export interface InputDeps {
  cwd: string;
  stdin: Readable & { isTTY?: boolean };
  tempDir: () => string;
}

export async function resolveInputs(values: string[], deps: InputDeps): Promise<InputRef[]> {
  if (values.filter((v) => v === '-').length > 1) throw new UsageError('Only one -i can read stdin ("-")');
  const out: InputRef[] = [];
  for (const value of values) out.push(await resolveInput(value, deps));
  return out;
}

async function resolveInput(value: string, deps: InputDeps): Promise<InputRef> {
  if (value === '-') return spoolStdin(deps);
  if (/^https?:\/\//i.test(value)) {
    let name: string;
    try {
      name = path.posix.basename(new URL(value).pathname) || 'input';
    } catch {
      throw new UsageError(`Bad input URL ${value}`);
    }
    const mediaType = mediaTypeForExtension(path.extname(name));
    const kind = kindOfMediaType(mediaType);
    if (!mediaType || !kind) {
      throw new UsageError(`Cannot tell what kind of media ${value} is`, { hint: 'use a URL whose path ends in a media extension (.png, .mp4, .wav), or download it and pass the file' });
    }
    return { kind, mediaType, url: value, name };
  }
  if (value.startsWith('data:')) {
    const mediaType = /^data:([^;,]+)/.exec(value)?.[1];
    const kind = kindOfMediaType(mediaType);
    if (!mediaType || !kind) throw new UsageError('Cannot tell what kind of media the data: URI holds', { hint: 'give it a media type, data:image/png;base64,...' });
    return { kind, mediaType, url: value, name: `input.${extensionFor(mediaType)}` };
  }
  const file = path.resolve(deps.cwd, value);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new InputError(`Input file not found: ${value}`, { hint: 'check the -i path' });
  }
  if (!stat.isFile()) throw new InputError(`Input is not a file: ${value}`, { hint: 'pass a file to -i' });
  return describeFile(file, path.basename(file), stat.size);
}

async function describeFile(file: string, name: string, bytes: number): Promise<InputRef> {
  const handle = await fs.open(file, 'r');
  const head = Buffer.alloc(SNIFF_BYTES);
  const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
  await handle.close();
  const sniffed = sniffMediaType(head.subarray(0, bytesRead));
  const mediaType = (sniffed && sniffed !== 'text/plain' ? sniffed : undefined) ?? mediaTypeForExtension(path.extname(name)) ?? sniffed;
  const kind = kindOfMediaType(mediaType);
  if (!mediaType || !kind) {
    throw new InputError(`Cannot tell what kind of media ${name} is`, { hint: 'pass an image, video, audio or text file' });
  }
  return { kind, mediaType, path: file, name, bytes };
}

async function spoolStdin(deps: InputDeps): Promise<InputRef> {
  if (deps.stdin.isTTY) throw new UsageError('-i - reads a file from stdin, but stdin is a terminal', { hint: 'pipe a file in: ... | automarket generate video -i - "slow pan"' });
  const file = path.join(deps.tempDir(), 'stdin-input');
  await pipeline(deps.stdin, createWriteStream(file));
  const { size } = await fs.stat(file);
  if (size === 0) throw new InputError('-i - read nothing from stdin', { hint: 'pipe a media file in' });
  const ref = await describeFile(file, 'stdin', size);
  const named = `${file}.${extensionFor(ref.mediaType)}`;
  await fs.rename(file, named);
  return { ...ref, path: named, name: `stdin.${extensionFor(ref.mediaType)}` };
}
