/**
 * A generate request given as values (a batch line, a createClient() call) as the flags `generate`
 * takes, so every number and option goes through the same parsers, limits and messages as on the
 * command line. Params become key=JSON pairs, which parse back to the same values.
 */
import type { GenerateFlags } from './run-generate.js';

export interface GenerateFields {
  provider?: string;
  model?: string;
  /** Input files or URLs (images to edit, audio to transcribe...). */
  inputs?: string[];
  /** A file, or a directory ending in "/" (the default is the configured output directory). */
  output?: string;
  count?: number;
  size?: string;
  aspect?: string;
  seed?: number;
  durationSeconds?: number;
  voice?: string;
  format?: string;
  /** Provider-specific parameters, passed as they are. */
  params?: Record<string, unknown>;
  timeoutSeconds?: number;
  force?: boolean;
  maxCostUsd?: number;
}

export function requestFlags(r: GenerateFields): GenerateFlags {
  const s = (v: number | undefined) => (v === undefined ? undefined : String(v));
  return {
    provider: r.provider,
    model: r.model,
    input: r.inputs,
    output: r.output,
    count: s(r.count),
    size: r.size,
    aspect: r.aspect,
    seed: s(r.seed),
    duration: s(r.durationSeconds),
    voice: r.voice,
    format: r.format,
    param: Object.entries(r.params ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`),
    timeout: s(r.timeoutSeconds),
    maxCost: s(r.maxCostUsd),
    force: r.force,
    json: true,
    quiet: true,
  };
}
