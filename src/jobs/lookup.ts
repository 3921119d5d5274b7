/** Finds a journalled job and the provider that owns it, with errors that say what to do. */
import type { Context } from '../context.js';
import type { ProviderPlugin, JobRecordView } from '../plugin/types.js';
import type { RegistryEntry } from '../registry.js';
import { ConfigError, UsageError } from '../errors.js';
import type { JobRecord } from './journal.js';

export function findJob(ctx: Context, id: string): JobRecord {
  const job = ctx.journal.get(id);
  if (!job) throw new UsageError(`No job ${id} in the journal (${ctx.journal.file})`, { hint: 'list the known jobs with `automarket jobs list`' });
  return job;
}

export async function jobProvider(ctx: Context, job: JobRecord): Promise<{ entry: RegistryEntry; plugin: ProviderPlugin }> {
  const registry = await ctx.registry();
  const entry = registry.get(job.provider);
  if (!entry) {
    throw new ConfigError(`Job ${job.id} belongs to provider ${job.provider}, which is not available now`, {
      hint: 'add the plugin or provider back to your config, then try again',
    });
  }
  return { entry, plugin: await registry.load(job.provider) };
}

export function recordView(job: JobRecord): JobRecordView {
  return {
    id: job.id,
    provider: job.provider,
    model: job.model,
    capability: job.capability,
    status: job.status,
    requestId: job.requestId ?? '',
    urls: job.urls,
    data: job.data,
  };
}
