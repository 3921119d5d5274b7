/**
 * The job journal: one append-only JSON-lines file, `<stateDir>/jobs.jsonl` (AUTOMARKET_HOME/state
 * when set). Every remote request is written (and fsync'd) before the CLI waits on it, then updated
 * as it moves, so a crash or Ctrl-C never loses a paid result: `jobs resume` reads it back and
 * fetches without submitting again.
 *
 * Record format (version 1; readers such as `history` rely on it, so change it only by adding fields):
 * - Each line is one JSON object, a *patch* of a job: `{"id": "job_YYYYMMDD_xxxxxxxx", ...fields,
 *   "updatedAt": ISO}`. Fold the lines of an id in file order; the latest value of each field wins.
 *   The first line of an id carries `provider`, `model`, `capability`, `status` and `createdAt`.
 * - A torn last line (a crash mid-write) is not valid JSON: skip it. Unknown fields: ignore them.
 * - Fields: see JobRecord below. `urls` and `data` hold what the provider needs to poll, fetch or
 *   cancel (never a key: every line goes through the secrets redactor); `output` is where the run
 *   meant to write (an OutputTarget: {mode:'dir',dir,template} | {mode:'file',path} | {mode:'stdout'},
 *   plus `printText` for text answers printed on stdout); `outputs` lists the written files.
 * - `status` moves: submitting (the submit is about to go out; no requestId yet) -> submitted ->
 *   queued | running -> completed (result fetched, not yet saved) -> saved. Or it ends in failed,
 *   canceled, timeout (the CLI stopped waiting; the job may still finish) or interrupted (Ctrl-C
 *   where the provider could not cancel). Unfinished ones (UNFINISHED below) are what `jobs resume
 *   --all` picks up. Readers must accept statuses they do not know.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, readFileSync, existsSync, fsync } from 'node:fs';
import path from 'node:path';
import type { Capability } from '../kinds.js';
import type { Secrets } from '../secrets.js';

export type JobStatus = 'submitting' | 'submitted' | 'queued' | 'running' | 'completed' | 'saved' | 'failed' | 'canceled' | 'timeout' | 'interrupted';

export interface JobRecord {
  id: string;
  provider: string;
  model: string;
  capability: Capability;
  status: JobStatus | string;
  createdAt: string;
  updatedAt: string;
  requestId?: string;
  urls?: Record<string, string>;
  data?: Record<string, unknown>;
  /** sha256 of the request (prompt, inputs, options), to match a batch item to its job. */
  inputsDigest?: string;
  prompt?: string;
  /** Where the results should go, so `jobs resume` writes them where the original run would have. */
  output?: Record<string, unknown>;
  outputs?: Array<{ path?: string; mediaType?: string; bytes?: number; url?: string }>;
  error?: string;
  costUsd?: number;
  batchId?: string;
  itemId?: string;
  /** Shared by the jobs of one `-m a,b,c` comparison (the gallery shows them side by side). */
  groupId?: string;
}

export class Journal {
  readonly file: string;
  private fd?: number;
  /**
   * The last patch written per job (without updatedAt): an identical one changes nothing when folded.
   * Jobs leave it when they end, so its size is also the number of jobs in flight.
   */
  private readonly lastPatch = new Map<string, string>();
  /** Group commit: one fsync in flight, and at most one queued behind it for the writes it may miss. */
  private syncing?: Promise<void>;
  private queuedSync?: Promise<void>;

  constructor(stateDir: string, private readonly secrets: Secrets) {
    this.file = path.join(stateDir, 'jobs.jsonl');
  }

  newId(): string {
    return `job_${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomUUID().slice(0, 8)}`;
  }

  /** Appends a patch durably (append + fsync) before returning. Keys never reach the journal. */
  append(patch: Partial<JobRecord> & { id: string }): void {
    // A repeat of the last patch is not written again, but an earlier note() of it is made durable.
    this.write(patch);
    fsyncSync(this.openFd());
  }

