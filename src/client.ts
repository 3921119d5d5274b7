/**
 * A client for scripts: the work of `automarket generate` as a function that returns the written
 * assets, with the config, the provider registry and the job journal set up once and shared by every
 * call (as an SDK client is), instead of once per call as `run(argv)` does.
 *
 *   import { createClient } from 'automarket';
 *   const am = createClient({ cwd: process.cwd(), env: process.env });
 *   const [shot] = await am.generate({ kind: 'image', prompt: 'a lighthouse at dusk', provider: 'fal', output: 'shots/' });
 *   console.log(shot.path);
 *   am.close();
 *
 * Every call is journalled, written atomically and resumable like a CLI run. The config is read on
 * the first call and kept for the client's life: make a new client to pick up edits.
 */
import { Readable, Writable } from 'node:stream';
import { Context } from './context.js';
import { UsageError } from './errors.js';
import { isKind, KINDS, type Kind } from './kinds.js';
import { executeGenerate, prepareGenerate, type AssetLine, type GenerateFlags } from './generate/run-generate.js';

export interface ClientOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** A config file to use instead of searching the project (like --config). */
  config?: string;
  /** Aborts every call in flight (remote jobs are cancelled where the provider allows it). */
  signal?: AbortSignal;
  /** Where warnings and --verbose traces go; nothing is written when left out. */
  stderr?: Writable;
  verbose?: boolean;
}

export interface GenerateOptions {
  kind: Kind;
  prompt?: string;
  provider?: string;
  model?: string;
  /** Input files or URLs (images to edit, audio to transcribe...). */
  inputs?: string[];
  /** A file, or a directory ending in "/" (the default is the configured output directory). */
  output?: string;
  count?: number;
  size?: string;
  aspect?: string;
  seed?: number;
  durationSeconds?: number;
  voice?: string;
  format?: string;
  /** Provider-specific parameters, passed as they are. */
  params?: Record<string, unknown>;
  timeoutSeconds?: number;
  force?: boolean;
  maxCostUsd?: number;
}

export interface AutomarketClient {
  /** Makes the assets and writes them; resolves to one line per written asset (the `--json` lines). */
  generate(options: GenerateOptions): Promise<AssetLine[]>;
  /** Closes the journal and removes the client's temp files. */
  close(): void;
}

export function createClient(options: ClientOptions = {}): AutomarketClient {
  const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const ctx = new Context({
    env: options.env ?? { ...process.env },
    cwd: options.cwd ?? process.cwd(),
    // Results are returned, never printed; nothing is read from stdin and nothing prompts.
    io: { stdin: Readable.from([]), stdout: discard(), stderr: options.stderr ?? discard() },
    signal: options.signal ?? new AbortController().signal,
    options: { config: options.config, verbose: Boolean(options.verbose), color: false, json: true, quiet: !options.verbose },
  });
  return {
    async generate(request) {
      if (!isKind(request.kind)) throw new UsageError(`Unknown kind "${String(request.kind)}"`, { hint: `use one of: ${KINDS.join(', ')}` });
      const flags = toFlags(request);
      try {
        const prepared = await prepareGenerate(ctx, request.kind, request.prompt ?? '', flags);
        return await executeGenerate(ctx, prepared, flags);
      } finally {
        ctx.ui.warnings.length = 0; // each call's warnings are in its lines; the client keeps none
      }
    },
    close() {
      ctx.dispose();
    },
  };
}

/** The same checks as the CLI's flags: numbers go through the flag parsers, so limits and messages match. */
function toFlags(r: GenerateOptions): GenerateFlags {
  const s = (v: number | undefined) => (v === undefined ? undefined : String(v));
  return {
    provider: r.provider,
    model: r.model,
    input: r.inputs,
    output: r.output,
    count: s(r.count),
    size: r.size,
    aspect: r.aspect,
    seed: s(r.seed),
    duration: s(r.durationSeconds),
    voice: r.voice,
    format: r.format,
    param: Object.entries(r.params ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`),
    timeout: s(r.timeoutSeconds),
    maxCost: s(r.maxCostUsd),
    force: r.force,
    json: true,
    quiet: true,
  };
}
