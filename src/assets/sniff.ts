/**
 * Media type from the first bytes. The bytes decide, not the URL or the server's Content-Type: an
 * HTML error page served with 200 must fail, never be saved as a .png.
 */
import { promises as fs } from 'node:fs';

export const SNIFF_BYTES = 64;

/** A written file's first bytes, to sniff, and its size. */
export async function readHead(file: string): Promise<{ head: Buffer; size: number }> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const [{ size }, { bytesRead }] = await Promise.all([handle.stat(), handle.read(head, 0, SNIFF_BYTES, 0)]);
    return { head: head.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

export function sniffMediaType(head: Uint8Array): string | undefined {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const ascii = (start: number, text: string) => b.length >= start + text.length && b.toString('latin1', start, start + text.length) === text;
  if (b.length >= 8 && b[0] === 0x89 && ascii(1, 'PNG')) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(0, 'RIFF') && ascii(8, 'AVI ')) return 'video/x-msvideo';
  if (ascii(4, 'ftyp')) {
    const brand = b.toString('latin1', 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    if (brand === 'heic' || brand === 'heix' || brand === 'mif1') return 'image/heic';
    if (brand.startsWith('M4A') || brand === 'M4B ') return 'audio/mp4';
    if (brand === 'qt  ') return 'video/quicktime';
    return 'video/mp4';
  }
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    return b.includes(Buffer.from('webm')) ? 'video/webm' : 'video/x-matroska';
  }
  if (ascii(0, 'OggS')) return b.includes(Buffer.from('OpusHead')) ? 'audio/ogg; codecs=opus' : 'audio/ogg';
  if (ascii(0, 'fLaC')) return 'audio/flac';
  if (ascii(0, 'ID3')) return 'audio/mpeg';
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xf6) === 0xf0) return 'audio/aac'; // ADTS
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) return 'audio/mpeg'; // MPEG audio frame sync
  if (ascii(0, 'BM') && b.length >= 6) return 'image/bmp';
  if (ascii(0, '%PDF')) return 'application/pdf';
  const text = b.toString('utf8').trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<head') || text.startsWith('<body')) return 'text/html';
  if (text.startsWith('<?xml') || text.startsWith('<svg')) return text.includes('<svg') ? 'image/svg+xml' : 'application/xml';
  if (text.startsWith('{') || text.startsWith('[')) return 'application/json';
  if (text.startsWith('webvtt')) return 'text/vtt';
  if (/^\d+\s*\r?\n\d\d:\d\d:\d\d,\d\d\d --> /.test(text)) return 'application/x-subrip';
  if (isMostlyText(b)) return 'text/plain';
  return undefined;
}

function isMostlyText(b: Buffer): boolean {
  if (b.length === 0) return false;
  let printable = 0;
  for (const byte of b) if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127)) printable++;
  return printable / b.length > 0.95 && !b.includes(0);
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
  'video/x-msvideo': 'avi',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/ogg; codecs=opus': 'opus',
  'audio/opus': 'opus',
  'audio/flac': 'flac',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/pcm': 'pcm',
  'text/plain': 'txt',
  'text/vtt': 'vtt',
  'application/x-subrip': 'srt',
  'application/json': 'json',
  'text/markdown': 'md',
};

export function extensionFor(mediaType: string | undefined): string {
  if (!mediaType) return 'bin';
  return EXTENSIONS[mediaType] ?? EXTENSIONS[mediaType.split(';')[0]!.trim()] ?? 'bin';
}

export function mediaTypeForExtension(ext: string): string | undefined {
  const e = ext.replace(/^\./, '').toLowerCase();
  if (e === 'jpeg') return 'image/jpeg';
  if (e === 'm4v') return 'video/mp4';
  if (e === 'oga') return 'audio/ogg';
  if (e === 'md') return 'text/markdown';
  for (const [type, known] of Object.entries(EXTENSIONS)) if (known === e) return type;
  return undefined;
}

/** Whether bytes of `actual` type are acceptable where `expectedKind` was asked for. */
export function matchesKind(actual: string | undefined, expectedKind: string): boolean {
  if (!actual) return expectedKind === 'text' ? false : false;
  if (actual === 'text/html') return false;
  const top = actual.split('/')[0];
  if (expectedKind === 'text') return top === 'text' || actual === 'application/json' || actual === 'application/x-subrip';
  if (expectedKind === 'audio' && actual === 'video/mp4') return true; // an .m4a is often sniffed as mp4
  if (expectedKind === 'video' && (actual === 'video/x-matroska' || top === 'image' && actual === 'image/gif')) return true;
  return top === expectedKind;
}
