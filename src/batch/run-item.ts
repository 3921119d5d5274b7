/**
 * One batch item: skip it when an earlier run already wrote it, resume its journalled job when one
 * was submitted and not finished, else generate it like `automarket generate` would.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import type { JobRecord } from '../jobs/journal.js';
import { UNFINISHED } from '../jobs/journal.js';
import { digestRequest, executeGenerate, prepareGenerate, type AssetLine, type GenerateFlags, type ProviderGate } from '../generate/run-generate.js';
import type { BatchItem } from './items.js';
import type { BatchState } from './state.js';
import { resumeItem } from './resume-item.js';
import { requestFlags } from '../generate/request-flags.js';

/**
 * Unfinished jobs worth picking up. An interrupted one was stopped by Ctrl-C, which cancels the
 * remote job too: polling it would wait for a result that never comes, so it is submitted afresh.
 */
const RESUMABLE = (status: string) => UNFINISHED.has(status) && status !== 'interrupted';

export type ItemOutcome =
  | { status: 'written'; lines: AssetLine[]; resumed: boolean }
  | { status: 'skipped'; paths: string[] };

export interface ItemEnv {
  /** A quiet context: its stdout is discarded (the batch prints results itself) and it never prompts. */
  ctx: Context;
  batchId: string;
  state: BatchState;
  /** The batch's journalled jobs by item id. */
  jobs: Map<string, JobRecord>;
  outputDir?: string;
  /** A slot for a job at this provider: the batch's --concurrency, and the provider's own limit. */
  gateFor(providerId: string): ProviderGate;
  onRunning(running: boolean): void;
}

export async function runItem(env: ItemEnv, item: BatchItem): Promise<ItemOutcome> {
  const { ctx } = env;
  if (item.output && !/[\\/]$/.test(item.output)) {
    const file = path.resolve(ctx.cwd, item.output);
    if (existsSync(file) && statSync(file).isFile()) return { status: 'skipped', paths: [file] };
  }
  const earlier = env.state.written(item.id);
  if (earlier) return { status: 'skipped', paths: earlier };
  const previousJob = env.jobs.get(item.id);
  const savedPaths = previousJob?.status === 'saved' ? (previousJob.outputs ?? []).map((o) => o.path).filter((p): p is string => Boolean(p)) : [];
  if (savedPaths.length && savedPaths.every((p) => existsSync(p))) {
    // Written, but the run died before the batch state recorded it.
    env.state.record(item.id, savedPaths);
    return { status: 'skipped', paths: savedPaths };
  }

  const flags = toFlags(item, env.outputDir);
  const prepared = await prepareGenerate(ctx, item.kind, item.prompt ?? '', flags);
  const gate = env.gateFor(prepared.entry.manifest.id);
  const running: ProviderGate = async () => {
    const release = await gate();
    env.onRunning(true);
    return () => {
      env.onRunning(false);
      release();
    };
  };
  let lines: AssetLine[];
  let resumed = false;
  if (
    previousJob &&
    RESUMABLE(String(previousJob.status)) &&
    previousJob.provider === prepared.entry.manifest.id &&
    previousJob.inputsDigest === digestRequest(prepared.entry.manifest.id, prepared.request) &&
    prepared.plugin.resume
  ) {
    const release = await running();
    try {
      lines = await resumeItem(ctx, prepared, previousJob);
    } finally {
      release();
    }
    resumed = true;
  } else {
    lines = await executeGenerate(ctx, prepared, flags, { batchId: env.batchId, itemId: item.id }, running);
  }
  env.state.record(item.id, lines.map((l) => l.path).filter((p): p is string => Boolean(p)));
  return { status: 'written', lines, resumed };
}

/** An item as the flags `generate` takes; with no output of its own it goes to the batch's directory. */
function toFlags(item: BatchItem, outputDir: string | undefined): GenerateFlags {
  return requestFlags({ ...item, durationSeconds: item.duration, output: item.output ?? (outputDir ? `${outputDir.replace(/[\\/]+$/, '')}/` : undefined) });
}
