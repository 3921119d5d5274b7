/**
 * Glue between commander actions and command functions: builds the Context from the global and the
 * command's options, runs the function, and lets errors travel up to the one handler in run.ts.
 */
import type { Command } from 'commander';
import type { Context, Io } from './context.js';

export interface RunEnvironment {
  io: Io;
  env: Record<string, string | undefined>;
  cwd: string;
  signal: AbortSignal;
  /** Set by the action so the top-level handler knows the output mode of the failing command. */
  state: { json: boolean; verbose: boolean; context?: Context };
}

/** Wraps a command function as a commander action: fn(ctx, options, ...positional arguments). */
export function action<O, A extends unknown[]>(runEnv: RunEnvironment, fn: (ctx: Context, options: O, ...args: A) => Promise<void>) {
  return async (...raw: unknown[]) => {
    const command = raw[raw.length - 1] as Command;
    const local = command.opts() as { json?: boolean; quiet?: boolean };
    const globals = command.optsWithGlobals() as { config?: string; verbose?: boolean; color?: boolean };
    runEnv.state.json = Boolean(local.json);
    runEnv.state.verbose = Boolean(globals.verbose);
    // Loaded here, not at the top: `--help` declares every command but runs none, and the context
    // pulls in the config loader, the HTTP layer and the journal.
    const { Context } = await import('./context.js');
    const ctx = new Context({
      env: runEnv.env,
      cwd: runEnv.cwd,
      io: runEnv.io,
      signal: runEnv.signal,
      options: {
        config: globals.config,
        verbose: Boolean(globals.verbose),
        color: globals.color !== false,
        json: Boolean(local.json),
        quiet: Boolean(local.quiet),
      },
    });
    runEnv.state.context = ctx;
    const positional = raw.slice(0, -2) as A;
    try {
      await fn(ctx, local as O, ...positional);
    } finally {
      ctx.ui.stopStatus();
      ctx.dispose();
    }
  };
}
