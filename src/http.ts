/**
 * The one HTTP layer, on got. Every provider request goes through here so that timeouts, retries,
 * cancellation and key redaction are the same everywhere.
 *
 * Retry policy (issue 5): `idempotent` (reads, polls, downloads) retries on connection errors, 408,
 * 409, 429 and 5xx; `submit` (a billable create) retries only when nothing can have been created:
 * the connection never opened (refused, DNS failure, unreachable, connect timeout), or the server
 * said 429. A reset or a 5xx after the request went out is NOT retried: the provider may have
 * started (and will bill) the job. A request whose body is a one-shot stream is never retried.
 * Waits honour `retry-after-ms` and `Retry-After` (seconds or an HTTP date) up to `maxDelayMs`,
 * else exponential backoff with jitter. Settings per provider: `providers.<id>.retry` in config.
 */
import type { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import type { Got, Response } from 'got';
import { NetworkError, ProviderError, InterruptedError, isAbortError } from './errors.js';
import type { Secrets } from './secrets.js';
import type { Clock } from './clock.js';

export type RetryPolicy = 'idempotent' | 'submit' | 'none';

export interface RetrySettings {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff ceiling; doubles each attempt. */
  baseDelayMs: number;
  /** Cap on any one wait, including a server's Retry-After. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 60_000 };

/** Config shape (`providers.<id>.retry`); `limit` is the older name of `maxRetries`. */
export type RetryConfigInput = Partial<RetrySettings> & { limit?: number };

export function normalizeRetry(input: RetryConfigInput | undefined): Partial<RetrySettings> | undefined {
  if (!input) return undefined;
  const out: Partial<RetrySettings> = {};
  const max = input.maxRetries ?? input.limit;
  if (typeof max === 'number') out.maxRetries = max;
  if (typeof input.baseDelayMs === 'number') out.baseDelayMs = input.baseDelayMs;
  if (typeof input.maxDelayMs === 'number') out.maxDelayMs = input.maxDelayMs;
  return out;
}

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
  /** Called just before each billable submit goes out (the job journal records it first). */
  beforeSubmit?: (url: string) => void | Promise<void>;
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
/** Failures where no connection ever opened, so no request can have reached the server. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const PRE_CONNECT_TIMEOUTS = new Set(['lookup', 'connect', 'secureConnect']);
const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);
/** Credential headers got does not strip itself on a cross-origin redirect (it strips authorization). */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'xi-api-key', 'api-key', 'x-goog-api-key'];

/** Removes every header that carries a credential (got drops authorization and cookie itself; this covers the rest too). */
function dropCredentialHeaders(headers: Record<string, unknown>): void {
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.includes(lower) || lower === 'cookie') delete headers[name];
  }
}

/** What got follows (got/dist/source/core: redirectCodes, maxRedirects), so `download()` does the same. */
const REDIRECT_STATUS = new Set([300, 301, 302, 303, 304, 307, 308]);
const MAX_REDIRECTS = 10;
const CONNECT_TIMEOUT_MS = 15_000;

/** Whether a failed request can be retried under a policy (exported for tests). */
export function retryableFailure(policy: RetryPolicy, err: unknown): boolean {
  if (policy === 'none') return false;
  const code = errorCode(err);
  if (policy === 'idempotent') return isConnectionError(code) || (err as { name?: string })?.name === 'TimeoutError';
  return neverConnected(err);
}

export function retryableStatus(policy: RetryPolicy, status: number): boolean {
  if (policy === 'idempotent') return RETRYABLE_STATUS.has(status);
  if (policy === 'submit') return status === 429;
  return false;
}

function neverConnected(err: unknown): boolean {
  const code = errorCode(err);
  if (code !== undefined && NEVER_CONNECTED.has(code)) return true;
  const e = err as { name?: string; event?: string };
  return e?.name === 'TimeoutError' && e.event !== undefined && PRE_CONNECT_TIMEOUTS.has(e.event);
}

/**
 * Delay before retry `attempt` (0-based) when the server gave no hint: the ceiling doubles from
 * `baseDelayMs` up to `maxDelayMs`, and the wait is uniform in [ceiling/2, ceiling] so that many
 * clients do not retry in step. `random` is in [0, 1).
 */
