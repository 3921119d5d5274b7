/** The together adapter against Together's official spec served by Prism (validating). */
import { harness, request, fixture, prismSuite } from './harness.js';
import { HttpStatusError } from '../../src/http.js';

// Together has no base-URL env var: the user config points it at the proxy.
const suite = prismSuite('together.openapi.yaml', (url) => harness('together', { TOGETHER_API_KEY: 'tg-contract-test' }, { providers: { together: { baseUrl: url } } }));
const accepted = (path: string) => suite.proxy.accepted(path);

describe('together adapter against the official spec (Prism)', () => {
  test('text-to-image with size, seed, count and format', async () => {
    await suite.h.plugin.generate(request({ capability: 'text-to-image', model: 'black-forest-labs/FLUX.1-schnell', prompt: 'a fox', size: { width: 768, height: 512 }, seed: 42, count: 2, format: 'png' }), suite.h.providerCtx);
    accepted('/images/generations');
    expect(suite.proxy.exchanges[0]!.method).toBe('POST');
  });

  test('text-to-image by aspect, and image-to-image with a local file inline', async () => {
    await suite.h.plugin.generate(request({ capability: 'text-to-image', model: 'black-forest-labs/FLUX.1-dev', prompt: 'a fox', aspect: { width: 16, height: 9 }, params: { guidance_scale: 4, negative_prompt: 'blur' } }), suite.h.providerCtx);
    await suite.h.plugin.generate(request({ capability: 'image-to-image', model: 'black-forest-labs/FLUX.1-kontext-dev', prompt: 'make it blue', inputs: [fixture('red.png')] }), suite.h.providerCtx);
    accepted('/images/generations');
  });

  test('text-to-text (chat)', async () => {
    await suite.h.plugin.generate(request({ capability: 'text-to-text', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', prompt: 'hi', seed: 1, params: { max_tokens: 50 } }), suite.h.providerCtx);
    accepted('/chat/completions');
  });

  test('discoverModels (GET /models, a bare array)', async () => {
    const models = await suite.h.plugin.discoverModels!(suite.h.providerCtx, {});
    accepted('/models');
    expect(Array.isArray(models)).toBe(true);
  });

  test('validation is live: a wrong response_format is refused with 422', async () => {
    const err = await suite.h.plugin.generate(request({ capability: 'text-to-image', model: 'black-forest-labs/FLUX.1-schnell', prompt: 'x', params: { response_format: 'b64_json' } }), suite.h.providerCtx).catch((e: unknown) => e);
    expect((err as HttpStatusError).statusCode).toBe(422);
  });
});
