/**
 * The one HTTP layer, on got. Every provider request goes through here so that timeouts, retries,
 * cancellation and key redaction are the same everywhere.
 *
 * Retry policy (issue 5): `idempotent` (reads, polls, downloads) retries on connection errors, 408,
 * 409, 429 and 5xx; `submit` (a billable create) retries only when nothing can have been created:
 * the connection was refused before the request was sent, or the server said 429. Waits honour
 * `retry-after-ms` and `Retry-After` (seconds or an HTTP date) up to a cap, else exponential backoff
 * with full jitter.
 */
import type { Readable } from 'node:stream';
import type { Got, Response } from 'got';
import { NetworkError, ProviderError, InterruptedError, isAbortError } from './errors.js';
import type { Secrets } from './secrets.js';
import type { Clock } from './clock.js';

export type RetryPolicy = 'idempotent' | 'submit' | 'none';

export interface RetrySettings {
  /** Retries after the first attempt. */
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { limit: 4, baseDelayMs: 500, maxDelayMs: 60_000 };

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';
  url: string;
  headers?: Record<string, string | undefined>;
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** Raw body: a buffer, string, stream or FormData (multipart; file parts stay streamed). */
  body?: string | Uint8Array | Readable | FormData;
  responseType?: 'json' | 'text' | 'buffer';
  retry?: RetryPolicy;
  /** Time to wait for the response headers, in ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Turns a provider's error body into one clear message (each provider has its own shape). */
  describeError?: (status: number, body: unknown) => { message: string; hint?: string } | undefined;
  /** Accept these non-2xx statuses as results instead of errors. */
  okStatuses?: number[];
}

export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  url: string;
}

export interface HttpStreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
  url: string;
}

export interface HttpOptions {
  secrets: Secrets;
  clock: Clock;
  signal: AbortSignal;
  retry?: Partial<RetrySettings>;
  /** Default header timeout per request, ms. */
  timeoutMs?: number;
  userAgent: string;
  debug?: (line: string) => void;
}

/** Error from a non-2xx answer. Carries the parsed body so providers can read their error shapes. */
export class HttpStatusError extends ProviderError {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly responseBody: unknown,
    readonly responseHeaders: Record<string, string | string[] | undefined>,
    hint?: string,
  ) {
    super(message, { status: statusCode, hint, code: `HTTP_${statusCode}` });
  }
}

const CONNECTION_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);
const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

export class Http {
  private gotInstance?: Got;
  private readonly retrySettings: RetrySettings;

  constructor(private readonly options: HttpOptions) {
    this.retrySettings = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** Same layer with other retry settings (per-provider config). */
  withRetry(retry: Partial<RetrySettings> | undefined): Http {
    if (!retry) return this;
    return new Http({ ...this.options, retry: { ...this.retrySettings, ...retry } });
  }

  private async got(): Promise<Got> {
    if (!this.gotInstance) {
      const { default: got } = await import('got');
      this.gotInstance = got.extend({
        headers: { 'user-agent': this.options.userAgent },
        retry: { limit: 0 }, // our own loop below decides, with the billable-submit rule
        throwHttpErrors: false,
        followRedirect: true,
      });
    }
    return this.gotInstance;
  }

  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const got = await this.got();
    const policy = req.retry ?? 'idempotent';
    const signal = req.signal ?? this.options.signal;
    for (let attempt = 0; ; attempt++) {
      this.throwIfAborted(signal);
      let response: Response<string | Buffer> | undefined;
      let failure: unknown;
      const started = this.options.clock.now();
      try {
        response = await got(req.url, {
          method: req.method ?? (req.json !== undefined || req.body !== undefined ? 'POST' : 'GET'),
          headers: dropUndefined(req.headers ?? {}),
          searchParams: req.searchParams ? dropUndefined(req.searchParams) : undefined,
          json: req.json,
          body: req.body as never,
          responseType: req.responseType === 'buffer' ? 'buffer' : 'text',
          timeout: { response: req.timeoutMs ?? this.options.timeoutMs ?? 60_000, connect: 15_000 },
          signal,
        } as never) as Response<string | Buffer>;
      } catch (err) {
        failure = err;
      }
      this.trace(req, response?.statusCode, started, failure);
      if (failure !== undefined) {
        if (isAbortError(failure) || signal.aborted) throw new InterruptedError();
        const code = errorCode(failure);
        const retryable = policy === 'idempotent' ? isConnectionError(code) : policy === 'submit' ? code === 'ECONNREFUSED' : false;
        if (retryable && attempt < this.retrySettings.limit) {
          await this.options.clock.sleep(this.backoff(attempt), signal);
          continue;
        }
        throw this.networkError(req, failure);
      }
      const res = response!;
      if ((res.statusCode >= 200 && res.statusCode < 300) || req.okStatuses?.includes(res.statusCode)) {
        return {
          status: res.statusCode,
          headers: res.headers,
          url: res.url,
          body: decodeBody<T>(res.body, req.responseType ?? 'json'),
        };
      }
      const status = res.statusCode;
      const retryable = policy === 'idempotent' ? RETRYABLE_STATUS.has(status) : policy === 'submit' ? status === 429 : false;
      if (retryable && attempt < this.retrySettings.limit && !doNotRetry(res)) {
        await this.options.clock.sleep(this.retryDelay(res.headers, attempt), signal);
        continue;
      }
      throw this.statusError(req, res);
    }
  }

