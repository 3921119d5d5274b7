/**
 * Read helpers over the job journal (jobs.jsonl) that stream it line by line instead of loading the
 * whole file: a batch of 10,000 items must not hold every record in memory to find its own.
 * Same merge rules as Journal.all(): entries are patches, the latest value of each field wins, a torn
 * line is skipped.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { JobRecord } from './journal.js';

type Patch = Partial<JobRecord> & { id: string };

/** Every patch in the journal, in order. */
export async function* journalPatches(file: string): AsyncGenerator<Patch> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let patch: Patch;
    try {
      patch = JSON.parse(line) as Patch;
    } catch {
      continue; // a torn write from a crash
    }
    if (patch && typeof patch.id === 'string') yield patch;
  }
}

/** The merged records that `select` picks by their first (creating) entry, keyed by job id. */
export async function selectJobs(file: string, select: (first: Patch) => boolean): Promise<Map<string, JobRecord>> {
  const picked = new Map<string, JobRecord>();
  for await (const patch of journalPatches(file)) {
    const prev = picked.get(patch.id);
    if (prev) picked.set(patch.id, { ...prev, ...patch });
    else if (select(patch)) picked.set(patch.id, { ...patch } as JobRecord);
  }
  return picked;
}

/** A batch's jobs by item id (the latest job of each item), for resuming without paying again. */
export async function batchJobs(file: string, batchId: string): Promise<Map<string, JobRecord>> {
  const jobs = await selectJobs(file, (first) => first.batchId === batchId);
  const byItem = new Map<string, JobRecord>();
  for (const job of jobs.values()) {
    if (!job.itemId) continue;
    const prev = byItem.get(job.itemId);
    if (!prev || prev.createdAt <= job.createdAt) byItem.set(job.itemId, job);
  }
  return byItem;
}
