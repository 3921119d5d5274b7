/** The asset writer: atomic writes, --force, stdout, and media-type sniffing (the bytes decide). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { writeAtomically } from '../../src/assets/write.js';
import { saveAsset, type SaveDeps } from '../../src/assets/save.js';
import { extensionFor, matchesKind, mediaTypeForExtension, sniffMediaType } from '../../src/assets/sniff.js';
import { Http } from '../../src/http.js';
import { Secrets } from '../../src/secrets.js';
import { systemClock } from '../../src/clock.js';
import { InputError, ProviderError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';
import { sendBytes, startFakeServer } from '../helpers/fake-server.js';
import { mp3Bytes, mp4Bytes, pngBytes } from '../fakes/media.js';

function deps(stdout = new PassThrough()): SaveDeps & { stdout: PassThrough; spoolDir: string } {
  const signal = new AbortController().signal;
  const spoolDir = tempDir();
  return { http: new Http({ secrets: new Secrets(), clock: systemClock, signal, userAgent: 'test' }), clock: systemClock, signal, tempDir: () => spoolDir, stdout, spoolDir };
}

function collect(stream: PassThrough): Buffer[] {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return chunks;
}

describe('writeAtomically', () => {
  test('a failure half way leaves neither the target nor a temp file', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.png');
    await expect(
      writeAtomically(target, false, async (tmp) => {
        await fs.writeFile(tmp, 'half of it');
        throw new Error('connection reset');
      }),
    ).rejects.toThrow('connection reset');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('never replaces an existing file without force; replaces it with force', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.png');
    writeFileSync(target, 'original');
    await expect(writeAtomically(target, false, (tmp) => fs.writeFile(tmp, 'new'))).rejects.toThrow(InputError);
    expect(readFileSync(target, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['out.png']);
    await writeAtomically(target, true, (tmp) => fs.writeFile(tmp, 'new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.png']);
  });

  test('creates missing parent directories', async () => {
    const target = path.join(tempDir(), 'a', 'b', 'c.txt');
    await writeAtomically(target, false, (tmp) => fs.writeFile(tmp, 'x'));
    expect(readFileSync(target, 'utf8')).toBe('x');
  });
});

describe('saveAsset', () => {
  test('bytes to a file: media type from the bytes, dimensions from the header', async () => {
    const target = path.join(tempDir(), 'x.png');
    const png = await pngBytes(40, 30);
    const saved = await saveAsset({ kind: 'image', mediaType: 'image/jpeg', data: png }, { mode: 'file', path: target, force: false }, deps());
    expect(saved).toEqual({ path: target, mediaType: 'image/png', bytes: png.length, width: 40, height: 30 });
    expect(readFileSync(target).equals(png)).toBe(true);
  });

  test('-o -: the bytes go to stdout and no file is left', async () => {
    const d = deps();
    const chunks = collect(d.stdout);
    const png = await pngBytes(8, 8);
    const saved = await saveAsset({ kind: 'image', stream: Readable.from([png.subarray(0, 10), png.subarray(10)]) }, { mode: 'stdout' }, d);
    expect(saved.path).toBeUndefined();
    expect(Buffer.concat(chunks).equals(png)).toBe(true);
    expect(readdirSync(d.spoolDir)).toEqual([]);
  });

  test('-o -: wrong bytes never reach stdout', async () => {
    const d = deps();
    const chunks = collect(d.stdout);
    await expect(saveAsset({ kind: 'image', data: Buffer.from('<html><body>oops</body></html>') }, { mode: 'stdout' }, d)).rejects.toThrow(ProviderError);
    expect(chunks).toEqual([]);
  });

  test('a stream that fails part way leaves no file', async () => {
    const dir = tempDir();
    const broken = new Readable({
      read() {
        this.push(Buffer.from('\x89PNG\r\n\x1a\n0000000000000000'));
        this.destroy(new Error('socket hang up'));
      },
    });
    await expect(saveAsset({ kind: 'image', stream: broken }, { mode: 'file', path: path.join(dir, 'x.png'), force: false }, deps())).rejects.toThrow('socket hang up');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a download that is an HTML page (200, image/png header) is refused and leaves no file', async () => {
    const server = await startFakeServer((_req, res) => sendBytes(res, 200, Buffer.from('<!DOCTYPE html><html><body>Bad gateway</body></html>'), 'image/png'));
    try {
      const dir = tempDir();
      await expect(saveAsset({ kind: 'image', url: `${server.url}/x.png` }, { mode: 'file', path: path.join(dir, 'x.png'), force: false }, deps())).rejects.toThrow('The provider returned an HTML page, not an image file');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('a download is streamed to the file with its sniffed type', async () => {
    const mp4 = mp4Bytes(200_000);
    const server = await startFakeServer((_req, res) => sendBytes(res, 200, mp4, 'application/octet-stream'));
    try {
      const target = path.join(tempDir(), 'clip.mp4');
      const progress: number[] = [];
      const d = { ...deps(), onProgress: (n: number) => progress.push(n) };
      const saved = await saveAsset({ kind: 'video', url: `${server.url}/v` }, { mode: 'file', path: target, force: false }, d);
      expect(saved).toMatchObject({ mediaType: 'video/mp4', bytes: mp4.length });
      expect(readFileSync(target).equals(mp4)).toBe(true);
      expect(progress[progress.length - 1]).toBe(mp4.length);
    } finally {
      await server.close();
    }
  });

  test('a data: URI is decoded and checked', async () => {
    const target = path.join(tempDir(), 'a.mp3');
    const mp3 = mp3Bytes(100);
    const saved = await saveAsset({ kind: 'audio', url: `data:audio/mpeg;base64,${mp3.toString('base64')}` }, { mode: 'file', path: target, force: false }, deps());
    expect(saved.mediaType).toBe('audio/mpeg');
    expect(readFileSync(target).equals(mp3)).toBe(true);
    expect(existsSync(target)).toBe(true);
  });
});

describe('sniffing', () => {
  const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');
  const cases: Array<[string, Buffer, string | undefined]> = [
    ['png', hex('89504e470d0a1a0a 0000000d49484452'), 'image/png'],
    ['jpeg', hex('ffd8ffe000104a464946'), 'image/jpeg'],
    ['gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
    ['webp', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), 'image/webp'],
    ['wav', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), 'audio/wav'],
    ['mp4', mp4Bytes(64), 'video/mp4'],
    ['quicktime', Buffer.from('\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00', 'latin1'), 'video/quicktime'],
    ['m4a', Buffer.from('\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00', 'latin1'), 'audio/mp4'],
    ['webm', Buffer.concat([hex('1a45dfa3'), Buffer.from('....webm')]), 'video/webm'],
    ['mp3 (id3)', mp3Bytes(32), 'audio/mpeg'],
    ['mp3 (frame sync)', hex('fffb9064000000'), 'audio/mpeg'],
    ['ogg opus', Buffer.from('OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00OpusHead', 'latin1'), 'audio/ogg; codecs=opus'],
    ['flac', Buffer.from('fLaC\x00\x00\x00\x22', 'latin1'), 'audio/flac'],
    ['html', Buffer.from('  <!DOCTYPE html><html>'), 'text/html'],
    ['html without doctype', Buffer.from('<html><head>'), 'text/html'],
    ['json', Buffer.from('{"detail":"nope"}'), 'application/json'],
    ['svg', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'), 'image/svg+xml'],
    ['webvtt', Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nhi'), 'text/vtt'],
    ['srt', Buffer.from('1\n00:00:00,000 --> 00:00:01,000\nhi\n'), 'application/x-subrip'],
    ['plain text', Buffer.from('hello world'), 'text/plain'],
    ['random bytes', hex('00ff13370042ab'), undefined],
    ['empty', Buffer.alloc(0), undefined],
  ];
  test.each(cases)('%s', (_name, bytes, type) => {
    expect(sniffMediaType(bytes)).toBe(type);
  });

  test('what counts as the asked kind', () => {
    expect(matchesKind('image/png', 'image')).toBe(true);
    expect(matchesKind('text/html', 'image')).toBe(false);
    expect(matchesKind('text/html', 'text')).toBe(false);
    expect(matchesKind('application/json', 'image')).toBe(false);
    expect(matchesKind(undefined, 'image')).toBe(false);
    expect(matchesKind('video/mp4', 'audio')).toBe(true); // m4a sniffs as mp4
    expect(matchesKind('audio/mpeg', 'video')).toBe(false);
    expect(matchesKind('application/x-subrip', 'text')).toBe(true);
  });

  test('extensions both ways', () => {
    expect(extensionFor('image/jpeg')).toBe('jpg');
    expect(extensionFor('audio/ogg; codecs=opus')).toBe('opus');
    expect(extensionFor('application/x-unknown')).toBe('bin');
    expect(mediaTypeForExtension('.JPEG')).toBe('image/jpeg');
    expect(mediaTypeForExtension('mp4')).toBe('video/mp4');
    expect(mediaTypeForExtension('xyz')).toBeUndefined();
  });
});
