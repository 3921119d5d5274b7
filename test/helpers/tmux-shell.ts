/**
 * Runs a command on a real terminal: a detached tmux session on a private server socket (so other
 * tmux users on the machine are not touched), read back with capture-pane.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './cli.js';

const run = promisify(execFile);

export class TmuxSession {
  private constructor(
    private readonly socket: string,
    readonly name: string,
  ) {}

  /** Starts `script` (bash) in a new 160x40 terminal; the pane stays open after it ends. */
  static async start(script: string): Promise<TmuxSession> {
    const id = randomBytes(4).toString('hex');
    const socket = `automarket-test-${id}`;
    const file = path.join(tempDir('automarket-tmux-'), 'run.sh');
    writeFileSync(file, `${script}\necho "[exit $?]"\nsleep 600\n`, { mode: 0o755 });
    await run('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', `t${id}`, '-x', '160', '-y', '40', `bash ${file}`]);
    return new TmuxSession(socket, `t${id}`);
  }

  async capture(): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, 'capture-pane', '-p', '-t', this.name]);
    return stdout;
  }

  /** Captures until the screen matches (the test's own timeout bounds the wait). */
  async waitFor(pattern: RegExp): Promise<string> {
    for (;;) {
      const screen = await this.capture();
      if (pattern.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async kill(): Promise<void> {
    await run('tmux', ['-L', this.socket, 'kill-server']).catch(() => undefined);
  }
}

export async function hasTmux(): Promise<boolean> {
  try {
    await run('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
}

/** A shell-quoted word. */
export function sh(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