export function backoffDelay(settings: Pick<RetrySettings, 'baseDelayMs' | 'maxDelayMs'>, attempt: number, random: number = Math.random()): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(attempt, 52));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

/**
 * One got instance per user agent for the whole process, not one per Context: building it costs
 * more than a request, and a process that runs many commands (batch, an embedding script) reuses it.
 * Connections are reused through Node's global agent, which keeps them alive.
 */
const gotInstances = new Map<string, Promise<Got>>();

function sharedGot(userAgent: string): Promise<Got> {
  let instance = gotInstances.get(userAgent);
  if (!instance) {
    instance = createGot(userAgent);
    gotInstances.set(userAgent, instance);
  }
  return instance;
}

async function createGot(userAgent: string): Promise<Got> {
  const { default: got } = await import('./vendor/got.js');
  return got.extend({
    headers: { 'user-agent': userAgent },
    retry: { limit: 0 }, // our own loop below decides, with the billable-submit rule
    throwHttpErrors: false,
    followRedirect: true,
    hooks: {
      beforeRedirect: [
        (options, response) => {
          // A key must not follow a redirect to another host.
          const from = new URL(response.requestUrl);
          const to = options.url instanceof URL ? options.url : new URL(String(options.url));
          if (from.host === to.host && from.protocol === to.protocol) return;
          dropCredentialHeaders(options.headers as Record<string, unknown>);
        },
      ],
    },
  });
}

export class Http {
  private gotInstance?: Got;
  private readonly retrySettings: RetrySettings;

