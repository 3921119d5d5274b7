/** `jobs cancel <id>`: ask the provider to stop a journalled job, and record that it was cancelled. */
import type { Context } from '../context.js';
import { ProviderError, UsageError } from '../errors.js';
import { createProviderContext } from '../provider-context.js';
import { findJob, jobProvider, recordView } from './lookup.js';

const FINISHED = new Set(['completed', 'saved', 'failed', 'canceled']);

export async function jobsCancel(ctx: Context, id: string): Promise<void> {
  const job = findJob(ctx, id);
  if (FINISHED.has(job.status)) throw new UsageError(`Job ${job.id} is already ${job.status}`, { hint: 'only unfinished jobs can be cancelled' });
  if (!job.requestId) throw new ProviderError(`Job ${job.id} has no request id, so it cannot be cancelled here`, { hint: `cancel it on ${job.provider}'s dashboard if it exists` });
  const { entry, plugin } = await jobProvider(ctx, job);
  if (!plugin.cancel) throw new ProviderError(`Provider ${job.provider} cannot cancel jobs`, { hint: "stop it on the provider's dashboard" });
  const providerCtx = await createProviderContext(ctx, entry, { job: { model: job.model, capability: job.capability, existingJobId: job.id } });
  await plugin.cancel(recordView(job), providerCtx);
  ctx.journal.append({ id: job.id, status: 'canceled' });
  if (ctx.options.json) ctx.out(JSON.stringify({ id: job.id, status: 'canceled' }));
  else ctx.out(`Cancelled ${job.id}`);
}
