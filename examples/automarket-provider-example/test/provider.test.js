/**
 * The provider's tests, with automarket's test kit: the contract every provider passes, plus what is
 * particular to this API. Run with `npm test` (node:test; no other dependencies).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createTestContext, runProviderContract } from 'automarket/testing';
import provider from '../src/index.js';
import { startExampleApi } from './fake-api.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const env = { EXAMPLE_IMAGES_KEY: 'test-key-123' };

runProviderContract(provider, {
  describe,
  test: it,
  packageJson,
  cases: [{ capability: 'text-to-image' }, { capability: 'text-to-text' }],
  setup: async () => {
    const api = await startExampleApi();
    return { baseUrl: `${api.url}/v1`, env, close: api.close, requests: api.requests };
  },
  failingSetup: async () => {
    const api = await startExampleApi({ failing: true });
    return { baseUrl: `${api.url}/v1`, env, close: api.close };
  },
});

describe('example provider on the wire', () => {
  it('sends prompt, size, seed and count with a bearer key, and returns one asset per image', async () => {
    const api = await startExampleApi();
    const ctx = createTestContext({ provider, baseUrl: `${api.url}/v1`, env });
    try {
      const result = await provider.generate(
        { capability: 'text-to-image', kind: 'image', model: 'example-image-1', prompt: 'a red fox', inputs: [], count: 2, size: { width: 320, height: 200 }, seed: 5, params: {}, signal: ctx.signal },
        ctx,
      );
      const sent = api.requests.find((r) => r.path === '/v1/images');
      assert.deepEqual(sent.json, { model: 'example-image-1', prompt: 'a red fox', width: 320, height: 200, seed: 5, n: 2 });
      assert.equal(sent.headers.authorization, 'Bearer test-key-123');
      assert.deepEqual(result.assets.map((a) => a.seed), [5, 6]);
      assert.equal(result.requestId, 'req-1');
    } finally {
      ctx.dispose();
      await api.close();
    }
  });

  it('a rejected key is one clear error that names the env var', async () => {
    const api = await startExampleApi({ key: 'another-key' });
    const ctx = createTestContext({ provider, baseUrl: `${api.url}/v1`, env });
    try {
      await assert.rejects(
        provider.generate({ capability: 'text-to-text', kind: 'text', model: 'example-text-1', prompt: 'hi', inputs: [], count: 1, params: {}, signal: ctx.signal }, ctx),
        (err) => err.exitCode === 1 && /rejected the key/.test(err.message) && /EXAMPLE_IMAGES_KEY/.test(err.hint),
      );
    } finally {
      ctx.dispose();
      await api.close();
    }
  });
});