  constructor(private readonly options: HttpOptions) {
    this.retrySettings = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** Same layer with other retry settings (per-provider config). */
  withRetry(retry: RetryConfigInput | undefined): Http {
    const normalized = normalizeRetry(retry);
    if (!normalized) return this;
    return new Http({ ...this.options, retry: { ...this.retrySettings, ...normalized } });
  }

  /** Same layer, calling `beforeSubmit` before every billable submit. */
  withSubmitHook(beforeSubmit: (url: string) => void | Promise<void>): Http {
    return new Http({ ...this.options, retry: this.retrySettings, beforeSubmit });
  }

  get settings(): Readonly<RetrySettings> {
    return this.retrySettings;
  }

  private async got(): Promise<Got> {
    this.gotInstance ??= await sharedGot(this.options.userAgent);
    return this.gotInstance;
  }

  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const got = await this.got();
    // A stream body is consumed by the first attempt: it cannot be sent again.
    const oneShotBody = req.body !== undefined && typeof (req.body as { pipe?: unknown }).pipe === 'function';
    const policy: RetryPolicy = oneShotBody ? 'none' : (req.retry ?? 'idempotent');
    const signal = req.signal ?? this.options.signal;
    if (req.retry === 'submit') await this.options.beforeSubmit?.(req.url);
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
          timeout: { response: req.timeoutMs ?? this.options.timeoutMs ?? 60_000, connect: CONNECT_TIMEOUT_MS },
          signal,
        } as never) as Response<string | Buffer>;
      } catch (err) {
        failure = err;
      }
      this.trace(req, response?.statusCode, started, failure);
      if (failure !== undefined) {
        if (isAbortError(failure) || signal.aborted) throw new InterruptedError();
        if (retryableFailure(policy, failure) && attempt < this.retrySettings.maxRetries) {
          await this.wait(this.backoff(attempt), attempt, signal);
          continue;
        }
        throw this.networkError(req, failure, policy === 'submit' && !neverConnected(failure));
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
      if (retryableStatus(policy, status) && attempt < this.retrySettings.maxRetries && !doNotRetry(res)) {
        await this.wait(this.retryDelay(res.headers, attempt), attempt, signal);
        continue;
      }
      throw this.statusError(req, res);
    }
  }

  /**
   * A streamed request: the caller reads `body` and sees every status (no error thrown on non-2xx).
   * GET for files read as they arrive (an input fetched by URL; result files go through download());
   * POST with a JSON body for endpoints that answer with media bytes (speech). With `retry: 'submit'`
   * a POST is sent again only when the server refused it before starting (429) or no connection ever
   * opened, the same rule as `request()`; by default nothing is retried.
   */
  async stream(req: {
    url: string;
    headers?: Record<string, string | undefined>;
    timeoutMs?: number;
    signal?: AbortSignal;
    method?: 'GET' | 'POST';
    json?: unknown;
    retry?: 'none' | 'submit';
  }): Promise<HttpStreamResponse> {
    const policy: RetryPolicy = req.retry ?? 'none';
    const signal = req.signal ?? this.options.signal;
    if (policy === 'submit') await this.options.beforeSubmit?.(req.url);
    for (let attempt = 0; ; attempt++) {
      let res: HttpStreamResponse;
      try {
        res = await this.streamOnce(req, signal, policy);
      } catch (err) {
        const cause = (err as { cause?: unknown }).cause ?? err;
        if (!(err instanceof InterruptedError) && retryableFailure(policy, cause) && attempt < this.retrySettings.maxRetries) {
          await this.wait(this.backoff(attempt), attempt, signal);
          continue;
        }
        throw err;
      }
      if (retryableStatus(policy, res.status) && attempt < this.retrySettings.maxRetries) {
        res.body.resume(); // drain the refusal so the socket is freed
        await this.wait(this.retryDelay(res.headers, attempt), attempt, signal);
        continue;
      }
      return res;
    }
  }

  private async streamOnce(
    req: { url: string; headers?: Record<string, string | undefined>; timeoutMs?: number; method?: 'GET' | 'POST'; json?: unknown },
    signal: AbortSignal,
    policy: RetryPolicy,
  ): Promise<HttpStreamResponse> {
    const got = await this.got();
    this.throwIfAborted(signal);
    const started = this.options.clock.now();
    const stream = got.stream(req.url, {
      method: req.method ?? 'GET',
      ...(req.json !== undefined ? { json: req.json } : {}),
      headers: dropUndefined(req.headers ?? {}),
      timeout: { response: req.timeoutMs ?? this.options.timeoutMs ?? 60_000, connect: CONNECT_TIMEOUT_MS },
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
        else reject(this.networkError({ url: req.url }, err, policy === 'submit' && !neverConnected(err)));
      });
    });
  }

  /**
   * A GET whose body is a file to save (assets/download.ts), on node:http(s) rather than got: got's
   * stream adds a Duplex and its bookkeeping to every 64 KiB chunk, which for a large video is most
   * of the CPU we spend above the socket (bench/README.md). Same contract as `stream()` for a GET:
   * every status is returned, nothing is retried here (the caller resumes with Range), the same
   * user agent, header timeout (`timeoutMs`) and 15 s connect timeout, up to 10 redirects with the
   * credential headers dropped when the origin changes (as the got instance's hook does), the same
   * errors (NetworkError, InterruptedError on abort) and --verbose trace. One difference: no
   * `accept-encoding`, so servers send the file's own bytes (Range offsets then count those bytes).
   */
  async download(req: { url: string; headers?: Record<string, string | undefined>; timeoutMs?: number; signal?: AbortSignal }): Promise<HttpStreamResponse> {
    const signal = req.signal ?? this.options.signal;
    this.throwIfAborted(signal);
    const started = this.options.clock.now();
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, ...dropUndefined(req.headers ?? {}) };
    const responseMs = req.timeoutMs ?? this.options.timeoutMs ?? 60_000;
    let res: IncomingMessage;
    let url: URL;
    try {
      url = new URL(req.url);
      for (let redirects = 0; ; redirects++) {
        res = await getOnce(url, headers, responseMs, signal);
        const location = res.headers.location;
        if (!location || !REDIRECT_STATUS.has(res.statusCode!)) break;
        res.resume(); // the socket goes back to the pool
        if (redirects >= MAX_REDIRECTS) throw Object.assign(new Error(`Redirected ${MAX_REDIRECTS} times. Aborting.`), { code: 'ERR_TOO_MANY_REDIRECTS' });
        const next = new URL(Buffer.from(location, 'binary').toString(), url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw Object.assign(new Error(`Unsupported protocol in redirect: ${next.protocol}`), { code: 'ERR_UNSUPPORTED_PROTOCOL' });
        if (next.host !== url.host || next.protocol !== url.protocol) {
          dropCredentialHeaders(headers); // a key must not follow a redirect to another origin
        } else {
          next.username = url.username;
          next.password = url.password;
        }
        url = next;
      }
    } catch (err) {
      this.trace({ url: req.url, method: 'GET' }, undefined, started, err);
      if (isAbortError(err) || signal.aborted) throw new InterruptedError();
      throw this.networkError({ url: req.url }, err);
    }
    this.trace({ url: req.url, method: 'GET' }, res.statusCode, started, undefined);
    return { status: res.statusCode!, headers: res.headers, body: res, url: url.toString() };
  }

  /**
   * The error for a non-2xx streamed answer: reads at most 64 KB of its body and describes it like
   * `request()` does (the provider's describer, redaction of secrets, default hints).
   */
  async streamStatusError(req: { url: string; describeError?: HttpRequest['describeError'] }, res: HttpStreamResponse): Promise<HttpStatusError> {
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of res.body) {
        const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        if (total < 65_536) chunks.push(b);
        total += b.length;
      }
    } catch {
      /* a body cut short still names the status */
    }
    const text = Buffer.concat(chunks).toString('utf8').slice(0, 65_536);
    return this.statusError({ url: req.url, describeError: req.describeError }, { statusCode: res.status, body: text, headers: res.headers } as Response<string>);
  }

  /** Delay before retry `attempt` (0-based) when the server gave no hint: exponential with full jitter. */
  backoff(attempt: number): number {
    return backoffDelay(this.retrySettings, attempt);
  }

  retryDelay(headers: Record<string, string | string[] | undefined>, attempt: number): number {
    const hinted = retryAfterMs(headers, this.options.clock.now());
    if (hinted !== undefined) return Math.min(hinted, this.retrySettings.maxDelayMs);
    return this.backoff(attempt);
  }

  private async wait(ms: number, attempt: number, signal: AbortSignal): Promise<void> {
    this.options.debug?.(`http retry ${attempt + 1} of ${this.retrySettings.maxRetries} in ${ms} ms`);
    await this.options.clock.sleep(ms, signal);
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

  private networkError(req: { url: string }, err: unknown, maybeCreated = false): NetworkError {
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
      hint: maybeCreated
        ? `the request may have reached ${host} and started a paid job, so it was not sent again; check the provider's dashboard before retrying`
        : 'check your connection and the provider base URL, then try again',
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

/**
 * The wait a server asked for, in ms: `retry-after-ms` (OpenAI-style) first, then `Retry-After` as
 * delay-seconds or an HTTP date (RFC 9110 10.2.3). Anything unparseable is no hint at all.
 */
export function retryAfterMs(headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
  const ms = first(headers['retry-after-ms'])?.trim();
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const after = first(headers['retry-after'])?.trim();
  if (after === undefined || after === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.ceil(Number(after) * 1000);
  // Only real dates (they name a weekday or month); Date.parse alone accepts things like "1".
  if (!/[a-z]{3}/i.test(after)) return undefined;
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

let nodeHttp: Promise<[typeof import('node:http'), typeof import('node:https')]> | undefined;

/**
 * One GET, resolved with the response head. Timeouts as got's: `connect` while the socket connects
 * (a reused keep-alive socket has none), then `response` until the headers arrive. A timeout is an
 * error named TimeoutError with code ETIMEDOUT and its `event`, like got's.
 */
async function getOnce(url: URL, headers: Record<string, string>, responseMs: number, signal: AbortSignal): Promise<IncomingMessage> {
  nodeHttp ??= Promise.all([import('node:http'), import('node:https')]);
  const [http, https] = await nodeHttp;
  return await new Promise<IncomingMessage>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const arm = (event: 'connect' | 'response', ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => request.destroy(Object.assign(new Error(`Timeout awaiting '${event}' for ${ms}ms`), { name: 'TimeoutError', code: 'ETIMEDOUT', event })), ms);
    };
    const onAbort = () => request.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }));
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const request = (url.protocol === 'https:' ? https : http).get(url, { headers }, (res) => {
      done();
      resolve(res);
    });
    request.once('error', (err) => {
      done();
      reject(err);
    });
    request.once('socket', (socket) => {
      if (!socket.connecting) return arm('response', responseMs);
      arm('connect', CONNECT_TIMEOUT_MS);
      socket.once('connect', () => arm('response', responseMs));
    });
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
  });
}
