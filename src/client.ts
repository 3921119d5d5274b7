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
import type { Writable } from 'node:stream';
import { Context } from './context.js';
import { UsageError } from './errors.js';
import { isKind, KINDS, type Kind } from './kinds.js';
import { executeGenerate, prepareGenerate, type AssetLine } from './generate/run-generate.js';
import { requestFlags, type GenerateFields } from './generate/request-flags.js';

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

/** What to make: the kind and prompt, and the values `generate`'s flags take (src/generate/request-flags.ts). */
export interface GenerateOptions extends GenerateFields {
  kind: Kind;
  prompt?: string;
}

export interface AutomarketClient {
  /** Makes the assets and writes them; resolves to one line per written asset (the `--json` lines). */
  generate(options: GenerateOptions): Promise<AssetLine[]>;
  /** Closes the journal and removes the client's temp files. */
  close(): void;
}

export function createClient(options: ClientOptions = {}): AutomarketClient {
  // Results are returned, never printed; nothing is read from stdin and nothing prompts.
  const ctx = Context.headless({
    env: options.env ?? { ...process.env },
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
    stderr: options.stderr,
    config: options.config,
    verbose: Boolean(options.verbose),
    quiet: !options.verbose,
  });
  return {
    async generate(request) {
      if (!isKind(request.kind)) throw new UsageError(`Unknown kind "${String(request.kind)}"`, { hint: `use one of: ${KINDS.join(', ')}` });
      const flags = requestFlags(request);
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
