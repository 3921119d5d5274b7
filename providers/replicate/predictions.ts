/**
 * Replicate's prediction lifecycle (protocols.md A2): create (official model by name, or a version),
 * poll `urls.get` through starting -> processing -> succeeded | failed | canceled | aborted, and
 * cancel with `urls.cancel` on Ctrl-C. The URLs the API returns are used as they are.
 */
import type { ProviderContext } from '../../src/plugin/types.js';
import { InterruptedError, ProviderError, UsageError } from '../../src/errors.js';
import { shouldCancelRemote, sleep } from '../../src/plugin/abort.js';
import { describeReplicateError } from './errors.js';

export type PredictionStatus = 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'aborted';

export interface Prediction {
  id: string;
  status: PredictionStatus | string;
  output?: unknown;
  error?: unknown;
  logs?: string | null;
  metrics?: { predict_time?: number; [k: string]: unknown };
  urls?: { get?: string; cancel?: string; stream?: string; web?: string };
}

export interface PredictionUrls {
  get: string;
  cancel: string;
}

const TERMINAL = new Set(['succeeded', 'failed', 'canceled', 'aborted']);

export function authHeaders(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}`, accept: 'application/json' };
}

/** Where to POST and what body, by model id form: owner/name, owner/name:version or a bare version. */
export function createTarget(baseUrl: string, model: string, input: Record<string, unknown>): { url: string; body: Record<string, unknown> } {
  const bareVersion = /^[0-9a-f]{64}$/i.exec(model);
  if (bareVersion) return { url: `${baseUrl}/predictions`, body: { version: model, input } };
  const versioned = /^([\w.-]+)\/([\w.-]+):([0-9a-f]{64})$/i.exec(model);
  if (versioned) return { url: `${baseUrl}/predictions`, body: { version: versioned[3], input } };
  const named = /^([\w.-]+)\/([\w.-]+)$/.exec(model);
  if (named) return { url: `${baseUrl}/models/${named[1]}/${named[2]}/predictions`, body: { input } };
  throw new UsageError(`"${model}" is not a Replicate model id`, { hint: 'use owner/name for official models, or owner/name:<64-hex version>' });
}

/** `Prefer: wait[=n]` from `providers.replicate.wait` (true or 1-60 seconds); off by default so the job is journalled at once. */
export function preferHeader(wait: unknown): string | undefined {
  if (wait === true) return 'wait';
  const n = Number(wait);
  if (typeof wait === 'number' || (typeof wait === 'string' && wait !== '')) {
    if (Number.isInteger(n) && n >= 1 && n <= 60) return `wait=${n}`;
  }
  return undefined;
}

export function urlsOf(baseUrl: string, prediction: Prediction): PredictionUrls {
  return {
    get: prediction.urls?.get ?? `${baseUrl}/predictions/${prediction.id}`,
    cancel: prediction.urls?.cancel ?? `${baseUrl}/predictions/${prediction.id}/cancel`,
  };
}

export async function createPrediction(ctx: ProviderContext, key: string, model: string, input: Record<string, unknown>): Promise<Prediction> {
  const target = createTarget(ctx.baseUrl, model, input);
  const prefer = preferHeader(ctx.settings.wait);
  ctx.progress({ phase: 'submitting' });
  const res = await ctx.http.request<Prediction>({
    method: 'POST',
    url: target.url,
    headers: { ...authHeaders(key), 'content-type': 'application/json', ...(prefer ? { prefer } : {}) },
    json: target.body,
    retry: 'submit',
    // Prefer: wait holds the request open up to 60 s.
    timeoutMs: prefer ? 90_000 : undefined,
    describeError: describeReplicateError,
  });
  if (!res.body?.id) throw new ProviderError('Replicate answered the create without a prediction id');
  return res.body;
}

export async function getPrediction(ctx: ProviderContext, key: string, url: string, signal: AbortSignal): Promise<Prediction> {
  const res = await ctx.http.request<Prediction>({ url, headers: authHeaders(key), retry: 'idempotent', signal, describeError: describeReplicateError });
  return res.body;
}

/** Polls until the prediction ends; succeeded returns it, every other end throws. Ctrl-C cancels it. */
export async function waitForPrediction(ctx: ProviderContext, key: string, first: Prediction, urls: PredictionUrls, signal: AbortSignal): Promise<Prediction> {
  const interval = Number(ctx.settings.pollIntervalMs ?? 1000);
  let prediction = first;
  let lastStatus = '';
  try {
    for (;;) {
      if (prediction.status !== lastStatus) {
        lastStatus = prediction.status;
        await ctx.jobUpdated(journalStatus(prediction.status));
      }
      if (TERMINAL.has(prediction.status)) return finish(prediction);
      report(ctx, prediction);
      await sleep(interval, signal);
      prediction = await getPrediction(ctx, key, urls.get, signal);
    }
  } catch (err) {
    if (signal.aborted && shouldCancelRemote(signal)) await cancelPrediction(ctx, key, urls);
    if (signal.aborted) throw new InterruptedError();
    throw err;
  }
}

function report(ctx: ProviderContext, prediction: Prediction): void {
  if (prediction.status === 'starting') {
    ctx.progress({ phase: 'queued' });
    return;
  }
  const lines = (prediction.logs ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1];
  ctx.progress({ phase: 'running', log: last, percent: percentIn(last) });
}

function finish(prediction: Prediction): Prediction {
  if (prediction.status === 'succeeded') return prediction;
  const why = typeof prediction.error === 'string' ? prediction.error : prediction.error ? JSON.stringify(prediction.error) : undefined;
  if (prediction.status === 'failed') {
    throw new ProviderError(`Replicate prediction ${prediction.id} failed${why ? `: ${why}` : ''}`, { hint: 'check the input (see the logs with --verbose) and try again', data: { requestId: prediction.id } });
  }
  throw new ProviderError(`Replicate prediction ${prediction.id} was ${prediction.status}${why ? `: ${why}` : ''}`, { data: { requestId: prediction.id } });
}

function journalStatus(status: string): string {
  if (status === 'starting') return 'queued';
  if (status === 'processing') return 'running';
  if (status === 'succeeded') return 'completed';
  return status; // failed, canceled, aborted
}

/** Best effort, with its own short deadline so Ctrl-C never hangs on it. */
export async function cancelPrediction(ctx: ProviderContext, key: string, urls: PredictionUrls): Promise<boolean> {
  try {
    ctx.progress({ phase: 'message', text: 'Cancelling the Replicate prediction' });
    await ctx.http.request({ method: 'POST', url: urls.cancel, headers: authHeaders(key), retry: 'none', signal: AbortSignal.timeout(5000), responseType: 'text', describeError: describeReplicateError });
    await ctx.jobUpdated('canceled');
    return true;
  } catch (err) {
    ctx.debug(`cancel failed: ${(err as Error).message}`);
    return false;
  }
}

/** Progress bars in cog logs look like " 45%|████▌     | 9/20". */
function percentIn(line: string | undefined): number | undefined {
  const m = line ? /(\d{1,3})%\|/.exec(line) ?? /(\d{1,3}(?:\.\d+)?)\s*%/.exec(line) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 0 && n <= 100 ? n : undefined;
}
