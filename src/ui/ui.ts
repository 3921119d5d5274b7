/**
 * Everything that is not a result goes to stderr through here: spinner, notes, warnings, debug
 * traces. No spinner or colour when stdout is not a TTY, with --json, --quiet or NO_COLOR.
 * ora and chalk are imported only when a spinner or colour is actually shown.
 */
import type { Writable } from 'node:stream';
import type { Secrets } from '../secrets.js';

export interface UiOptions {
  stderr: Writable & { isTTY?: boolean };
  stdoutIsTTY: boolean;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  secrets: Secrets;
}

interface OraLike {
  start(text?: string): OraLike;
  stop(): OraLike;
  text: string;
}

export class Ui {
  private spinner?: OraLike;
  private spinnerText = '';
  private chalk?: { yellow(s: string): string; dim(s: string): string; red(s: string): string; green(s: string): string };
  readonly interactive: boolean;
  /** Warnings collected for --json output. */
  readonly warnings: string[] = [];

  constructor(private readonly options: UiOptions) {
    this.interactive = Boolean(options.stderr.isTTY) && options.stdoutIsTTY && !options.json && !options.quiet;
  }

  get useColor(): boolean {
    return this.options.color && Boolean(this.options.stderr.isTTY) && !this.options.json;
  }

  /** Loads the optional pretty-printing packages once, only on a terminal. */
  async ready(): Promise<void> {
    if (this.useColor && !this.chalk) this.chalk = (await import('chalk')).default;
    if (this.interactive && this.options.color && !this.spinner) {
      const { default: ora } = await import('ora');
      this.spinner = ora({ stream: withColumns(this.options.stderr) as NodeJS.WritableStream, discardStdin: false }) as unknown as OraLike;
    }
  }

  /** Shows or updates the phase on the spinner (a no-op when not interactive). */
  status(text: string): void {
    this.spinnerText = this.redact(text);
    if (!this.spinner) return;
    this.spinner.text = this.spinnerText;
    if (!(this.spinner as unknown as { isSpinning?: boolean }).isSpinning) this.spinner.start();
  }

  stopStatus(): void {
    this.spinner?.stop();
  }

  /** A one-line note on stderr (suppressed by --quiet). */
  note(message: string): void {
    if (this.options.quiet) return;
    this.line(this.chalk ? this.chalk.dim(message) : message);
  }

  warn(message: string): void {
    const text = this.redact(message);
    this.warnings.push(text);
    if (this.options.quiet) return;
    this.line(this.chalk ? this.chalk.yellow(`warning: ${text}`) : `warning: ${text}`);
  }

  error(message: string, hint?: string): void {
    const line = hint ? `${message}\n  hint: ${hint}` : message;
    this.line(this.chalk ? this.chalk.red(`error: ${line}`) : `error: ${line}`);
  }

  debug(message: string): void {
    if (this.options.verbose) this.line(`debug: ${message}`);
  }

  success(message: string): void {
    if (this.options.quiet) return;
    this.line(this.chalk ? this.chalk.green(message) : message);
  }

  private line(text: string): void {
    const spinning = this.spinner && (this.spinner as unknown as { isSpinning?: boolean }).isSpinning;
    if (spinning) this.spinner!.stop();
    this.options.stderr.write(`${this.redact(text)}\n`);
    if (spinning) this.spinner!.start(this.spinnerText);
  }

  private redact(text: string): string {
    return this.options.secrets.redact(text);
  }
}

/**
 * The stream with a usable width. A terminal can report 0 columns (a pty whose size was never set:
 * `script` or `docker exec -t` without a controlling terminal), and ora divides by it: the spinner's
 * line count becomes Infinity and clearing it never ends. Such a terminal is drawn as 80 wide.
 */
function withColumns(stream: Writable & { columns?: number }): Writable {
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'columns') return target.columns || 80;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
