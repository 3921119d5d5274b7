/**
 * The provider contract: what every provider, built-in or third-party, must do to work inside
 * automarket. Registers its checks with your test runner's `describe`/`test` (jest and vitest
 * globals by default; pass node:test's `describe` and `it` explicitly), and asserts with node:assert
 * so it needs no particular runner.
 *
 *   runProviderContract(provider, {
 *     setup: async () => { const api = await startFakeServer(handler); return { baseUrl: api.url, env: { EXAMPLE_KEY: 'k' }, close: api.close }; },
 *     cases: [{ capability: 'text-to-image' }],
 *   });
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { checkProviderShape } from '../plugin/define.js';
import { PLUGIN_API_VERSION, type AssetSource, type Capability, type GenerateRequest, type InputRef, type ProviderPlugin } from '../plugin/types.js';
import { outputKindOf } from '../kinds.js';
import { createTestContext, type TestContextOptions } from './context.js';

export interface ContractEnvironment {
  baseUrl?: string;
  env?: Record<string, string | undefined>;
  settings?: Record<string, unknown>;
  /** Stops whatever setup started. */
  close?: () => Promise<void> | void;
  /** The fake server's request log (FakeServer.requests): lets checks assert that nothing was sent. */
  requests?: ArrayLike<unknown>;
}

export interface ContractCase {
  capability: Capability;
  /** Default: the catalogue's default model for the capability, else its first. */
  model?: string;
  prompt?: string;
  inputs?: InputRef[];
  count?: number;
  params?: Record<string, unknown>;
  /** Extra request fields (size, seed, voice...). */
  request?: Partial<GenerateRequest>;
}

type Runner = (name: string, fn: () => unknown) => unknown;

export interface ContractOptions {
  /** Starts what the provider talks to (a fake server) for each check; returns how to reach it. */
  setup?: () => Promise<ContractEnvironment> | ContractEnvironment;
  /** Requests that must succeed. Default: one text-input request per capability that takes text. */
  cases?: ContractCase[];
  /** Like setup, but the server fails every request: the provider must throw a typed automarket error. */
  failingSetup?: () => Promise<ContractEnvironment> | ContractEnvironment;
  /** The plugin's package.json (parsed) or just its `automarket` field: the manifest must match the code. */
  packageJson?: Record<string, unknown>;
  /** Your runner's functions; default: the globals `describe` and `test` (jest, vitest). */
  describe?: (name: string, fn: () => void) => unknown;
  test?: Runner;
}

export function runProviderContract(plugin: ProviderPlugin, options: ContractOptions = {}): void {
  const g = globalThis as Record<string, unknown>;
  const describe = options.describe ?? (g.describe as ContractOptions['describe']);
  const test = options.test ?? ((g.test ?? g.it) as Runner | undefined);
  if (!describe || !test) {
    throw new Error('runProviderContract needs a test runner: run it under jest or vitest, or pass { describe, test } (node:test: import { describe, it } from "node:test")');
  }
  const id = String((plugin as { id?: unknown })?.id ?? 'unknown');
  const cases = options.cases ?? defaultCases(plugin);

  describe(`provider contract: ${id}`, () => {
    test('has the plugin shape of this automarket version', () => {
      assert.deepEqual(checkProviderShape(plugin), [], 'checkProviderShape found problems');
      assert.equal(plugin.apiVersion, PLUGIN_API_VERSION);
    });

    test('its catalogue covers its capabilities, with at most one default each', () => {
      for (const model of plugin.models) {
        assert.equal(typeof model.id, 'string', 'every model has a string id');
        assert.ok(model.capabilities.length > 0, `model ${model.id} lists no capabilities`);
        for (const c of model.capabilities) assert.ok(plugin.capabilities.includes(c), `model ${model.id} has ${c}, which the provider does not declare`);
      }
      for (const c of plugin.capabilities) {
        const able = plugin.models.filter((m) => m.capabilities.includes(c));
        if (!plugin.discoverModels) assert.ok(able.length > 0, `no model in the catalogue serves ${c} (and there is no discoverModels)`);
        assert.ok(able.filter((m) => m.default).length <= 1, `more than one default model for ${c}`);
      }
    });

    if (options.packageJson) {
      test('package.json manifest matches the code', () => {
        const raw = options.packageJson as Record<string, unknown>;
        const section = (raw.automarket ?? raw) as { providers?: Array<Record<string, unknown>> };
        const entry = section.providers?.find((p) => p.id === id);
        assert.ok(entry, `package.json#automarket.providers has no entry for ${id}`);
        assert.equal(entry.type, plugin.type, 'type differs between manifest and code');
        assert.deepEqual([...(entry.capabilities as string[])].sort(), [...plugin.capabilities].sort(), 'capabilities differ between manifest and code');
        assert.equal(entry.apiKeyEnv, plugin.apiKeyEnv, 'apiKeyEnv differs between manifest and code');
      });
    }

    for (const c of cases) {
      test(`generate ${c.capability} returns ${outputKindOf(c.capability)} assets the engine can write`, async () => {
        await withEnvironment(options.setup, plugin, async (ctx) => {
          const result = await plugin.generate(requestFor(plugin, c, ctx.signal), ctx);
          assert.ok(Array.isArray(result.assets) && result.assets.length > 0, 'generate returned no assets');
          for (const asset of result.assets) await checkAsset(asset, outputKindOf(c.capability));
          if (result.warnings !== undefined) assert.ok(result.warnings.every((w) => typeof w === 'string'), 'warnings must be strings');
          if (result.requestId !== undefined) assert.equal(typeof result.requestId, 'string', 'requestId must be a string');
          if (result.costUsd !== undefined) assert.ok(Number.isFinite(result.costUsd) && result.costUsd >= 0, 'costUsd must be a non-negative number');
        });
      });
    }

    const first = cases[0];
    if (first && plugin.apiKeyEnv && plugin.requiresKey !== false) {
      test(`without a key it throws MISSING_KEY naming ${plugin.apiKeyEnv}, and sends nothing`, async () => {
        await withEnvironment(options.setup, plugin, async (ctx, _controller, environment) => {
          await assert.rejects(plugin.generate(requestFor(plugin, first, ctx.signal), ctx), (err: unknown) => {
            const e = err as { code?: string; message?: string; hint?: string };
            assert.equal(e.code, 'MISSING_KEY', `expected a MissingKeyError, got ${e.message}`);
            assert.ok(`${e.message} ${e.hint ?? ''}`.includes(plugin.apiKeyEnv!), 'the error names the env var');
            return true;
          });
          if (environment.requests) assert.equal(environment.requests.length, 0, 'a request was sent without a key');
        }, { dropKey: true });
      });
    }

    if (first) {
      test('an aborted request settles: it rejects or returns no assets', async () => {
        await withEnvironment(options.setup, plugin, async (ctx, controller) => {
          controller.abort(new Error('aborted by the contract test'));
          let assets: AssetSource[] = [];
          try {
            assets = (await plugin.generate(requestFor(plugin, first, ctx.signal), ctx)).assets;
          } catch {
            return;
          }
          assert.equal(assets.length, 0, 'an aborted request returned assets');
        });
      });
    }

    if (first && options.failingSetup) {
      test('a failing server gives a typed error (code, exit code 1 or 2), never a raw one', async () => {
        await withEnvironment(options.failingSetup, plugin, async (ctx) => {
          await assert.rejects(plugin.generate(requestFor(plugin, first, ctx.signal), ctx), (err: unknown) => {
            const e = err as { code?: unknown; exitCode?: unknown; message?: string };
            assert.equal(typeof e.code, 'string', `error without a code: ${e.message}`);
            assert.ok(e.exitCode === 1 || e.exitCode === 2, `error exit code should be 1 or 2, got ${String(e.exitCode)}: ${e.message}`);
            return true;
          });
        });
      });
    }
  });
}

