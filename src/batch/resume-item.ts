/**
 * Picks up a batch item's journalled remote job (submitted by an earlier, interrupted run) through the
 * provider's `resume` hook: it polls and fetches without submitting again, so nothing is paid twice.
 */
import type { Context } from '../context.js';
import type { JobRecord } from '../jobs/journal.js';
import type { JobRecordView } from '../plugin/types.js';
import { createProviderContext } from '../provider-context.js';
import { writeResult, type AssetLine, type PreparedRequest } from '../generate/run-generate.js';
import { InterruptedError, TimeoutError } from '../errors.js';

export async function resumeItem(ctx: Context, prepared: PreparedRequest, job: JobRecord): Promise<AssetLine[]> {
  const { entry, plugin, request } = prepared;
  const label = `${entry.manifest.id} ${request.model}`;
  const started = ctx.clock.now();
  const timeout = AbortSignal.timeout(prepared.timeoutSeconds * 1000);
  const signal = AbortSignal.any([ctx.signal, timeout]);
  const providerCtx = await createProviderContext(ctx, entry, {
    signal,
    job: { model: job.model, capability: job.capability, existingJobId: job.id },
  });
  const view: JobRecordView = { id: job.id, provider: job.provider, model: job.model, capability: job.capability, status: String(job.status), requestId: job.requestId ?? '', urls: job.urls, data: job.data };
  ctx.journal.append({ id: job.id, status: 'running' });
  let result;
  try {
    result = await plugin.resume!(view, providerCtx);
  } catch (err) {
    if (ctx.signal.aborted) {
      ctx.journal.append({ id: job.id, status: 'interrupted' });
      throw new InterruptedError();
    }
    if (timeout.aborted) {
      ctx.journal.append({ id: job.id, status: 'timeout' });
      throw new TimeoutError(`${label} did not finish within ${prepared.timeoutSeconds} s`, { hint: 'rerun the batch later: it picks the job up again', data: { jobId: job.id } });
    }
    ctx.journal.append({ id: job.id, status: 'failed', error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  ctx.journal.append({ id: job.id, status: 'completed', costUsd: result.costUsd });
  const lines = await writeResult(ctx, prepared, result, { started, jobId: job.id, warnings: result.warnings ?? [], signal: ctx.signal, label });
  ctx.journal.append({ id: job.id, status: 'saved', outputs: lines.map((l) => ({ path: l.path, mediaType: l.mediaType, bytes: l.bytes })) });
  return lines;
}
