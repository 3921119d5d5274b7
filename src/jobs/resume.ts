/**
 * `jobs resume <id|--all>`: fetch the results of journalled jobs without submitting again, and write
 * them exactly where (and how) the original `generate` would have.
 */
import type { Context } from '../context.js';
import { AutomarketError, ProviderError, TimeoutError, UsageError } from '../errors.js';
import { outputKindOf } from '../kinds.js';
import { planOutput, type OutputTarget } from '../assets/naming.js';
import { ensureDirectory } from '../assets/write.js';
import { createProviderContext } from '../provider-context.js';
import { describeProgress } from '../generate/progress.js';
import { DEFAULT_TIMEOUTS, failedJob, writeResult, type AssetLine } from '../generate/run-generate.js';
import { parsePositiveNumber } from '../generate/options.js';
import { UNFINISHED, type JobRecord } from './journal.js';
import { findJob, jobProvider, recordView } from './lookup.js';

export interface ResumeFlags {
  all?: boolean;
  timeout?: string;
  force?: boolean;
  json?: boolean;
}

export async function jobsResume(ctx: Context, id: string | undefined, flags: ResumeFlags): Promise<AssetLine[]> {
  if (id && flags.all) throw new UsageError('Give a job id or --all, not both', { hint: 'automarket jobs resume --all' });
  if (!id && !flags.all) throw new UsageError('Which job? Give its id, or --all for every unfinished one', { hint: 'list them with `automarket jobs list`' });
  const timeoutSeconds = flags.timeout !== undefined ? parsePositiveNumber('--timeout', flags.timeout, 600) : undefined;
  if (id) return resumeOne(ctx, findJob(ctx, id), { timeoutSeconds, force: Boolean(flags.force), explicit: true });

  const pending = ctx.journal.all().filter((j) => UNFINISHED.has(j.status) && j.requestId);
  if (pending.length === 0) {
    ctx.ui.note('No unfinished jobs to resume.');
    return [];
  }
  const lines: AssetLine[] = [];
  const failures: string[] = [];
  for (const job of pending) {
    try {
      lines.push(...(await resumeOne(ctx, job, { timeoutSeconds, force: Boolean(flags.force), explicit: false })));
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      failures.push(`${job.id}: ${message}`);
      ctx.ui.warn(`${job.id}: ${message}`);
    }
  }
  if (failures.length) {
    throw new AutomarketError(`${failures.length} of ${pending.length} jobs could not be resumed`, 1, {
      code: 'RESUME',
      hint: 'see the warnings above; `automarket jobs show <id>` has the details',
      data: { failed: failures },
    });
  }
  return lines;
}

async function resumeOne(ctx: Context, job: JobRecord, how: { timeoutSeconds?: number; force: boolean; explicit: boolean }): Promise<AssetLine[]> {
  if (job.status === 'saved') {
    const where = (job.outputs ?? []).map((o) => o.path).filter(Boolean).join(', ');
    throw new UsageError(`Job ${job.id} is already saved${where ? ` (${where})` : ''}`, { hint: 'nothing to resume' });
  }
  if (job.status === 'canceled') throw new UsageError(`Job ${job.id} was canceled`, { hint: 'run the generate command again for a new job' });
  if (!job.requestId) {
    throw new ProviderError(`Job ${job.id} has no request id: the submit never answered, so there is nothing to fetch`, {
      hint: `check ${job.provider}'s dashboard; if no job was created, run the generate command again`,
    });
  }
  const { entry, plugin } = await jobProvider(ctx, job);
  if (!plugin.resume) throw new ProviderError(`Provider ${job.provider} cannot resume jobs`, { hint: 'run the generate command again' });
  const { config } = await ctx.config();
  const kind = outputKindOf(job.capability);
  const target = targetOf(ctx, job, config.output?.dir, config.output?.filename);
  if (target.mode === 'dir') await ensureDirectory(target.dir);

  const providerSettings = config.providers?.[job.provider];
  const timeoutSeconds = how.timeoutSeconds ?? (typeof providerSettings?.timeout === 'number' ? providerSettings.timeout : undefined) ?? config.timeouts?.[kind] ?? config.defaults?.timeout ?? DEFAULT_TIMEOUTS[kind];
  const label = `${job.provider} ${job.model} (${job.id})`;
  const started = ctx.clock.now();
  await ctx.ui.ready();
  ctx.ui.status(`Resuming ${label}`);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new TimeoutError(`timed out after ${timeoutSeconds} s`)), timeoutSeconds * 1000);
  timer.unref();
  const signal = AbortSignal.any([ctx.signal, timeout.signal]);
  const providerCtx = await createProviderContext(ctx, entry, {
    signal,
    onProgress: (event) => {
      const text = describeProgress(event, label);
      if (text) ctx.ui.status(text);
    },
    job: { model: job.model, capability: job.capability, existingJobId: job.id },
  });
  let result;
  try {
    result = await plugin.resume(recordView(job), providerCtx);
  } catch (err) {
    ctx.ui.stopStatus();
    throw failedJob(ctx, job.id, err, { timedOut: timeout.signal.aborted && !ctx.signal.aborted, label, timeoutSeconds });
  } finally {
    clearTimeout(timer);
  }
  ctx.journal.append({ id: job.id, status: 'completed', ...(result.costUsd !== undefined ? { costUsd: result.costUsd } : {}) });
  const request = {
    capability: job.capability,
    kind,
    model: job.model,
    prompt: job.prompt ?? '',
    inputs: [],
    count: 1,
    params: {},
  };
  try {
    const lines = await writeResult(
      ctx,
      { kind, entry, request, target, force: how.force, printText: kind === 'text' && job.output?.printText === true },
      result,
      { started, jobId: job.id, warnings: result.warnings ?? [], signal: ctx.signal, label },
    );
    ctx.journal.append({ id: job.id, status: 'saved', outputs: lines.map((l) => ({ path: l.path, mediaType: l.mediaType, bytes: l.bytes })) });
    return lines;
  } catch (err) {
    ctx.journal.append({ id: job.id, status: 'completed', error: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    ctx.ui.stopStatus();
  }
}

/** Where the original run meant to write; a run that wrote to stdout is filed in the output dir. */
function targetOf(ctx: Context, job: JobRecord, dir: string | undefined, template: string | undefined): OutputTarget {
  const out = job.output as (OutputTarget & { printText?: boolean }) | undefined;
  if (out?.mode === 'file' && typeof out.path === 'string') return { mode: 'file', path: out.path };
  if (out?.mode === 'dir' && typeof out.dir === 'string') return { mode: 'dir', dir: out.dir, template: typeof out.template === 'string' ? out.template : (template ?? '{kind}-{date}-{slug}-{index}.{ext}') };
  return planOutput(undefined, ctx.cwd, dir, template, () => false);
}