function defaultCases(plugin: ProviderPlugin): ContractCase[] {
  return (plugin.capabilities ?? []).filter((c) => c.startsWith('text-to-')).map((capability) => ({ capability }));
}

function requestFor(plugin: ProviderPlugin, c: ContractCase, signal: AbortSignal): GenerateRequest {
  const able = plugin.models.filter((m) => m.capabilities.includes(c.capability));
  const model = c.model ?? (able.find((m) => m.default) ?? able[0])?.id;
  assert.ok(model, `no model for ${c.capability}: name one in the case`);
  return {
    capability: c.capability,
    kind: outputKindOf(c.capability),
    model,
    prompt: c.prompt ?? 'a lighthouse at dusk',
    inputs: c.inputs ?? [],
    count: c.count ?? 1,
    params: c.params ?? {},
    signal,
    ...c.request,
  };
}

async function withEnvironment(
  setup: ContractOptions['setup'],
  plugin: ProviderPlugin,
  body: (ctx: ReturnType<typeof createTestContext>, controller: AbortController, environment: ContractEnvironment) => Promise<void>,
  options: { dropKey?: boolean } = {},
): Promise<void> {
  const environment = (await setup?.()) ?? {};
  const controller = new AbortController();
  const env = { ...(environment.env ?? {}) };
  const settings = { ...(environment.settings ?? {}) };
  if (options.dropKey) {
    if (plugin.apiKeyEnv) delete env[plugin.apiKeyEnv];
    delete settings.apiKey;
  }
  const contextOptions: TestContextOptions = { provider: plugin, baseUrl: environment.baseUrl, env, settings, signal: controller.signal };
  const ctx = createTestContext(contextOptions);
  try {
    await body(ctx, controller, environment);
  } finally {
    ctx.dispose();
    await environment.close?.();
  }
}

/** One output the engine can write: its kind, exactly one source, a plausible media type; streams are drained. */
async function checkAsset(asset: AssetSource, kind: string): Promise<void> {
  assert.equal(asset.kind, kind, `asset kind ${asset.kind}, expected ${kind}`);
  const sources = (['url', 'data', 'stream', 'filePath', 'text'] as const).filter((k) => asset[k] !== undefined);
  assert.equal(sources.length, 1, `an asset needs exactly one of url, data, stream, filePath, text; it has ${sources.join(', ') || 'none'}`);
  if (asset.mediaType !== undefined) assert.match(asset.mediaType, /^[a-z]+\/[\w.+-]+/, `bad mediaType ${asset.mediaType}`);
  if (asset.url !== undefined) assert.doesNotThrow(() => new URL(asset.url!), `bad url ${asset.url}`);
  if (asset.data !== undefined) assert.ok(asset.data.byteLength > 0, 'data is empty');
  if (asset.stream !== undefined) {
    assert.ok(asset.stream instanceof Readable || typeof (asset.stream as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function', 'stream must be readable');
    let bytes = 0;
    for await (const chunk of asset.stream) bytes += (chunk as Uint8Array).length;
    assert.ok(bytes > 0, 'stream is empty');
  }
}
