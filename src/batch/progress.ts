/**
 * Batch counters, and on a terminal a one-line live display on stderr (redrawn a few times a second):
 * done, running, failed, skipped, cost so far.
 */
import type { Writable } from 'node:stream';
import { formatUsd } from '../cost/estimate.js';

export class BatchProgress {
  done = 0;
  running = 0;
  failed = 0;
  skipped = 0;
  resumed = 0;
  costUsd = 0;
  private timer?: NodeJS.Timeout;
  private shown = false;

  constructor(readonly total: number, private readonly stderr: Writable, private readonly live: boolean) {}

  start(): void {
    if (!this.live) return;
    this.timer = setInterval(() => this.render(), 150);
    this.timer.unref();
    this.render();
  }

  line(): string {
    const finished = this.done + this.failed + this.skipped;
    return `batch ${finished}/${this.total}: ${this.done} done, ${this.running} running, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}, ${formatUsd(this.costUsd)}`;
  }

  render(): void {
    if (!this.live) return;
    this.stderr.write(`\r\x1b[2K${this.line()}`);
    this.shown = true;
  }

  /** Writes a whole line above the live display. */
  print(text: string): void {
    this.above(() => this.stderr.write(`${text}\n`));
  }

  /** Runs a write (stdout too: on a terminal both share the screen) with the live line cleared. */
  above(write: () => void): void {
    if (this.shown) this.stderr.write('\r\x1b[2K');
    write();
    if (this.shown) this.render();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.shown) this.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}
