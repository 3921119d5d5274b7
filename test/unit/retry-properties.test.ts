/** Property-based checks of the retry arithmetic: backoff bounds and Retry-After parsing. */
import fc from 'fast-check';
import { backoffDelay, normalizeRetry, retryAfterMs, retryableStatus } from '../../src/http.js';

const NOW = Date.UTC(2030, 5, 15, 8, 30, 0);

describe('backoff', () => {
  test('every wait lies in [ceiling/2, ceiling], the ceiling doubling and never above maxDelayMs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (base, max, attempt, random) => {
        const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 52));
        const delay = backoffDelay({ baseDelayMs: base, maxDelayMs: max }, attempt, random);
        expect(Number.isFinite(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(Math.min(max, Math.ceil(ceiling)));
      }),
    );
  });

  test('the ceiling never shrinks from one attempt to the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 120_000 }), fc.integer({ min: 0, max: 60 }), (base, max, attempt) => {
        const top = (a: number) => backoffDelay({ baseDelayMs: base, maxDelayMs: max }, a, 0.9999999);
        expect(top(attempt + 1)).toBeGreaterThanOrEqual(top(attempt));
      }),
    );
  });
});

describe('Retry-After parsing', () => {
  test('delay-seconds gives that many milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        expect(retryAfterMs({ 'retry-after': String(seconds) }, NOW)).toBe(seconds * 1000);
      }),
    );
  });

  test('an HTTP date gives the time until then, never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: 86_400 }), (offsetSeconds) => {
        const when = new Date(NOW + offsetSeconds * 1000).toUTCString();
        expect(retryAfterMs({ 'retry-after': when }, NOW)).toBe(Math.max(0, offsetSeconds * 1000));
      }),
    );
  });

  test('retry-after-ms wins and is taken as is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1000 }), (ms, seconds) => {
        expect(retryAfterMs({ 'retry-after-ms': String(ms), 'retry-after': String(seconds) }, NOW)).toBe(ms);
      }),
    );
  });

  test('garbage is no hint at all (undefined), never NaN or a negative wait', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const result = retryAfterMs({ 'retry-after': a, 'retry-after-ms': b }, NOW);
        if (result !== undefined) {
          expect(Number.isFinite(result)).toBe(true);
          expect(result).toBeGreaterThanOrEqual(0);
        }
      }),
    );
    expect(retryAfterMs({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '-5' }, NOW)).toBeUndefined();
    expect(retryAfterMs({}, NOW)).toBeUndefined();
  });
});

describe('policy tables', () => {
  test('a submit retries only 429; none retries nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), (status) => {
        expect(retryableStatus('submit', status)).toBe(status === 429);
        expect(retryableStatus('none', status)).toBe(false);
        expect(retryableStatus('idempotent', status)).toBe([408, 409, 429].includes(status) || [500, 502, 503, 504].includes(status));
      }),
    );
  });

  test('config retry settings normalise (`limit` is the older name)', () => {
    expect(normalizeRetry({ limit: 2 })).toEqual({ maxRetries: 2 });
    expect(normalizeRetry({ maxRetries: 3, limit: 9, baseDelayMs: 10 })).toEqual({ maxRetries: 3, baseDelayMs: 10 });
    expect(normalizeRetry(undefined)).toBeUndefined();
  });
});
