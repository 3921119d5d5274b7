/**
 * Runs the built binary (dist/bin/automarket.js) the way a user does, in an isolated environment:
 * a private AUTOMARKET_HOME, no provider keys inherited from the developer's shell, no TTY.
 */
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'dist/bin/automarket.js');

const STRIPPED = ['FAL_KEY', 'REPLICATE_API_TOKEN', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'TOGETHER_API_KEY', 'ELEVENLABS_API_KEY', 'AUTOMARKET_HOME', 'NO_COLOR', 'FORCE_COLOR'];

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  timeoutMs?: number;
  /** Keep stdout as bytes (for `-o -`). */
  binary?: boolean;
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'automarket-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function cliEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of STRIPPED) delete env[key];
  delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is not for the CLI
  return { AUTOMARKET_HOME: tempDir('automarket-home-'), ...env, ...extra };
}

/** Starts the CLI; the returned promise resolves with exit code and output (never rejects on exit code). */
export function startCli(args: string[], options: CliOptions = {}): ResultPromise<{ reject: false }> {
  return execa(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? tempDir(),
    env: cliEnv(options.env),
    extendEnv: false,
    input: options.input,
    stdin: options.input === undefined ? 'ignore' : undefined,
    reject: false,
    timeout: options.timeoutMs ?? 60_000,
    stripFinalNewline: false,
    ...(options.binary ? { encoding: 'buffer' } : {}),
  } as never) as unknown as ResultPromise<{ reject: false }>;
}

export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const r = await startCli(args, options);
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The JSON lines a --json run printed. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
