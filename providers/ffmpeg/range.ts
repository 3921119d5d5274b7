/** `--at` (start) and `--duration` (length) as a time range on an input, for extract and convert. */
import type { GenerateRequest } from '../../src/plugin/types.js';
import type { MediaInfo } from '../../src/media/probe.js';
import { InputError } from '../../src/errors.js';

/** Input options (before -i): seeking there is fast and exact when re-encoding. */
export function rangeArgs(request: Pick<GenerateRequest, 'atSeconds' | 'durationSeconds'>): string[] {
  const args: string[] = [];
  if (request.atSeconds !== undefined && request.atSeconds > 0) args.push('-ss', String(request.atSeconds));
  if (request.durationSeconds !== undefined) args.push('-t', String(request.durationSeconds));
  return args;
}

/** Seconds the output will last (for the progress percent); refuses a start past the end. */
export function rangeLength(info: MediaInfo, request: Pick<GenerateRequest, 'atSeconds' | 'durationSeconds'>, name: string): number | undefined {
  const total = info.durationSeconds;
  const start = request.atSeconds ?? 0;
  if (total !== undefined && start >= total) {
    throw new InputError(`--at ${start} is past the end of ${name} (${total.toFixed(2)} s long)`, { hint: `use --at below ${total.toFixed(2)}` });
  }
  if (total === undefined) return request.durationSeconds;
  const rest = total - start;
  return request.durationSeconds !== undefined ? Math.min(rest, request.durationSeconds) : rest;
}
