/**
 * The entry point behind bin/automarket: parse, run one command, and map whatever was thrown to
 * an exit code and one clear line (design.md section 4). This is the only error handler.
 */
import { CommanderError } from './vendor/commander.js';
import type { Io } from './context.js';
import type { RunEnvironment } from './command-runner.js';
import { AutomarketError, isAbortError, type ExitCode } from './errors.js';
import { buildProgram } from './cli.js';
import { Secrets } from './secrets.js';

export interface RunOptions {
  io: Io;
  env: Record<string, string | undefined>;
  cwd: string;
  signal: AbortSignal;
}

export async function run(argv: string[], options: RunOptions): Promise<ExitCode> {
  const runEnv: RunEnvironment = { ...options, state: { json: argv.includes('--json'), verbose: argv.includes('--verbose') } };
  const program = buildProgram(runEnv, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return report(err, runEnv);
  }
}

function report(err: unknown, runEnv: RunEnvironment): ExitCode {
  const { io, state } = runEnv;
  const secrets = state.context?.secrets ?? new Secrets();
  const ui = state.context?.ui;
  ui?.stopStatus();
  if (err instanceof CommanderError) {
    // help and version "errors" are successes; commander already printed the message.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    // `help` asked for is a success; help shown because no (known) command was given went to
    // stderr as a usage error, like any other.
    if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
    if (state.json) io.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message: err.message.replace(/^error: /, '') } })}\n`);
    return 2;
  }
  let exitCode: ExitCode;
  let code: string;
  let message: string;
  let hint: string | undefined;
  let data: Record<string, unknown> | undefined;
  if (err instanceof AutomarketError) {
    ({ exitCode, code, message, hint, data } = err);
  } else if (isAbortError(err) || runEnv.signal.aborted) {
    exitCode = 130;
    code = 'INTERRUPTED';
    message = 'Interrupted';
  } else {
    exitCode = 1;
    code = 'INTERNAL';
    message = `Unexpected error: ${(err as Error)?.message ?? String(err)}`;
    hint = state.verbose ? undefined : 'run again with --verbose for details, and report it if it persists';
  }
  message = secrets.redact(message);
  hint = hint && secrets.redact(hint);
  if (state.json) {
    io.stdout.write(`${JSON.stringify({ error: { code, message, ...(hint ? { hint } : {}), ...(data ? secrets.redactValue({ data }) : {}) } })}\n`);
  }
  if (ui) ui.error(message, hint);
  else io.stderr.write(`error: ${message}${hint ? `\n  hint: ${hint}` : ''}\n`);
  if (state.verbose && err instanceof Error && !(err instanceof AutomarketError)) io.stderr.write(`${secrets.redact(err.stack ?? '')}\n`);
  if (state.verbose && err instanceof AutomarketError && err.detail) {
    for (const line of secrets.redact(err.detail).trim().split('\n')) io.stderr.write(`debug: ${line}\n`);
  }
  return exitCode;
}
