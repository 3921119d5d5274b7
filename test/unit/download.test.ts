/**
 * Downloads against a real node:http server: truncated bodies fail leaving no file, a dropped
 * connection resumes with Range, the size cap holds with and without Content-Length, and an HTML
 * page is never saved as an image.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Http } from '../../src/http.js';
import { Secrets } from '../../src/secrets.js';
import { saveAsset, type SaveDeps } from '../../src/assets/save.js';
import { SYNC_WRITE_MAX_BYTES } from '../../src/assets/write.js';
import { InterruptedError, NetworkError, ProviderError } from '../../src/errors.js';
import type { Clock } from '../../src/clock.js';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../helpers/fake-server.js';
import { tempDir } from '../helpers/cli.js';
import { makeNoisePng, mp4Bytes } from '../fakes/media.js';
import type { ServerResponse } from 'node:http';

const clock: Clock = { now: () => Date.now(), sleep: async () => undefined };

function deps(extra: Partial<SaveDeps> = {}): SaveDeps {
  const signal = new AbortController().signal;
  const http = new Http({ secrets: new Secrets(), clock, signal, userAgent: 'test', timeoutMs: 5000 });
  const dir = tempDir();
  return { http, clock, signal, tempDir: () => dir, stdout: process.stdout, ...extra };
}

let png: Buffer;
let server: FakeServer | undefined;
beforeAll(async () => {
  png = await makeNoisePng(160, 120, 7);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Behaviour = (req: RecordedRequest, res: ServerResponse, n: number) => void;
async function serve(behaviour: Behaviour): Promise<FakeServer> {
  let n = 0;
  server = await startFakeServer((req, res) => behaviour(req, res, n++));
  return server;
}


const save = (url: string, file: string, extra: Partial<SaveDeps> = {}) => saveAsset({ kind: 'image', url }, { mode: 'file', path: file, force: false }, deps(extra));

// Bodies up to SYNC_WRITE_MAX_BYTES are gathered in memory and written at once; larger ones stream to
// the file. Both keep the same contract when the connection breaks.
describe.each([
  ['a small file (gathered in memory)', 160, 120],
  ['a large file (streamed to disk)', 400, 300],
])('%s', (_label, width, height) => {
  let png: Buffer;
  beforeAll(async () => {
    png = await makeNoisePng(width, height, 7);
    expect(png.length > SYNC_WRITE_MAX_BYTES).toBe(width === 400);
  });
  const halfThen = (res: ServerResponse, how: 'end' | 'reset', headers: Record<string, string | number>) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, ...headers });
    res.write(png.subarray(0, 5000), () => (how === 'reset' ? res.socket?.resetAndDestroy() : res.socket?.end()));
  };

  test('a body shorter than Content-Length (every attempt) fails, and no file is left behind', async () => {
    const s = await serve((_req, res) => halfThen(res, 'end', {}));
    const dir = tempDir();
    const err = await save(`${s.url}/a.png`, path.join(dir, 'a.png')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/failed after 5 attempts: Download ended after 5000 of \d+ bytes/);
    expect(readdirSync(dir)).toEqual([]);
    expect(s.requests).toHaveLength(5);
  });

  test('a dropped connection resumes with Range from the bytes on disk; the file is byte-identical', async () => {
    const s = await serve((req, res, n) => {
      if (n === 0) return halfThen(res, 'reset', { 'accept-ranges': 'bytes' });
      const start = Number(/bytes=(\d+)-/.exec(String(req.headers.range))![1]);
      res.writeHead(206, { 'content-type': 'image/png', 'content-length': png.length - start, 'content-range': `bytes ${start}-${png.length - 1}/${png.length}` });
      res.end(png.subarray(start));
    });
    const file = path.join(tempDir(), 'r.png');
    const saved = await save(`${s.url}/r.png`, file);
    expect(saved).toMatchObject({ mediaType: 'image/png', bytes: png.length, width, height });
    expect(readFileSync(file).equals(png)).toBe(true);
    expect(s.requests[1]!.headers.range).toBe('bytes=5000-');
  });

  test('a server that ignores Range is downloaded again from the start', async () => {
    const s = await serve((_req, res, n) => {
      if (n === 0) return halfThen(res, 'reset', { 'accept-ranges': 'bytes' });
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.end(png);
    });
    const file = path.join(tempDir(), 'x.png');
    await save(`${s.url}/x.png`, file);
    expect(readFileSync(file).equals(png)).toBe(true);
  });
});

test('the size cap refuses a large Content-Length before reading, and a stream without one mid-way', async () => {
  const s = await serve((req, res) => {
    if (req.path === '/declared.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      return res.end(png);
    }
    res.writeHead(200, { 'content-type': 'image/png', 'transfer-encoding': 'chunked' });
    res.end(png);
  });
  for (const name of ['declared.png', 'chunked.png']) {
    const dir = tempDir();
    const err = await save(`${s.url}/${name}`, path.join(dir, name), { maxBytes: 10_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/over the 10000-byte limit/);
    expect((err as ProviderError).hint).toMatch(/output\.maxBytes/);
    expect(readdirSync(dir)).toEqual([]);
  }
  expect(s.requests).toHaveLength(2); // over the cap is final: not retried
});

test('an HTML page served with 200 and Content-Type image/png is rejected, not saved', async () => {
  const s = await serve((_req, res) => {
    const html = Buffer.from('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>'.padEnd(400, ' '));
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': html.length });
    res.end(html);
  });
  const dir = tempDir();
  const err = await save(`${s.url}/p.png`, path.join(dir, 'p.png')).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  expect((err as Error).message).toBe('The provider returned an HTML page, not an image file');
  expect(readdirSync(dir)).toEqual([]);
  expect(existsSync(path.join(dir, 'p.png'))).toBe(false);
});

test('a 404 is final; a 503 is retried', async () => {
  const s = await serve((req, res, n) => {
    if (req.path === '/gone.png') {
      res.writeHead(404);
      return res.end();
    }
    if (n < 2) {
      res.writeHead(503);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
    res.end(png);
  });
  const dir = tempDir();
  await expect(save(`${s.url}/gone.png`, path.join(dir, 'g.png'))).rejects.toThrow(/answered 404/);
  const file = path.join(dir, 'ok.png');
  await save(`${s.url}/ok.png`, file);
  expect(readFileSync(file).equals(png)).toBe(true);
});

describe('the download GET (node:http, not got: same contract)', () => {
  test('a redirect on the same origin keeps the credential headers; one to another origin drops them all', async () => {
    const other = await startFakeServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.end(png);
    });
    try {
      const s = await serve((req, res) => {
        if (req.path === '/first.png') {
          res.writeHead(302, { location: '/second.png' });
          return res.end();
        }
        res.writeHead(307, { location: `${other.url}/final.png` });
        res.end();
      });
      const file = path.join(tempDir(), 'r.png');
      const headers = { authorization: 'Key sekrit-123456', 'x-api-key': 'sekrit-123456', 'x-other': 'kept' };
      const saved = await saveAsset({ kind: 'image', url: `${s.url}/first.png`, headers }, { mode: 'file', path: file, force: false }, deps());
      expect(saved).toMatchObject({ mediaType: 'image/png', bytes: png.length });
      expect(readFileSync(file).equals(png)).toBe(true);
      expect(s.requests.map((r) => [r.path, r.headers.authorization, r.headers['x-api-key']])).toEqual([
        ['/first.png', 'Key sekrit-123456', 'sekrit-123456'],
        ['/second.png', 'Key sekrit-123456', 'sekrit-123456'],
      ]);
      const followed = other.requests[0]!.headers;
      expect(followed.authorization).toBeUndefined();
      expect(followed['x-api-key']).toBeUndefined();
      expect(followed['x-other']).toBe('kept');
      expect(followed['user-agent']).toBe('test');
    } finally {
      await other.close();
    }
  });

  test('a redirect loop fails after 10 redirects', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: '/again.png' });
      res.end();
    });
    const dir = tempDir();
    const err = await save(`${s.url}/loop.png`, path.join(dir, 'l.png')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/Redirected 10 times/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a file of many MiB arrives byte-identical, with progress rising to the total', async () => {
    const body = Buffer.concat([mp4Bytes(4096), Buffer.alloc(9 * 1_048_576 + 12_345, 0x5a)]);
    for (let i = 4096; i < body.length; i += 4093) body[i] = i & 0xff; // not all one byte: order matters
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length });
      res.end(body);
    });
    const seen: number[] = [];
    const file = path.join(tempDir(), 'big.mp4');
    const saved = await saveAsset({ kind: 'video', url: `${s.url}/big.mp4` }, { mode: 'file', path: file, force: false }, deps({ onProgress: (n, total) => {
      seen.push(n);
      expect(total).toBe(body.length);
    } }));
    expect(saved).toMatchObject({ mediaType: 'video/mp4', bytes: body.length });
    expect(readFileSync(file).equals(body)).toBe(true);
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1]!)).toBe(true);
    expect(seen[seen.length - 1]).toBe(body.length);
  });

  test('an abort mid-body stops at once with InterruptedError and leaves no file', async () => {
    const controller = new AbortController();
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.write(png.subarray(0, 5000), () => setTimeout(() => controller.abort(), 20)); // and never the rest
    });
    const dir = tempDir();
    const err = await save(`${s.url}/a.png`, path.join(dir, 'a.png'), { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect(readdirSync(dir)).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });
});
