/**
 * The retry policy of the one HTTP layer, against a real node:http server with injected faults.
 * The clock is a recorder: sleeps return at once and remember how long they were asked to be, so the
 * waits (Retry-After, backoff, cap) are checked exactly without slowing the tests down.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Http, HttpStatusError, type RetrySettings } from '../../src/http.js';
import { Secrets } from '../../src/secrets.js';
import { NetworkError } from '../../src/errors.js';
import type { Clock } from '../../src/clock.js';
import { startFakeServer, sendJson, type FakeServer, type Handler } from '../helpers/fake-server.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);

function recordingClock(onSleep?: (ms: number) => Promise<void> | void): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => NOW,
    async sleep(ms) {
      sleeps.push(ms);
      await onSleep?.(ms);
    },
  };
}

function makeHttp(clock: Clock, retry: Partial<RetrySettings> = {}, extra: { debug?: (l: string) => void; secrets?: Secrets } = {}): Http {
  return new Http({
    secrets: extra.secrets ?? new Secrets(),
    clock,
    signal: new AbortController().signal,
    retry: { baseDelayMs: 100, maxDelayMs: 10_000, ...retry },
    userAgent: 'automarket-test',
    timeoutMs: 5_000,
    debug: extra.debug,
  });
}

/** Serves `script[i]` for the i-th request; the last entry repeats. */
function scripted(script: Handler[]): Handler {
  let i = 0;
  return (req, res, raw) => script[Math.min(i++, script.length - 1)]!(req, res, raw);
}

