/**
 * The generate spinner with the offline `local` provider in a real pseudo-terminal (util-linux
 * `script` records every byte the terminal received): shown on stderr, and absent with --json,
 * NO_COLOR, or stdout redirected. CI is unset for the run: spinners (rightly) stay off under CI.
 */
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, cliEnv, tempDir } from '../helpers/cli.js';

const SPINNER_TEXT = 'Starting local draft';
const HIDE_CURSOR = '\x1b[?25l';

/** Runs `automarket <args> [> redirect]` on a terminal `columns` wide; returns what the terminal got. */
async function onTerminal(args: string[], options: { env?: Record<string, string>; columns?: number; redirect?: string } = {}) {
  const cwd = tempDir();
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  // `timeout -s KILL` ends the CLI itself if it hangs in a loop that a SIGTERM handler cannot interrupt
  // (the processes on a pty outlive a killed `script`).
  const command = `stty cols ${options.columns ?? 100} rows 30; timeout -s KILL 30 ${[process.execPath, BIN, ...args].map(quote).join(' ')}${options.redirect ? ` > ${quote(options.redirect)}` : ''}`;
  const env = cliEnv(options.env);
  delete env.CI;
  const r = await execa('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 });
  return { cwd, exitCode: r.exitCode ?? -1, terminal: String(r.stdout) };
}

describe('generate spinner (local provider) on a terminal', () => {
  test('shows the phase on a spinner, then the written path', async () => {
    const { cwd, exitCode, terminal } = await onTerminal(['generate', 'image', 'a fox', '-p', 'local', '--size', '64x64', '-o', 'fox.png']);
    expect(exitCode).toBe(0);
    expect(terminal).toContain(SPINNER_TEXT);
    expect(terminal).toContain(HIDE_CURSOR);
    expect(terminal).toContain(path.join(cwd, 'fox.png'));
    expect(existsSync(path.join(cwd, 'fox.png'))).toBe(true);
  });

  test('a terminal that reports 0 columns still finishes (the spinner assumes 80)', async () => {
    const { cwd, exitCode, terminal } = await onTerminal(['generate', 'image', 'a fox', '-p', 'local', '--size', '64x64', '-o', 'fox.png'], { columns: 0 });
    expect(exitCode).toBe(0);
    expect(terminal).toContain(SPINNER_TEXT);
    expect(existsSync(path.join(cwd, 'fox.png'))).toBe(true);
  });

  test.each([
    ['--json', ['--json'], {}],
    ['NO_COLOR', [], { NO_COLOR: '1' }],
  ])('no spinner with %s', async (_name, extra, env) => {
    const { cwd, exitCode, terminal } = await onTerminal(['generate', 'image', 'a fox', '-p', 'local', '--size', '64x64', '-o', 'fox.png', ...extra], { env });
    expect(exitCode).toBe(0);
    expect(terminal).not.toContain(SPINNER_TEXT);
    expect(terminal).not.toContain(HIDE_CURSOR);
    expect(existsSync(path.join(cwd, 'fox.png'))).toBe(true);
  });

  test('no spinner when stdout is redirected; only the path goes there', async () => {
    const { cwd, exitCode, terminal } = await onTerminal(['generate', 'image', 'a fox', '-p', 'local', '--size', '64x64', '-o', 'fox.png'], { redirect: 'paths.txt' });
    expect(exitCode).toBe(0);
    expect(terminal).not.toContain(SPINNER_TEXT);
    expect(terminal).not.toContain(HIDE_CURSOR);
    expect(readFileSync(path.join(cwd, 'paths.txt'), 'utf8')).toBe(`${path.join(cwd, 'fox.png')}\n`);
  });
});
