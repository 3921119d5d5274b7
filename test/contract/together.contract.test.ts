/** The together adapter against Together's official spec served by Prism (validating). */
import { harness, fixture, request, type Harness } from './harness.js';
import { startPrism, startProxy, type PrismProxy } from './prism-proxy.js';
import { HttpStatusError } from '../../src/http.js';

let prism: Awaited<ReturnType<typeof startPrism>>;
let proxy: PrismProxy;
let h: Harness;

beforeAll(async () => {
  prism = await startPrism('together.openapi.yaml');
  proxy = await startProxy(prism.port);
  // Together has no base-URL env var: the user config points it at the proxy.
  h = await harness('together', { TOGETHER_API_KEY: 'tg-contract-test' }, { providers: { together: { baseUrl: proxy.url } } });
}, 90_000);

afterAll(async () => {
  await proxy?.close();
  await prism?.stop();
});

beforeEach(() => {
  proxy.exchanges.length = 0;
});

function accepted(p: string): void {
  const seen = proxy.exchanges.filter((e) => e.path.startsWith(p));
  expect(seen.length).toBeGreaterThan(0);
  for (const e of seen) if (e.status !== 200) throw new Error(`${e.method} ${e.path} got ${e.status}: ${e.body}`);
}

describe('together adapter against the official spec (Prism)', () => {
  test('text-to-image with size, seed, count and format', async () => {
    await h.plugin.generate(request({ capability: 'text-to-image', model: 'black-forest-labs/FLUX.1-schnell', prompt: 'a fox', size: { width: 768, height: 512 }, seed: 42, count: 2, format: 'png' }), h.providerCtx);
    accepted('/images/generations');
    expect(proxy.exchanges[0]!.method).toBe('POST');
  });

  test('text-to-image by aspect, and image-to-image with a local file inline', async () => {
    await h.plugin.generate(request({ capability: 'text-to-image', model: 'black-forest-labs/FLUX.1-dev', prompt: 'a fox', aspect: { width: 16, height: 9 }, params: { guidance_scale: 4, negative_prompt: 'blur' } }), h.providerCtx);
    await h.plugin.generate(request({ capability: 'image-to-image', model: 'black-forest-labs/FLUX.1-kontext-dev', prompt: 'make it blue', inputs: [fixture('red.png')] }), h.providerCtx);
    accepted('/images/generations');
  });

  test('text-to-text (chat)', async () => {
    await h.plugin.generate(request({ capability: 'text-to-text', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', prompt: 'hi', seed: 1, params: { max_tokens: 50 } }), h.providerCtx);
    accepted('/chat/completions');
  });

  test('discoverModels (GET /models, a bare array)', async () => {
    const models = await h.plugin.discoverModels!(h.providerCtx, {});
    accepted('/models');
    expect(Array.isArray(models)).toBe(true);
  });

  test('validation is live: a wrong response_format is refused with 422', async () => {
    const err = await h.plugin.generate(request({ capability: 'text-to-image', model: 'black-forest-labs/FLUX.1-schnell', prompt: 'x', params: { response_format: 'b64_json' } }), h.providerCtx).catch((e: unknown) => e);
    expect((err as HttpStatusError).statusCode).toBe(422);
  });
});