const reset: Handler = (_req, _res, raw) => {
  raw.socket.destroy();
};
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    sendJson(res, code, { error: `status ${code}` }, headers);
const ok: Handler = (_req, res) => sendJson(res, 200, { ok: true });

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('idempotent requests (reads, polls)', () => {
  test('a connection reset before the response is retried', async () => {
    server = await startFakeServer(scripted([reset, ok]));
    const clock = recordingClock();
    const res = await makeHttp(clock).request<{ ok: boolean }>({ url: `${server.url}/status` });
    expect(res.body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  test.each([408, 409, 429, 500, 502, 503, 504])('%i is retried, then the success is returned', async (code) => {
    server = await startFakeServer(scripted([status(code), ok]));
    const res = await makeHttp(recordingClock()).request<{ ok: boolean }>({ url: `${server.url}/x` });
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  test('500 twice on a poll, then success', async () => {
    server = await startFakeServer(scripted([status(500), status(500), ok]));
    const clock = recordingClock();
    const res = await makeHttp(clock).request({ url: `${server.url}/poll` });
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(3);
    // Backoff with jitter: each wait within [ceiling/2, ceiling], the ceiling doubling from 100 ms.
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(100);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(200);
  });

  test.each([400, 401, 403, 404, 422])('%i is not retried', async (code) => {
    server = await startFakeServer(status(code));
    await expect(makeHttp(recordingClock()).request({ url: `${server.url}/x` })).rejects.toBeInstanceOf(HttpStatusError);
    expect(server.requests).toHaveLength(1);
  });

  test('Retry-After in seconds is honoured', async () => {
    server = await startFakeServer(scripted([status(429, { 'retry-after': '3' }), ok]));
    const clock = recordingClock();
    await makeHttp(clock).request({ url: `${server.url}/x` });
    expect(clock.sleeps).toEqual([3000]);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const when = new Date(NOW + 7000).toUTCString();
    server = await startFakeServer(scripted([status(503, { 'retry-after': when }), ok]));
    const clock = recordingClock();
    await makeHttp(clock).request({ url: `${server.url}/x` });
    expect(clock.sleeps).toEqual([7000]);
  });

  test('retry-after-ms wins over Retry-After', async () => {
    server = await startFakeServer(scripted([status(429, { 'retry-after-ms': '250', 'retry-after': '9' }), ok]));
    const clock = recordingClock();
    await makeHttp(clock).request({ url: `${server.url}/x` });
    expect(clock.sleeps).toEqual([250]);
  });

  test('a Retry-After longer than maxDelayMs is capped', async () => {
    server = await startFakeServer(scripted([status(429, { 'retry-after': '600' }), ok]));
    const clock = recordingClock();
    await makeHttp(clock, { maxDelayMs: 4000 }).request({ url: `${server.url}/x` });
    expect(clock.sleeps).toEqual([4000]);
  });

  test('maxRetries bounds the attempts, and the last error is clear', async () => {
    server = await startFakeServer(status(503));
    const clock = recordingClock();
    const err = await makeHttp(clock, { maxRetries: 2 })
      .request({ url: `${server.url}/x` })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as HttpStatusError).statusCode).toBe(503);
    expect((err as Error).message).toContain('503');
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  test('withRetry applies per-provider settings (config `limit` is the older name of maxRetries)', async () => {
    server = await startFakeServer(status(502));
    const base = makeHttp(recordingClock());
    await expect(base.withRetry({ maxRetries: 1 }).request({ url: `${server.url}/x` })).rejects.toBeInstanceOf(HttpStatusError);
    expect(server.requests).toHaveLength(2);
    await expect(base.withRetry({ limit: 0 }).request({ url: `${server.url}/x` })).rejects.toBeInstanceOf(HttpStatusError);
    expect(server.requests).toHaveLength(3);
  });

  test("fal's user start timeout (504 + x-fal-request-timeout-type: user) is not retried", async () => {
    server = await startFakeServer(status(504, { 'x-fal-request-timeout-type': 'user' }));
    await expect(makeHttp(recordingClock()).request({ url: `${server.url}/x` })).rejects.toBeInstanceOf(HttpStatusError);
    expect(server.requests).toHaveLength(1);
  });

  test('a stream body cannot be sent twice, so it is never retried', async () => {
    server = await startFakeServer(status(503));
    await expect(makeHttp(recordingClock()).request({ method: 'PUT', url: `${server.url}/upload`, body: Readable.from([Buffer.from('bytes')]), responseType: 'text' })).rejects.toBeInstanceOf(HttpStatusError);
    expect(server.requests).toHaveLength(1);
  });

  test('retries are traced with --verbose', async () => {
    server = await startFakeServer(scripted([status(500), ok]));
    const lines: string[] = [];
    await makeHttp(recordingClock(), {}, { debug: (l) => lines.push(l) }).request({ url: `${server.url}/x` });
    expect(lines.some((l) => /retry 1 of 4/.test(l))).toBe(true);
  });
});

describe('billable submits', () => {
  const submit = (url: string, clock: Clock) => makeHttp(clock).request({ method: 'POST', url, json: { prompt: 'x' }, retry: 'submit' });

  test('a 500 is NOT retried: the job may exist', async () => {
    server = await startFakeServer(scripted([status(500), ok]));
    await expect(submit(`${server.url}/fal-ai/flux`, recordingClock())).rejects.toBeInstanceOf(HttpStatusError);
    expect(server.requests).toHaveLength(1);
  });

  test.each([502, 503, 504, 408, 409])('%i is NOT retried either', async (code) => {
    server = await startFakeServer(scripted([status(code), ok]));
    await expect(submit(`${server.url}/m`, recordingClock())).rejects.toBeInstanceOf(HttpStatusError);
    expect(server.requests).toHaveLength(1);
  });

  test('a reset after the request was sent is NOT retried, and the error says why', async () => {
    server = await startFakeServer(scripted([reset, ok]));
    const err = await submit(`${server.url}/m`, recordingClock()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).hint).toMatch(/may have reached .* not sent again/);
    expect(server.requests).toHaveLength(1);
  });

  test('a 429 is retried (nothing was created), honouring Retry-After, one job only', async () => {
    let created = 0;
    server = await startFakeServer(
      scripted([
        status(429, { 'retry-after': '2' }),
        (_req, res) => {
          created += 1;
          sendJson(res, 200, { request_id: 'r1' });
        },
      ]),
    );
    const clock = recordingClock();
    const res = await submit(`${server.url}/m`, clock);
    expect(res.body).toEqual({ request_id: 'r1' });
    expect(clock.sleeps).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
    expect(created).toBe(1);
  });

  test('connection refused is retried: no request reached a server', async () => {
    const port = await freePort();
    let late: http.Server | undefined;
    let hits = 0;
    // The server comes up during the first backoff wait.
    const clock = recordingClock(async () => {
      if (late) return;
      late = http.createServer((req, res) => {
        hits += 1;
        req.resume();
        req.on('end', () => sendJson(res, 200, { request_id: 'late' }));
      });
      await new Promise<void>((resolve) => late!.listen(port, '127.0.0.1', resolve));
    });
    try {
      const res = await submit(`http://127.0.0.1:${port}/m`, clock);
      expect(res.body).toEqual({ request_id: 'late' });
      expect(clock.sleeps).toHaveLength(1);
      expect(hits).toBe(1);
    } finally {
      late?.closeAllConnections();
      await new Promise((resolve) => late?.close(resolve));
    }
  });

  test('the beforeSubmit hook runs once before the submit goes out (the journal records it first)', async () => {
    const seen: string[] = [];
    server = await startFakeServer(scripted([status(429), ok]));
    const h = makeHttp(recordingClock()).withSubmitHook((url) => {
      seen.push(`${url} before ${server!.requests.length}`);
    });
    await h.request({ method: 'POST', url: `${server.url}/m`, json: {}, retry: 'submit' });
    await h.request({ url: `${server.url}/status` });
    expect(seen).toEqual([`${server.url}/m before 0`]);
  });
});

describe('credentials and redirects', () => {
  test('a redirect to another host drops every credential header', async () => {
    const target = await startFakeServer(ok);
    server = await startFakeServer((_req, res) => {
      res.writeHead(302, { location: `${target.url}/elsewhere` });
      res.end();
    });
    try {
      await makeHttp(recordingClock()).request({ url: `${server.url}/a`, headers: { authorization: 'Key sekrit-123456', 'xi-api-key': 'sekrit-123456', 'x-api-key': 'sekrit-123456' } });
      expect(server.requests[0]!.headers['xi-api-key']).toBe('sekrit-123456');
      const followed = target.requests[0]!.headers;
      expect(followed.authorization).toBeUndefined();
      expect(followed['xi-api-key']).toBeUndefined();
      expect(followed['x-api-key']).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  test('an error body echoing the key is redacted in the message and the --verbose trace', async () => {
    const key = 'fal-key-ABCDEF1234567890';
    const secrets = new Secrets();
    secrets.add(key);
    server = await startFakeServer((req, res) => sendJson(res, 401, { detail: `bad key ${String(req.headers.authorization)}` }));
    const lines: string[] = [];
    const err = await makeHttp(recordingClock(), {}, { secrets, debug: (l) => lines.push(l) })
      .request({ url: `${server.url}/x?key=${key}`, headers: { authorization: `Key ${key}` } })
      .catch((e: unknown) => e);
    expect((err as Error).message).toContain('401');
    expect((err as Error).message).not.toContain(key);
    expect(lines.join('\n')).not.toContain(key);
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}
