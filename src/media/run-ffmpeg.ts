/**
 * Runs one ffmpeg encode with machine-readable progress (`-progress pipe:1`) turned into a percent
 * of the expected output duration. Cancellation is the runner's AbortSignal: the child is killed and
 * the caller's atomic writer removes the partial file.
 */
import type { MediaTools } from './tools.js';
import { toolError } from './tools.js';

export interface FfmpegRunOptions {
  /** Seconds of output expected, for the percent; no percent without it. */
  durationSeconds?: number;
  onPercent?: (percent: number) => void;
  /** What is being done, for error messages ("extracting audio"). */
  what: string;
  debug?: (line: string) => void;
}

/** The flags every run gets: quiet, no stdin (ffmpeg would read keys from it), progress on stdout. */
export const COMMON_FLAGS = ['-hide_banner', '-nostdin', '-y', '-v', 'error', '-progress', 'pipe:1', '-nostats'];

export async function runFfmpeg(tools: MediaTools, args: string[], options: FfmpegRunOptions): Promise<void> {
  const full = [...COMMON_FLAGS, ...args];
  options.debug?.(`${tools.ffmpeg} ${full.map(quoteForLog).join(' ')}`);
  const tracker = progressTracker(options.durationSeconds, options.onPercent);
  try {
    await tools.run(tools.ffmpeg, full, { onStdoutLine: tracker });
  } catch (err) {
    throw toolError(err, 'ffmpeg', tools.ffmpeg, options.what);
  }
  if (options.durationSeconds) options.onPercent?.(100);
}

/** Parses `-progress` key=value lines; reports whole percents only when they change. */
export function progressTracker(durationSeconds: number | undefined, onPercent: ((p: number) => void) | undefined): (line: string) => void {
  let last = -1;
  return (line) => {
    if (!durationSeconds || !onPercent) return;
    const m = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
    if (!m) return;
    // out_time_ms is microseconds too (a long-standing ffmpeg quirk).
    const seconds = Number(m[1]) / 1_000_000;
    const percent = Math.max(0, Math.min(99, Math.floor((seconds / durationSeconds) * 100)));
    if (percent !== last) {
      last = percent;
      onPercent(percent);
    }
  };
}

/** For --verbose only: a readable rendering of the argument array (it is never run through a shell). */
function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
