/** Runs a provider plugin in-process with a real Context (real HTTP, real files), for contract tests. */
import { PassThrough, Readable } from 'node:stream';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Context } from '../../src/context.js';
import { createProviderContext } from '../../src/provider-context.js';
import type { GenerateRequest, GenerateResult, InputRef, ProviderContext, ProviderPlugin } from '../../src/plugin/types.js';
import { tempDir, ROOT } from '../helpers/cli.js';
import { startPrismProxy, type PrismProxy } from '../helpers/prism-mock.js';

export interface Harness {
  ctx: Context;
  plugin: ProviderPlugin;
  providerCtx: ProviderContext;
  warnings: string[];
}

export async function harness(providerId: string, env: Record<string, string>, userConfig?: object): Promise<Harness> {
  const home = tempDir('automarket-contract-');
  if (userConfig) writeFileSync(path.join(home, 'config.json'), JSON.stringify(userConfig));
  const ctx = new Context({
    env: { AUTOMARKET_HOME: home, ...env },
    cwd: home,
    io: { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() },
    signal: new AbortController().signal,
    options: { verbose: false, color: false, json: true, quiet: true },
  });
  const registry = await ctx.registry();
  const plugin = await registry.load(providerId);
  const warnings: string[] = [];
  const providerCtx = await createProviderContext(ctx, registry.get(providerId)!, { onWarning: (w) => warnings.push(w) });
  return { ctx, plugin, providerCtx, warnings };
}

export function fixture(name: string): InputRef {
  const file = path.join(ROOT, 'test/fixtures/openai', name);
  const ext = path.extname(name).slice(1);
  const mediaType = { wav: 'audio/wav', mp3: 'audio/mpeg', png: 'image/png' }[ext]!;
  return { kind: mediaType.startsWith('image') ? 'image' : 'audio', mediaType, path: file, name, bytes: statSync(file).size };
}

export function request(partial: Partial<GenerateRequest> & Pick<GenerateRequest, 'capability' | 'model'>): GenerateRequest {
  return {
    kind: partial.capability.split('-to-')[1] as GenerateRequest['kind'],
    prompt: '',
    inputs: [],
    count: 1,
    params: {},
    signal: new AbortController().signal,
    ...partial,
  };
}

/** Reads a streamed asset to the end (so the request completes) and returns its size. */
export async function drain(result: GenerateResult): Promise<number> {
  let n = 0;
  for (const a of result.assets) {
    if (a.stream) for await (const c of a.stream) n += (c as Buffer).length;
    else if (a.data) n += a.data.length;
    else if (a.text) n += a.text.length;
  }
  return n;
}

export interface PrismSuite {
  readonly proxy: PrismProxy;
  readonly h: Harness;
}

/**
 * For one test file: Prism with `specFile` behind the recording proxy, and a harness that `connect`
 * points at the proxy's URL. Started before all tests, the record and warnings cleared before each,
 * stopped after all.
 */
export function prismSuite(specFile: string, connect: (url: string) => Promise<Harness>): PrismSuite {
  let proxy: PrismProxy | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    proxy = await startPrismProxy(specFile);
    h = await connect(proxy.url);
  }, 90_000);
  afterAll(() => proxy?.close());
  beforeEach(() => {
    proxy!.exchanges.length = 0;
    h!.warnings.length = 0;
  });
  return {
    get proxy() {
      return proxy!;
    },
    get h() {
      return h!;
    },
  };
}
