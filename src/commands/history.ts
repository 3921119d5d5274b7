/**
 * `automarket history [--json]`: what was generated, when, by which provider and model, where it was
 * written and what it cost, read from the job journal (newest last, like a shell's history).
 */
import type { Context } from '../context.js';
import { selectJobs } from '../jobs/read.js';
import type { JobRecord } from '../jobs/journal.js';
import { isCapability, outputKindOf } from '../kinds.js';
import { formatUsd } from '../cost/estimate.js';
import { parseInteger } from '../generate/options.js';
import { renderTable } from '../ui/table.js';

export interface HistoryFlags {
  limit?: string;
  all?: boolean;
}

export interface HistoryEntry {
  id: string;
  when: string;
  kind?: string;
  provider: string;
  model: string;
  prompt?: string;
  paths: string[];
  costUsd?: number;
  status: string;
  batchId?: string;
  itemId?: string;
}

export function toEntry(job: JobRecord): HistoryEntry {
  return {
    id: job.id,
    when: job.createdAt,
    ...(isCapability(String(job.capability)) ? { kind: outputKindOf(job.capability) } : {}),
    provider: job.provider,
    model: job.model,
    ...(job.prompt !== undefined ? { prompt: job.prompt } : {}),
    paths: (job.outputs ?? []).map((o) => o.path ?? (o.url ? o.url : '(stdout)')),
    ...(job.costUsd !== undefined ? { costUsd: job.costUsd } : {}),
    status: String(job.status),
    ...(job.batchId ? { batchId: job.batchId } : {}),
    ...(job.itemId ? { itemId: job.itemId } : {}),
  };
}

export async function historyCommand(ctx: Context, flags: HistoryFlags): Promise<void> {
  const limit = flags.limit !== undefined ? parseInteger('--limit', flags.limit, 1, 1_000_000, 20) : flags.all ? Infinity : 50;
  const jobs = await selectJobs(ctx.journal.file, () => true);
  const entries = [...jobs.values()]
    .filter((j) => flags.all || j.status === 'saved')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(-limit)
    .map(toEntry);
  if (ctx.options.json) {
    for (const e of entries) ctx.out(JSON.stringify(e));
    return;
  }
  if (entries.length === 0) {
    ctx.ui.note(flags.all ? 'The journal is empty.' : 'Nothing generated yet (history --all also lists failed and unfinished jobs).');
    return;
  }
  const rows = entries.map((e) => [
    when(e.when),
    e.kind ?? '',
    e.provider,
    e.model,
    e.costUsd !== undefined ? formatUsd(e.costUsd) : '?',
    ...(flags.all ? [e.status] : []),
    e.paths.join(' ') || '-',
    shorten(e.prompt ?? '', 40),
  ]);
  ctx.out(renderTable(['WHEN', 'KIND', 'PROVIDER', 'MODEL', 'COST', ...(flags.all ? ['STATUS'] : []), 'PATH', 'PROMPT'], rows));
}

function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
