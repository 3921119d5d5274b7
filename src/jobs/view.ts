/** `jobs list` and `jobs show`: the journal as a table, JSON lines, or one record. */
import type { Context } from '../context.js';
import { renderTable } from '../ui/table.js';
import { findJob } from './lookup.js';

export function jobsList(ctx: Context): void {
  const jobs = ctx.journal.all();
  if (ctx.options.json) {
    for (const job of jobs) ctx.out(JSON.stringify(job));
    return;
  }
  if (jobs.length === 0) {
    ctx.ui.note('No jobs yet: remote generations are recorded here as they run.');
    return;
  }
  const rows = jobs.map((j) => [j.id, j.status, j.provider, j.model, j.createdAt.replace('T', ' ').slice(0, 19), shorten(j.prompt ?? '', 40)]);
  ctx.out(renderTable(['ID', 'STATUS', 'PROVIDER', 'MODEL', 'CREATED', 'PROMPT'], rows));
}

export function jobsShow(ctx: Context, id: string): void {
  const job = findJob(ctx, id);
  ctx.out(ctx.options.json ? JSON.stringify(job) : JSON.stringify(job, null, 2));
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
