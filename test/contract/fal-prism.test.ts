/**
 * fal's queue requests, as the adapter builds them, against Prism serving fal's own queue OpenAPI file
 * (test/fixtures/specs/fal-flux-dev.queue.openapi.json): bodies mapped from every standard flag must
 * validate, the status/result/cancel calls must match the spec's paths and methods, and Prism must
 * reject what the spec forbids (so these tests can fail).
 */
import { Http } from '../../src/http.js';
import { Secrets } from '../../src/secrets.js';
import { systemClock } from '../../src/clock.js';
import { ProviderError } from '../../src/errors.js';
import type { GenerateRequest, ProgressEvent, ProviderContext } from '../../src/plugin/types.js';
import { mapFalInput } from '../../providers/fal/input.js';
import { cancel, fetchResult, submit, waitForCompletion, type FalUrls } from '../../providers/fal/queue.js';
import { startPrism, type Prism } from '../helpers/prism-mock.js';

const ENDPOINT = 'fal-ai/flux/dev';
const KEY = 'prism-key:abcdef123456';
let prism: Prism;

beforeAll(async () => {
  prism = await startPrism('fal-flux-dev.queue.openapi.json');
}, 60_000);
afterAll(async () => {
  await prism?.stop();
});

function providerContext(signal = new AbortController().signal) {
  const events: ProgressEvent[] = [];
  const updates: string[] = [];
  const ctx: ProviderContext = {
    providerId: 'fal',
    settings: { pollIntervalMs: 10 },
    baseUrl: prism.url,
    apiKey: () => KEY,
    optionalApiKey: () => KEY,
    http: new Http({ secrets: new Secrets(), clock: systemClock, signal, userAgent: 'automarket-test', retry: { maxRetries: 0 } }),
    signal,
    env: {},
    tempDir: '/tmp',
    progress: (e) => events.push(e),
    warn: () => undefined,
    debug: () => undefined,
    jobSubmitted: async () => undefined,
    jobUpdated: async (status) => void updates.push(status),
    openInput: () => {
      throw new Error('no inputs here');
    },
    exec: async () => ({ stdout: '', stderr: '' }),
  };
  return { ctx, events, updates };
}

function request(overrides: Partial<GenerateRequest>): GenerateRequest {
  return { capability: 'text-to-image', kind: 'image', model: ENDPOINT, prompt: 'a lighthouse at dusk', inputs: [], count: 1, params: {}, signal: new AbortController().signal, ...overrides };
}

/** Status, result and cancel URLs in the form the per-endpoint spec lists (full endpoint path). */
function specUrls(id: string): FalUrls {
  const root = `${prism.url}/${ENDPOINT}/requests/${id}`;
  return { status: `${root}/status`, response: root, cancel: `${root}/cancel` };
}

describe('submit bodies built from the standard flags validate against FluxDevInput', () => {
  const cases: Array<[string, Partial<GenerateRequest>]> = [
    ['prompt only', {}],
    ['--size', { size: { width: 1024, height: 768 } }],
    ['--aspect with a preset', { aspect: { width: 16, height: 9 } }],
    ['--aspect without a preset', { aspect: { width: 21, height: 9 } }],
    ['--seed, --count, --format', { seed: 42, count: 3, format: 'png' }],
    ['--param passthrough', { params: { num_inference_steps: 12, guidance_scale: 4.5, acceleration: 'high', enable_safety_checker: false } }],
  ];
  test.each(cases)('%s', async (_name, overrides) => {
    const { ctx } = providerContext();
    const { input, warnings } = mapFalInput(request(overrides), []);
    expect(warnings).toEqual([]);
    const job = await submit(ctx, KEY, ENDPOINT, input);
    expect(typeof job.requestId).toBe('string');
  });
});

describe('Prism rejects what the spec forbids (the tests above can fail)', () => {
  test('a --param outside the schema range is a 422, reported as the user input error (exit 2)', async () => {
    const { ctx } = providerContext();
    const { input } = mapFalInput(request({ params: { num_images: 9 } }), []);
    const err = (await submit(ctx, KEY, ENDPOINT, input).catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.status).toBe(422);
    expect(err.exitCode).toBe(2);
  });

  test('a body without the required prompt is a 422', async () => {
    const { ctx } = providerContext();
    await expect(submit(ctx, KEY, ENDPOINT, { image_size: 'square' })).rejects.toMatchObject({ status: 422 });
  });

  test('a request without the Authorization header is refused', async () => {
    const { ctx } = providerContext();
    await expect(submit(ctx, undefined, ENDPOINT, { prompt: 'x' })).rejects.toMatchObject({ status: 401 });
  });
});

describe('status, result and cancel follow the spec', () => {
  test('the result GET validates', async () => {
    const { ctx } = providerContext();
    const { output } = await fetchResult(ctx, KEY, specUrls('req-1'), ctx.signal);
    expect(typeof output).toBe('object');
  });

  test('status polls send logs=1 as the spec allows; Ctrl-C sends the PUT cancel the spec lists', async () => {
    const controller = new AbortController();
    const { ctx, events, updates } = providerContext(controller.signal);
    // Prism answers the same (non-terminal) status forever: interrupt after the first poll.
    const stopping: ProviderContext = { ...ctx, progress: (e) => (events.push(e), controller.abort()) };
    await expect(waitForCompletion(stopping, KEY, specUrls('req-2'), controller.signal)).rejects.toMatchObject({ exitCode: 130 });
    expect(events[0]?.phase).toMatch(/queued|running/);
    expect(updates).toContain('canceled'); // recorded only when the cancel PUT got a 2xx
  });

  test('cancel on its own is accepted', async () => {
    const { ctx } = providerContext();
    expect(await cancel(ctx, KEY, specUrls('req-3'))).toBe(true);
  });
});
