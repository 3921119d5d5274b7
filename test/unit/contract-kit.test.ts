/** The contract suite can fail: run it on broken providers with a collecting runner and expect failures. */
import { defineProvider, PLUGIN_API_VERSION, type ProviderPlugin } from '../../src/plugin/index.js';
import { runProviderContract, startFakeServer, sendJson } from '../../src/testing/index.js';

async function runContract(plugin: ProviderPlugin, options: Parameters<typeof runProviderContract>[1] = {}): Promise<Record<string, string | undefined>> {
  const tests: Array<[string, () => unknown]> = [];
  runProviderContract(plugin, { ...options, describe: (_name, fn) => fn(), test: (name, fn) => void tests.push([name, fn]) });
  const outcome: Record<string, string | undefined> = {};
  for (const [name, fn] of tests) {
    try {
      await fn();
      outcome[name] = undefined;
    } catch (err) {
      outcome[name] = (err as Error).message;
    }
  }
  return outcome;
}

const base = {
  apiVersion: PLUGIN_API_VERSION,
  id: 'kit',
  displayName: 'Kit',
  type: 'remote' as const,
  capabilities: ['text-to-image' as const],
  apiKeyEnv: 'KIT_KEY',
  models: [{ id: 'm', capabilities: ['text-to-image' as const], default: true }],
};

test('a well-behaved provider passes every check', async () => {
  const server = await startFakeServer((_req, res) => sendJson(res, 200, { ok: true }));
  const plugin = defineProvider({
    ...base,
    async generate(request, ctx) {
      const key = ctx.apiKey();
      await ctx.http.request({ url: `${ctx.baseUrl}/x`, headers: { authorization: `Bearer ${key}` }, signal: request.signal });
      return { assets: [{ kind: 'image', mediaType: 'image/png', data: new Uint8Array([1, 2, 3]) }] };
    },
  });
  const outcome = await runContract(plugin, { setup: () => ({ baseUrl: server.url, env: { KIT_KEY: 'k-123456' } }) });
  await server.close();
  expect(Object.values(outcome).filter(Boolean)).toEqual([]);
  expect(Object.keys(outcome)).toHaveLength(5);
});

test('wrong asset kind, two sources, an eager key read and raw errors are each caught', async () => {
  const sloppy = {
    ...base,
    async generate(_request: unknown, ctx: { optionalApiKey(): string | undefined }) {
      if (!ctx.optionalApiKey()) throw new Error('no key');
      return { assets: [{ kind: 'video', url: 'http://x/y.png', data: new Uint8Array([1]) }] };
    },
  } as unknown as ProviderPlugin;
  const outcome = await runContract(sloppy, { setup: () => ({ env: { KIT_KEY: 'k-123456' } }), failingSetup: () => ({ env: { KIT_KEY: 'k' } }) });
  expect(outcome['generate text-to-image returns image assets the engine can write']).toMatch(/asset kind video/);
  expect(outcome['without a key it throws MISSING_KEY naming KIT_KEY, and sends nothing']).toMatch(/MissingKeyError/);
  expect(outcome['an aborted request settles: it rejects or returns no assets']).toMatch(/returned assets/);
  expect(outcome['a failing server gives a typed error (code, exit code 1 or 2), never a raw one']).toMatch(/Missing expected rejection/);
});

test('a provider without generate fails the shape check', async () => {
  const broken = { ...base } as unknown as ProviderPlugin;
  const outcome = await runContract(broken, { cases: [] });
  expect(outcome['has the plugin shape of this automarket version']).toMatch(/generate must be a function/);
});
