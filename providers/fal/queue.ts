/**
 * fal's queue protocol (protocols.md A1): submit, poll the status URL with logs, fetch the result,
 * cancel. The URLs that submit returns are used as they are.
 */
import type { ProviderContext } from '../../src/plugin/types.js';
import { InterruptedError, ProviderError } from '../../src/errors.js';
import { HttpStatusError } from '../../src/http.js';
import { shouldCancelRemote, sleep } from '../../src/plugin/abort.js';
import { describeFalError } from './errors.js';

export interface FalUrls {
  status: string;
  response: string;
  cancel: string;
}

interface SubmitResponse {
  request_id: string;
  status_url?: string;
  response_url?: string;
  cancel_url?: string;
  queue_position?: number;
}

interface StatusResponse {
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED' | string;
  queue_position?: number;
  logs?: Array<{ message: string; level?: string; timestamp?: string }> | null;
  error?: string;
}

export function authHeaders(key: string | undefined): Record<string, string> {
  return { ...(key ? { authorization: `Key ${key}` } : {}), accept: 'application/json' };
}

/** Endpoint "owner/alias/sub/path": status and result live under "owner/alias" only. */
export function defaultUrls(baseUrl: string, endpoint: string, requestId: string): FalUrls {
  const [owner, alias] = endpoint.replace(/^\/+/, '').split('/');
  const root = `${baseUrl}/${owner}/${alias}/requests/${requestId}`;
  return { status: `${root}/status`, response: root, cancel: `${root}/cancel` };
}

export async function submit(ctx: ProviderContext, key: string | undefined, endpoint: string, input: Record<string, unknown>): Promise<{ requestId: string; urls: FalUrls; position?: number }> {
  ctx.progress({ phase: 'submitting' });
  let res;
  try {
    res = await ctx.http.request<SubmitResponse>({
      method: 'POST',
      url: `${ctx.baseUrl}/${endpoint.replace(/^\/+/, '')}`,
      headers: { ...authHeaders(key), 'content-type': 'application/json', 'x-fal-queue-priority': 'normal' },
      json: input,
      retry: 'submit',
      describeError: describeFalError,
    });
  } catch (err) {
    // A 422 names a field the user set (a flag or --param): their input to fix, so exit 2, not 1.
    if (err instanceof HttpStatusError && err.statusCode === 422) {
      throw new ProviderError(err.message, { status: 422, exitCode: 2, code: 'VALIDATION', hint: err.hint, data: { status: 422 } });
    }
    throw err;
  }
  const body = res.body;
  if (!body?.request_id) throw new ProviderError('fal answered the submit without a request_id');
  const fallback = defaultUrls(ctx.baseUrl, endpoint, body.request_id);
  return {
    requestId: body.request_id,
    urls: { status: body.status_url ?? fallback.status, response: body.response_url ?? fallback.response, cancel: body.cancel_url ?? fallback.cancel },
    position: body.queue_position,
  };
}

/** Polls until COMPLETED, reporting queue position and new log lines. Cancels the job on Ctrl-C. */
export async function waitForCompletion(ctx: ProviderContext, key: string | undefined, urls: FalUrls, signal: AbortSignal): Promise<void> {
  const interval = Number(ctx.settings.pollIntervalMs ?? 1000);
  let seenLogs = 0;
  // The spinner keeps the last log line and percent until a newer one arrives (polls often bring none).
  let lastLog: string | undefined;
  let lastPercent: number | undefined;
  // The journal records transitions, not every poll (each entry is an fsync).
  let journalled: string | undefined;
  const transition = async (status: string) => {
    if (status !== journalled) await ctx.jobUpdated(status);
    journalled = status;
  };
  try {
    for (;;) {
      const res = await ctx.http.request<StatusResponse>({
        url: urls.status,
        searchParams: { logs: 1 },
        headers: authHeaders(key),
        retry: 'idempotent',
        signal,
        describeError: describeFalError,
      });
      const status = res.body;
      if (status.status === 'COMPLETED') {
        await transition('completed');
        return;
      }
      if (status.status === 'IN_QUEUE') {
        ctx.progress({ phase: 'queued', position: status.queue_position });
        await transition('queued');
      } else if (status.status === 'IN_PROGRESS') {
        const logs = status.logs ?? [];
        // A server that returns only recent logs (fewer than we saw) starts the count again.
        const fresh = logs.length >= seenLogs ? logs.slice(seenLogs) : logs;
        seenLogs = logs.length;
        for (const log of fresh) ctx.debug(`log: ${log.message}`);
        for (const log of fresh) lastPercent = percentIn(log.message) ?? lastPercent;
        lastLog = fresh[fresh.length - 1]?.message ?? lastLog;
        ctx.progress({ phase: 'running', log: lastLog, percent: lastPercent });
        await transition('running');
      }
      await sleep(interval, signal);
    }
  } catch (err) {
    if (signal.aborted && shouldCancelRemote(signal)) await cancel(ctx, key, urls);
    if (signal.aborted) throw new InterruptedError();
    throw err;
  }
}

export async function fetchResult(ctx: ProviderContext, key: string | undefined, urls: FalUrls, signal: AbortSignal): Promise<{ output: Record<string, unknown>; requestId?: string }> {
  const res = await ctx.http.request<Record<string, unknown>>({
    url: urls.response,
    headers: authHeaders(key),
    retry: 'idempotent',
    signal,
    describeError: describeFalError,
  });
  const requestId = res.headers['x-fal-request-id'];
  return { output: res.body ?? {}, requestId: typeof requestId === 'string' ? requestId : undefined };
}

/** Best effort: a cancel must not hang the exit, so it gets its own short deadline. */
export async function cancel(ctx: ProviderContext, key: string | undefined, urls: FalUrls): Promise<boolean> {
  try {
    ctx.progress({ phase: 'message', text: 'Cancelling the fal request' });
    await ctx.http.request({ method: 'PUT', url: urls.cancel, headers: authHeaders(key), retry: 'none', signal: AbortSignal.timeout(5000), responseType: 'text' });
    await ctx.jobUpdated('canceled');
    return true;
  } catch (err) {
    ctx.debug(`cancel failed: ${(err as Error).message}`);
    return false;
  }
}

function percentIn(message: string | undefined): number | undefined {
  const m = message ? /(\d{1,3}(?:\.\d+)?)\s*%/.exec(message) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 0 && n <= 100 ? n : undefined;
}