  /** A streamed GET for downloads. The caller reads `body`; retries and resume are the caller's (see assets/download.ts). */
  async stream(req: {
    url: string;
    headers?: Record<string, string | undefined>;
    timeoutMs?: number;
    signal?: AbortSignal;
    /** POST with a JSON body, for endpoints that answer with media bytes (speech). Never retried. */
    method?: 'GET' | 'POST';
    json?: unknown;
  }): Promise<HttpStreamResponse> {
    const got = await this.got();
    const signal = req.signal ?? this.options.signal;
    this.throwIfAborted(signal);
    const started = this.options.clock.now();
    const stream = got.stream(req.url, {
      method: req.method ?? 'GET',
      ...(req.json !== undefined ? { json: req.json } : {}),
      headers: dropUndefined(req.headers ?? {}),
      timeout: { response: req.timeoutMs ?? this.options.timeoutMs ?? 60_000, connect: 15_000 },
      signal,
    } as never);
    return await new Promise<HttpStreamResponse>((resolve, reject) => {
      stream.once('response', (res: { statusCode: number; headers: Record<string, string | string[] | undefined>; url: string }) => {
        this.trace({ url: req.url, method: req.method ?? 'GET' }, res.statusCode, started, undefined);
        resolve({ status: res.statusCode, headers: res.headers, body: stream, url: res.url });
      });
      stream.once('error', (err: unknown) => {
        this.trace({ url: req.url, method: req.method ?? 'GET' }, undefined, started, err);
        if (isAbortError(err) || signal.aborted) reject(new InterruptedError());
        else reject(this.networkError({ url: req.url }, err));
      });
    });
  }

  /** Delay before retry `attempt` (0-based) when the server gave no hint: exponential with full jitter. */
  backoff(attempt: number): number {
    const ceiling = Math.min(this.retrySettings.maxDelayMs, this.retrySettings.baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  retryDelay(headers: Record<string, string | string[] | undefined>, attempt: number): number {
    const hinted = retryAfterMs(headers, this.options.clock.now());
    if (hinted !== undefined) return Math.min(hinted, this.retrySettings.maxDelayMs);
    return this.backoff(attempt);
  }

  private throwIfAborted(signal: AbortSignal): void {
    if (signal.aborted) throw new InterruptedError();
  }

  private statusError(req: HttpRequest, res: Response<string | Buffer>): HttpStatusError {
    const body = parseMaybeJson(Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.body);
    const described = req.describeError?.(res.statusCode, body);
    const host = safeHost(req.url);
    const message = described?.message ?? `${host} answered ${res.statusCode}${summary(body)}`;
    const hint = described?.hint ?? defaultHint(res.statusCode);
    return new HttpStatusError(this.options.secrets.redact(message), res.statusCode, body, res.headers, hint);
  }

  private networkError(req: { url: string }, err: unknown): NetworkError {
    const code = errorCode(err);
    const host = safeHost(req.url);
    const what =
      code === 'ETIMEDOUT' || (err as { name?: string })?.name === 'TimeoutError'
        ? `${host} did not answer in time`
        : code === 'ECONNREFUSED'
          ? `cannot connect to ${host} (connection refused)`
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? `cannot resolve ${host}`
            : `request to ${host} failed: ${(err as Error)?.message ?? String(err)}`;
    return new NetworkError(this.options.secrets.redact(what), {
      code: 'NETWORK',
      hint: 'check your connection and the provider base URL, then try again',
      cause: err,
    });
  }

  private trace(req: { url: string; method?: string }, status: number | undefined, started: number, err: unknown): void {
    if (!this.options.debug) return;
    const ms = this.options.clock.now() - started;
    const outcome = status !== undefined ? String(status) : `error ${errorCode(err) ?? (err as Error)?.message}`;
    this.options.debug(this.options.secrets.redact(`http ${req.method ?? 'GET'} ${req.url} -> ${outcome} in ${ms} ms`));
  }
}

export function retryAfterMs(headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
  const ms = first(headers['retry-after-ms']);
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const after = first(headers['retry-after']);
  if (after === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(after.trim())) return Math.ceil(Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function doNotRetry(res: Response<string | Buffer>): boolean {
  // fal: a 504 caused by the user's own start timeout must not be retried.
  return first(res.headers['x-fal-request-timeout-type']) === 'user';
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code ?? e?.cause?.code;
}

function isConnectionError(code: string | undefined): boolean {
  return code !== undefined && CONNECTION_ERRORS.has(code);
}

function decodeBody<T>(raw: string | Buffer, type: 'json' | 'text' | 'buffer'): T {
  if (type === 'buffer') return raw as T;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
  if (type === 'text') return text as T;
  if (text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError(`expected JSON from the provider, got: ${text.slice(0, 120)}`);
  }
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function summary(body: unknown): string {
  if (body === undefined || body === '') return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `: ${text.replace(/\s+/g, ' ').slice(0, 200)}`;
}

function defaultHint(status: number): string | undefined {
  if (status === 401 || status === 403) return 'check the API key (automarket keys list)';
  if (status === 429) return 'rate limited: wait a moment and try again';
  if (status >= 500) return 'the provider had a problem; try again later';
  return undefined;
}

export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

function dropUndefined<V>(record: Record<string, V | undefined>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out;
}