  /**
   * Appends a patch that is durable when the promise resolves. With several jobs in flight (a batch,
   * `-m a,b,c`) the fsync runs off the main thread and concurrent callers share one (group commit),
   * so the jobs do not queue on the disk. With one job in flight (a `generate`, a script making one
   * call at a time) nothing else can run meanwhile, and the fsync is made right here: the thread-pool
   * hand-off cost more CPU than the fsync itself (bench/: ≈0.25 ms of a 3.5 ms fal job).
   */
  async commit(patch: Partial<JobRecord> & { id: string }): Promise<void> {
    this.write(patch);
    if (this.lastPatch.size <= 1 && !this.syncing) fsyncSync(this.openFd());
    else await this.sync();
  }

  /**
   * Appends a progress patch (queued, running, completed) without waiting for the disk: it survives
   * a crash of the process (the kernel holds it), and losing it to a power cut only leaves the job
   * at an earlier unfinished status, which `jobs resume` handles. The next durable write flushes it.
   */
  note(patch: Partial<JobRecord> & { id: string }): void {
    this.write(patch);
  }

  /** Closes the journal's file (a process that runs many commands must not pile up descriptors). */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    // An fsync still in flight holds the descriptor: close it when that one is done.
    if (this.syncing) void this.syncing.then(() => closeSync(fd));
    else closeSync(fd);
  }

  /**
   * The journal, opened once for appending. O_APPEND makes every write land at the end even while
   * other automarket processes append to the same file, and one line is one write(2) call.
   */
  private openFd(): number {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a', 0o600);
    }
    return this.fd;
  }

  /** Writes the line, unless the patch repeats the job's last one. */
  private write(patch: Partial<JobRecord> & { id: string }): void {
    const { updatedAt: _previous, ...fields } = patch;
    const key = JSON.stringify(fields);
    if (this.lastPatch.get(patch.id) === key) return;
    const line = `${this.secrets.redact(JSON.stringify({ ...fields, updatedAt: new Date().toISOString() }))}\n`;
    writeSync(this.openFd(), line);
    // A job that has ended gets no more patches: forgetting it keeps a 10,000-item batch's memory flat.
    if (typeof fields.status === 'string' && FINAL.has(fields.status)) this.lastPatch.delete(patch.id);
    else this.lastPatch.set(patch.id, key);
  }

  /** Resolves when everything written before the call is on disk. */
  private sync(): Promise<void> {
    // An fsync already running may have started before our write: queue one more behind it, shared
    // by every caller that arrives meanwhile.
    if (this.queuedSync) return this.queuedSync;
    if (!this.syncing) return this.startSync();
    const next = () => {
      this.queuedSync = undefined;
      return this.startSync();
    };
    this.queuedSync = this.syncing.then(next, next);
    return this.queuedSync;
  }

  private startSync(): Promise<void> {
    const fd = this.openFd();
    const run = new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
    const settled: Promise<void> = run.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      if (this.syncing === settled) this.syncing = undefined;
    });
    this.syncing = settled;
    return run;
  }

  /** A new job's first record, stamped with its creation time; durable when the promise resolves (see commit). */
  async createCommitted(record: Omit<JobRecord, 'createdAt' | 'updatedAt'>): Promise<JobRecord> {
    const now = new Date().toISOString();
    const full = { ...record, createdAt: now, updatedAt: now };
    await this.commit(full);
    return full;
  }

  all(): JobRecord[] {
    if (!existsSync(this.file)) return [];
    const byId = new Map<string, JobRecord>();
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let patch: Partial<JobRecord> & { id: string };
      try {
        patch = JSON.parse(line);
      } catch {
        continue; // a torn write from a crash
      }
      const prev = byId.get(patch.id);
      byId.set(patch.id, { ...(prev ?? ({} as JobRecord)), ...patch });
    }
    return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  get(id: string): JobRecord | undefined {
    return this.all().find((j) => j.id === id || j.requestId === id);
  }
}

export const UNFINISHED: ReadonlySet<string> = new Set(['submitted', 'queued', 'running', 'completed', 'timeout', 'interrupted']);

/** Statuses after which a job is not written to again in the same run. */
const FINAL: ReadonlySet<string> = new Set(['saved', 'failed', 'canceled']);
