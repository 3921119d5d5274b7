/**
 * The one execa wrapper. Programs get an argument array, never a shell string, so no file name or
 * prompt text can inject a command. Cancellation goes through the run's AbortSignal.
 */
import { InterruptedError, isAbortError } from './errors.js';

export interface ExecOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each stderr line (progress parsing: ffmpeg, compose pull). */
  onStderrLine?: (line: string) => void;
  onStdoutLine?: (line: string) => void;
  /** Inherit stdout/stderr (for `logs -f`). */
  inherit?: boolean;
  /** Do not throw on a non-zero exit; return it. */
  reject?: boolean;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The program does not exist (ENOENT). */
  notFound?: boolean;
}

export type Exec = (file: string, args: string[], options?: ExecOptions) => Promise<ExecResult>;

export function createExec(defaultSignal: AbortSignal, baseEnv: Record<string, string | undefined>): Exec {
  return async (file, args, options = {}) => {
    const { execa } = await import('execa');
    const signal = options.signal ?? defaultSignal;
    const child = execa(file, args, {
      cwd: options.cwd,
      env: { ...baseEnv, ...options.env },
      extendEnv: false,
      input: options.input,
      timeout: options.timeoutMs,
      cancelSignal: signal,
      forceKillAfterDelay: 3000,
      reject: false,
      stdin: options.input !== undefined ? 'pipe' : 'ignore',
      stdout: options.inherit ? 'inherit' : 'pipe',
      stderr: options.inherit ? 'inherit' : 'pipe',
      encoding: 'utf8',
      stripFinalNewline: false,
      lines: false,
    });
    if (options.onStderrLine && child.stderr) splitLines(child.stderr, options.onStderrLine);
    if (options.onStdoutLine && child.stdout) splitLines(child.stdout, options.onStdoutLine);
    const result = await child;
    if (signal.aborted || (result.isCanceled && isAbortError(result.cause ?? { name: 'AbortError' }))) {
      throw new InterruptedError();
    }
    const notFound = (result as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String(result.originalMessage ?? ''));
    const out: ExecResult = {
      exitCode: result.exitCode ?? (notFound ? 127 : 1),
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      notFound,
    };
    return out;
  };
}

function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer | string) => {
    buffered += chunk.toString();
    const parts = buffered.split(/\r\n|\r|\n/);
    buffered = parts.pop() ?? '';
    for (const line of parts) if (line) onLine(line);
  });
  stream.on('end', () => {
    if (buffered) onLine(buffered);
  });
}
