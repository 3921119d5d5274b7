/** Builds the ProviderContext a provider sees, from the run's Context and the provider's entry. */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Context } from './context.js';
import type { RegistryEntry } from './registry.js';
import type { InputRef, JobHandle, ProgressEvent, ProviderContext } from './plugin/types.js';
import type { Capability } from './kinds.js';
import { MissingKeyError } from './errors.js';
import { resolveApiKey } from './keys.js';
import { ensureKeyTrusted } from './trust/key-trust.js';
import { safeHost, type RetryConfigInput } from './http.js';
import type { JobRecord } from './jobs/journal.js';

export interface JobBinding {
  model: string;
  capability: Capability;
  prompt?: string;
  inputsDigest?: string;
  output?: Record<string, unknown>;
  batchId?: string;
  itemId?: string;
  /** Set when resuming an existing job: updates go to it instead of a new record. */
  existingJobId?: string;
  onJob?: (jobId: string) => void;
}

export interface ProviderContextOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  onWarning?: (message: string) => void;
  job?: JobBinding;
}

/** Statuses a job passes through on its way to a result: losing one to a power cut loses nothing. */
const PROGRESS_STATUSES: ReadonlySet<string> = new Set(['queued', 'running', 'starting', 'processing', 'completed', 'succeeded']);

export async function createProviderContext(ctx: Context, entry: RegistryEntry, options: ProviderContextOptions = {}): Promise<ProviderContext & { jobId?: string }> {
  const { config } = await ctx.config();
  const manifest = entry.manifest;
  const settings = Object.freeze({ ...(config.providers?.[manifest.id] ?? {}) }) as Record<string, unknown>;
  const baseUrl = String(settings.baseUrl ?? (manifest.baseUrlEnv ? ctx.env[manifest.baseUrlEnv] : undefined) ?? manifest.defaultBaseUrl ?? '').replace(/\/+$/, '');
  // A key goes only where the user chose to send it (src/trust): checked before any request.
  if (resolveApiKey(manifest, settings, ctx.env, ctx.paths.keysFile).value) await ensureKeyTrusted(ctx, manifest, settings);
  const retry = settings.retry as RetryConfigInput | undefined;
  let jobId = options.job?.existingJobId;
  const binding = options.job;

  /**
   * The journal record of this run's remote job, created on first need. It is written before this
   * resolves (a crash of the process never loses it); `durability: 'fsync'` also waits until it is
   * on disk (a power cut does not lose it either).
   */
  const ensureRecord = async (patch: Partial<JobRecord>, durability: 'fsync' | 'write') => {
    if (!binding) return;
    const record = jobId
      ? { id: jobId, ...patch }
      : {
          id: ctx.journal.newId(),
          provider: manifest.id,
          model: binding.model,
          capability: binding.capability,
          status: 'submitting',
          prompt: binding.prompt,
          inputsDigest: binding.inputsDigest,
          output: binding.output,
          batchId: binding.batchId,
          itemId: binding.itemId,
          createdAt: new Date().toISOString(),
          ...patch,
        };
    if (durability === 'fsync') await ctx.journal.commit(record);
    else ctx.journal.note(record);
    if (!jobId) {
      jobId = record.id;
      providerCtx.jobId = jobId;
      binding.onJob?.(jobId);
    }
  };

  // A billable submit is journalled before it goes out: if the answer is lost (crash, reset,
  // timeout), the record still says a job may exist and where it was sent. It is written, not
  // fsync'd: the line is in the file before the request leaves (a crashed process loses nothing), and
  // what a power cut in the seconds before the OS writes it back could lose is a record that no job
  // can be resumed from anyway (it has no request id yet). The record that makes a job resumable,
  // `submitted` with the request id, is on disk before the provider waits on the job (jobSubmitted).
  // Measured in a batch at concurrency 16: waiting for this fsync added ≈3 ms to every item, and
  // the fsyncs made every output file's creation wait for the filesystem journal (≈0.7 ms each).
  let http = ctx.http.withRetry(retry);
  if (binding && !binding.existingJobId) {
    http = http.withSubmitHook(async (url) => {
      if (!jobId) await ensureRecord({ status: 'submitting', data: { submitHost: safeHost(url) } }, 'write');
    });
  }

  const lookupKey = () => {
    const key = resolveApiKey(manifest, settings, ctx.env, ctx.paths.keysFile).value;
    ctx.secrets.add(key);
    return key;
  };

  const providerCtx: ProviderContext & { jobId?: string } = {
    providerId: manifest.id,
    settings,
    baseUrl,
    http,
    signal: options.signal ?? ctx.signal,
    env: ctx.env,
    get tempDir() {
      return ctx.tempDir();
    },
    apiKey() {
      const key = lookupKey();
      if (!key) throw new MissingKeyError(manifest.id, manifest.apiKeyEnv);
      return key;
    },
    optionalApiKey: lookupKey,
    progress(event) {
      options.onProgress?.(event);
    },
    warn(message) {
      if (options.onWarning) options.onWarning(message);
      else ctx.ui.warn(message);
    },
    debug(message) {
      ctx.ui.debug(`${manifest.id}: ${message}`);
    },
    async jobSubmitted(handle: JobHandle) {
      // Durable before the provider waits on the job: `jobs resume` needs the request id.
      await ensureRecord({ status: 'submitted', requestId: handle.requestId, urls: handle.urls, data: handle.data }, 'fsync');
    },
    async jobUpdated(status, extra) {
      if (!jobId) return;
      const patch = { id: jobId, status, ...(extra ? { data: extra } : {}) };
      // Progress needs no fsync (see Journal.note); an ending such as `canceled` does.
      if (PROGRESS_STATUSES.has(status)) ctx.journal.note(patch);
      else await ctx.journal.commit(patch);
    },
    openInput(input: InputRef): Readable {
      if (!input.path) throw new Error(`input ${input.name} is not a local file`);
      return createReadStream(input.path);
    },
    async exec(file, args, execOptions) {
      const result = await ctx.exec(file, args, { input: execOptions?.input, timeoutMs: execOptions?.timeoutMs, onStdoutLine: execOptions?.onStdoutLine, onStderrLine: execOptions?.onStderrLine, signal: options.signal ?? ctx.signal });
      if (result.notFound) {
        const err = new Error(`${file} is not installed`) as Error & { code: string };
        err.code = 'ENOENT';
        throw err;
      }
      if (result.exitCode !== 0) {
        throw new Error(`${file} exited with code ${result.exitCode}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
      }
      return { stdout: result.stdout, stderr: result.stderr };
    },
  };
  if (jobId) providerCtx.jobId = jobId;
  return providerCtx;
}

/** Whether a provider can be used now without more setup (for resolution and `providers list`). */
export function keyStatus(ctx: Context, entry: RegistryEntry, settings: Record<string, unknown> | undefined): { configured: boolean; reason?: string } {
  const m = entry.manifest;
  if (m.requiresKey === false || m.type === 'local') return { configured: true };
  if (m.type === 'service' && !m.apiKeyEnv) return { configured: true };
  const key = resolveApiKey(m, settings, ctx.env, ctx.paths.keysFile);
  if (key.value) return { configured: true };
  return { configured: false, reason: m.apiKeyEnv ? `${m.apiKeyEnv} is not set` : `providers.${m.id}.apiKey is not set` };
}
