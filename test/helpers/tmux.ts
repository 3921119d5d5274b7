/**
 * Drives the CLI in a real pseudo-terminal through tmux (a private server socket per session), so
 * interactive prompts are tested the way a person meets them: send keys, read the screen.
 */
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, tempDir } from './cli.js';

export interface TmuxSession {
  screen(): Promise<string>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Keys by tmux name (Enter, Down, Space). */
  keys(...names: string[]): Promise<void>;
  /** Literal text. */
  type(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function tmuxAvailable(): Promise<boolean> {
  const r = await execa('tmux', ['-V'], { reject: false });
  return r.exitCode === 0;
}

/** Runs `automarket <args>` in a new tmux session; "EXIT=<code>" is printed when it ends. */
export async function startInTmux(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<TmuxSession> {
  const socket = `am-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const script = path.join(tempDir('automarket-tmux-'), 'run.sh');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const exports = Object.entries({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env })
    .map(([k, v]) => `export ${k}=${quote(v)}`)
    .join('\n');
  // CI=true would (rightly) turn prompts off; this shell is an interactive terminal on purpose.
  writeFileSync(script, `unset CI NO_COLOR FORCE_COLOR NODE_OPTIONS FAL_KEY AUTOMARKET_HOME\n${exports}\ncd ${quote(options.cwd)}\n${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}\necho "EXIT=$?"\nsleep 600\n`, { mode: 0o700 });
  const tmux = (...a: string[]) => execa('tmux', ['-L', socket, ...a]);
  await tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', '140', '-y', '40', `bash --norc --noprofile ${quote(script)}`);
  const session: TmuxSession = {
    async screen() {
      return (await tmux('capture-pane', '-p', '-t', 'main')).stdout;
    },
    async waitFor(pattern, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const text = await session.screen();
        if (pattern.test(text)) return text;
        if (Date.now() > end) throw new Error(`timed out waiting for ${pattern} on the screen:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async keys(...names) {
      for (const name of names) await tmux('send-keys', '-t', 'main', name);
    },
    async type(text) {
      await tmux('send-keys', '-t', 'main', '-l', text);
    },
    async close() {
      await tmux('kill-server').catch(() => undefined);
    },
  };
  return session;
}
