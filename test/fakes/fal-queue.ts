/**
 * The one fake of fal.ai's queue and storage APIs the tests use (protocols.md A1, the queue OpenAPI
 * file in test/fixtures/specs/fal-flux-dev.queue.openapi.json), on node:http at 127.0.0.1 (or the
 * loopback address given as `host`) on a free port.
 *
 * One server plays three hosts: the queue (submit, status, result, cancel), storage (upload initiate
 * + PUT to the signed URL) and the CDN that serves result and uploaded files. Each job walks
 * IN_QUEUE (position counting down, one step per poll) -> IN_PROGRESS (a new log line per poll) ->
 * COMPLETED, unless `holdInProgress` keeps it running or `manual` leaves every move to setState().
 * Status and result accept both URL forms a client may use: `owner/alias/requests/{id}` (what fal
 * returns) and the full endpoint path (what the per-endpoint OpenAPI file lists).
 *
 * Faults: `rejectSubmit` answers chosen submits with an error (a 422 for one prompt, a 429 for the
 * first try, a 401 every time); `statusFaults` and `fileFaults` are consumed one per request, in
 * order. `options` stays live: a test may change it while a run is in flight (e.g. stop holding).
 */
import type { ServerResponse } from 'node:http';
import { sendBytes, sendJson, startFakeServer, type FakeServer, type RecordedRequest } from '../helpers/fake-server.js';
import { makeNoisePng, pngSize } from './media.js';

export type FalJobStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
type Kind = 'image' | 'video' | 'audio';

export interface FalJob {
  /** `req-1`, `req-2`, ... in submit order, so a test can name the job it expects. */
  id: string;
  endpoint: string;
  input: Record<string, unknown>;
  status: FalJobStatus;
  /** Status polls answered (faulted polls do not count). */
  polls: number;
  logs: Array<{ message: string; level: string; source: string; timestamp: string }>;
  canceled: boolean;
  /** Queue position reported while IN_QUEUE. */
  position: number;
  /** The result has been served once (the job no longer counts as outstanding). */
  fetched: boolean;
}

/** An error answer: the status, and the body and headers to send (a generic detail when omitted). */
export interface FalFault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * How a result file download misbehaves: `truncate` closes cleanly after half of Content-Length,
 * `reset-mid` tears the connection down after half, `html` serves an error page as the image.
 */
export type FileFault = 'truncate' | 'reset-mid' | 'html';

export interface FalFakeOptions {
  /** The key every queue and storage request must carry as `Authorization: Key <key>`. */
  key: string;
  /** Listen here instead of 127.0.0.1 (127.0.0.2 is loopback but not a host trusted unasked). */
  host?: string;
  /** Status polls answered IN_QUEUE before the job runs (positions count down to 0). Default 2. */
  queuePolls?: number;
  /** Status polls answered IN_PROGRESS (with logs) before COMPLETED. Default 2. */
  progressPolls?: number;
  /** Keep jobs (all, or those the function picks) IN_PROGRESS; read on every poll, so a test can let go. */
  holdInProgress?: boolean | ((job: FalJob) => boolean);
  /** Do not answer PUT cancel until releaseCancel() is called: proves a second Ctrl-C does not wait. */
  holdCancel?: boolean;
  /** Jobs stay where they are until setState() moves them (for watching each phase on a terminal). */
  manual?: boolean;
  /** Send the first half of a result file, then wait for releaseFile() (to watch the download phase). */
  holdFile?: boolean;
  /** Bytes served for result files, per output kind; the image defaults to a 128x96 noise PNG. */
  files?: { image?: Buffer; video?: Buffer; audio?: Buffer };
  /** Answer a submit with this error instead of queueing it; `n` counts submits from 1, faulted ones too. */
  rejectSubmit?: (input: Record<string, unknown>, n: number) => FalFault | undefined;
  /** Answers for the next status polls, consumed in order (a 500 each unless a body is given). */
  statusFaults?: FalFault[];
  /** Misbehaviours for the next result file downloads, consumed in order. */
  fileFaults?: FileFault[];
  /** Serve an HTML error page (status 200, Content-Type image/png) for every result file. */
  htmlInsteadOfFile?: boolean;
  /** Whether the file host honours `Range: bytes=N-` (default true). */
  ranges?: boolean;
  /** Delay every status answer this long (headers slower than a client's timeout). */
  statusDelayMs?: number;
}

export interface FalFake {
  url: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** The options as given, live: changing a field changes how later requests are answered. */
  options: FalFakeOptions;
  /** The bytes served per kind (the default image included), to compare written files against. */
  files: { image: Buffer; video?: Buffer; audio?: Buffer };
  jobs: Map<string, FalJob>;
  uploads: Map<string, { bytes: Buffer; contentType: string; fileName: string }>;
  /** The prompt of every authorised submit, in order, rejected and faulted ones included. */
  submitted: string[];
  /** The most jobs accepted and not yet fetched at one moment (what a concurrency limit caps). */
  maxOutstanding: number;
  /** Resolves with the first request (already seen or future) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean): Promise<RecordedRequest>;
  /** Lets a held cancel answer. */
  releaseCancel(): void;
  /** Manual mode: moves every job to this state (a log line is appended when given). */
  setState(state: { status: FalJobStatus; position?: number; log?: string }): void;
  /** Lets a held result file finish. */
  releaseFile(): void;
  close(): Promise<void>;
}

/** fal's answer when a model refuses an input: for `rejectSubmit` on a prompt that should fail. */
export const PROMPT_REFUSED: FalFault = { status: 422, body: { detail: [{ loc: ['body', 'prompt'], msg: 'prompt refused', type: 'value_error' }] } };

const QUEUE_ROOT = /^\/(.+?)\/requests\/([^/]+)(\/status|\/cancel)?$/;
const HTML_PAGE = Buffer.from('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>');

export async function startFalFake(options: FalFakeOptions): Promise<FalFake> {
  const files = { ...options.files, image: options.files?.image ?? (await makeNoisePng()) };
  const jobs = new Map<string, FalJob>();
  const uploads = new Map<string, { bytes: Buffer; contentType: string; fileName: string }>();
  const waiters: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  const heldCancels: Array<() => void> = [];
  let cancelReleased = false;
  const heldFiles: Array<() => void> = [];
  let fileReleased = false;
  let submits = 0;
  let outstanding = 0;
  let server: FakeServer;

  const fake = {
    options,
    files,
    jobs,
    uploads,
    submitted: [] as string[],
    maxOutstanding: 0,
  };

  const authorized = (req: RecordedRequest, res: ServerResponse): boolean => {
    if (req.headers.authorization === `Key ${options.key}`) return true;
    sendJson(res, 401, { detail: 'Invalid key; keys look like id:secret', error_type: 'authentication_error' });
    return false;
  };

  const urlsFor = (job: FalJob) => {
    const [owner, alias] = job.endpoint.split('/');
    const root = `${server.url}/${owner}/${alias}/requests/${job.id}`;
    return { request_id: job.id, response_url: root, status_url: `${root}/status`, cancel_url: `${root}/cancel` };
  };

  const held = (job: FalJob) => (typeof options.holdInProgress === 'function' ? options.holdInProgress(job) : options.holdInProgress === true);

  const advance = (job: FalJob) => {
    job.polls += 1;
    // COMPLETED is terminal (a cancelled job ends there too), and manual jobs move only by setState().
    if (options.manual || job.status === 'COMPLETED') return;
    const queuePolls = options.queuePolls ?? 2;
    const progressPolls = options.progressPolls ?? 2;
    if (job.polls <= queuePolls) {
      job.status = 'IN_QUEUE';
      job.position = Math.max(0, queuePolls - job.polls);
    } else if (held(job) || job.polls <= queuePolls + progressPolls) {
      job.status = 'IN_PROGRESS';
      const step = job.polls - queuePolls;
      job.logs.push({ message: `step ${step}: ${Math.min(100, step * 25)}%`, level: 'INFO', source: 'USER', timestamp: new Date().toISOString() });
    } else job.status = 'COMPLETED';
  };

  const serveFile = (req: RecordedRequest, res: ServerResponse): void => {
    const upload = uploads.get(req.path.split('/')[2]!);
    if (upload) return sendBytes(res, 200, upload.bytes, upload.contentType);
    const kind = req.path.split('/')[3] as Kind;
    const fault = options.fileFaults?.shift();
    if (options.htmlInsteadOfFile || fault === 'html') return sendBytes(res, 200, HTML_PAGE, 'image/png');
    const bytes = files[kind];
    if (!bytes) return sendJson(res, 404, { detail: 'no such file' });
    const type = contentTypeOf(kind);
    const ranges = options.ranges ?? true;
    const rangeHeaders: Record<string, string> = ranges ? { 'accept-ranges': 'bytes' } : {};
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    if (range && ranges) {
      const start = Number(range[1]);
      const part = bytes.subarray(start);
      res.writeHead(206, { 'content-type': type, 'content-length': part.length, 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`, ...rangeHeaders });
      res.end(part);
      return;
    }
    const half = Math.floor(bytes.length / 2);
    if (fault === 'truncate' || fault === 'reset-mid') {
      res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, ...rangeHeaders });
      res.write(bytes.subarray(0, half), () => {
        // truncate: close cleanly short of Content-Length; reset-mid: tear the connection down.
        if (fault === 'reset-mid') res.socket?.resetAndDestroy();
        else res.socket?.end();
      });
      return;
    }
    if (options.holdFile && !fileReleased) {
      res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, ...rangeHeaders });
      res.write(bytes.subarray(0, half));
      heldFiles.push(() => res.end(bytes.subarray(half)));
      return;
    }
    return sendBytes(res, 200, bytes, type, rangeHeaders);
  };

  const handler = async (req: RecordedRequest, res: ServerResponse) => {
    for (const w of [...waiters]) {
      if (w.match(req)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(req);
      }
    }
    // CDN: result files and uploaded files, no auth (fal.media URLs are public).
    if (req.method === 'GET' && req.path.startsWith('/files/')) return serveFile(req, res);
    // Storage: the signed upload URL.
    if (req.method === 'PUT' && req.path.startsWith('/upload/')) {
      const pending = uploads.get(req.path.split('/')[2]!);
      if (!pending) return sendJson(res, 404, { detail: 'unknown upload' });
      pending.bytes = req.body;
      pending.contentType = String(req.headers['content-type'] ?? 'application/octet-stream');
      res.writeHead(200).end();
      return;
    }
    if (req.method === 'POST' && req.path === '/storage/upload/initiate') {
      if (!authorized(req, res)) return;
      const body = req.json as { content_type?: string; file_name?: string } | undefined;
      if (!body?.content_type || !body.file_name) return sendJson(res, 422, { detail: [{ loc: ['body', 'content_type'], msg: 'field required', type: 'value_error.missing' }] });
      const token = `upload-${uploads.size + 1}`;
      uploads.set(token, { bytes: Buffer.alloc(0), contentType: body.content_type, fileName: body.file_name });
      return sendJson(res, 200, { upload_url: `${server.url}/upload/${token}?signature=fake`, file_url: `${server.url}/files/${token}/${encodeURIComponent(body.file_name)}` });
    }
    const m = QUEUE_ROOT.exec(req.path);
    if (m) {
      if (!authorized(req, res)) return;
      const job = jobs.get(m[2]!);
      // Both `owner/alias` and the full endpoint path address the same request.
      if (!job || !job.endpoint.startsWith(m[1]!)) return sendJson(res, 404, { detail: `Request ${m[2]} not found` });
      if (m[3] === '/status' && req.method === 'GET') {
        if (options.statusDelayMs) await new Promise((r) => setTimeout(r, options.statusDelayMs));
        const fault = options.statusFaults?.shift();
        if (fault) return sendJson(res, fault.status, fault.body ?? { detail: 'runner_server_error', error_type: 'internal_error' }, fault.headers);
        advance(job);
        const withLogs = req.query.get('logs') === '1';
        if (job.status === 'IN_QUEUE') return sendJson(res, 200, { status: 'IN_QUEUE', queue_position: job.position, ...urlsFor(job) });
        return sendJson(res, 200, {
          status: job.status,
          ...urlsFor(job),
          logs: withLogs ? job.logs : null,
          ...(job.status === 'COMPLETED' ? { metrics: { inference_time: 0.42 } } : {}),
        });
      }
      if (m[3] === '/cancel' && req.method === 'PUT') {
        const answer = () => {
          if (job.status === 'COMPLETED') return sendJson(res, 400, { status: 'ALREADY_COMPLETED' });
          job.canceled = true;
          job.status = 'COMPLETED';
          sendJson(res, 202, { status: 'CANCELLATION_REQUESTED' });
        };
        if (options.holdCancel && !cancelReleased) heldCancels.push(answer);
        else answer();
        return;
      }
      if (!m[3] && req.method === 'GET') {
        if (job.status !== 'COMPLETED') return sendJson(res, 400, { detail: 'Request is still in progress' });
        // A cancelled request still ends COMPLETED; the failure shows when the result is fetched.
        if (job.canceled) return sendJson(res, 400, { detail: 'Request was cancelled', error_type: 'client_cancelled' });
        if (!job.fetched) {
          job.fetched = true;
          outstanding -= 1;
        }
        return sendJson(res, 200, resultFor(job, server.url, files), { 'x-fal-request-id': job.id });
      }
      return sendJson(res, 405, { detail: 'method not allowed' });
    }
    // Submit: POST /{endpoint_id}.
    if (req.method === 'POST') {
      if (!authorized(req, res)) return;
      const input = req.json as Record<string, unknown> | undefined;
      if (!input || typeof input !== 'object') return sendJson(res, 422, { detail: [{ loc: ['body'], msg: 'a JSON object is required', type: 'type_error' }] });
      submits += 1;
      fake.submitted.push(String(input.prompt));
      const fault = options.rejectSubmit?.(input, submits);
      if (fault) return sendJson(res, fault.status, fault.body ?? { detail: 'Too many requests' }, fault.headers);
      const endpoint = req.path.replace(/^\/+/, '');
      const position = options.queuePolls ?? 2;
      const job: FalJob = { id: `req-${jobs.size + 1}`, endpoint, input, status: 'IN_QUEUE', polls: 0, logs: [], canceled: false, position, fetched: false };
      jobs.set(job.id, job);
      outstanding += 1;
      fake.maxOutstanding = Math.max(fake.maxOutstanding, outstanding);
      return sendJson(res, 200, { status: 'IN_QUEUE', queue_position: position, ...urlsFor(job) });
    }
    sendJson(res, 404, { detail: `no route for ${req.method} ${req.path}` });
  };

  server = await startFakeServer(handler, options.host);
  const releaseCancel = () => {
    cancelReleased = true;
    for (const answer of heldCancels.splice(0)) answer();
  };
  const releaseFile = () => {
    fileReleased = true;
    for (const finish of heldFiles.splice(0)) finish();
  };
  return Object.assign(fake, {
    url: server.url,
    requests: server.requests,
    waitFor(match: (r: RecordedRequest) => boolean) {
      const seen = server.requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<RecordedRequest>((resolve) => waiters.push({ match, resolve }));
    },
    releaseCancel,
    setState(state: { status: FalJobStatus; position?: number; log?: string }) {
      for (const job of jobs.values()) {
        job.status = state.status;
        if (state.position !== undefined) job.position = state.position;
        if (state.log) job.logs.push({ message: state.log, level: 'INFO', source: 'USER', timestamp: new Date().toISOString() });
      }
    },
    releaseFile,
    async close() {
      releaseCancel();
      releaseFile();
      await server.close();
    },
  });
}

function kindOfEndpoint(endpoint: string): Kind {
  if (/video/.test(endpoint)) return 'video';
  if (/audio|tts|kokoro|speech/.test(endpoint)) return 'audio';
  return 'image';
}

function contentTypeOf(kind: Kind): string {
  return kind === 'image' ? 'image/png' : kind === 'video' ? 'video/mp4' : 'audio/mpeg';
}

/** The model output, in the shape fal's models use for each kind; image sizes are read off the PNG served. */
function resultFor(job: FalJob, base: string, files: FalFake['files']): Record<string, unknown> {
  const kind = kindOfEndpoint(job.endpoint);
  const seed = typeof job.input.seed === 'number' ? job.input.seed : 1234567;
  if (kind === 'video') {
    const bytes = files.video ?? Buffer.alloc(0);
    return { video: { url: `${base}/files/${job.id}/video/output.mp4`, content_type: 'video/mp4', file_name: 'output.mp4', file_size: bytes.length }, seed };
  }
  if (kind === 'audio') {
    return { audio: { url: `${base}/files/${job.id}/audio/speech.mp3`, content_type: 'audio/mpeg', file_name: 'speech.mp3' } };
  }
  const count = typeof job.input.num_images === 'number' ? job.input.num_images : 1;
  const { width, height } = pngSize(files.image) ?? { width: 64, height: 48 };
  return {
    images: Array.from({ length: count }, (_, i) => ({ url: `${base}/files/${job.id}/image/${i}.png`, width, height, content_type: 'image/png' })),
    seed,
    has_nsfw_concepts: Array.from({ length: count }, () => false),
    timings: { inference: 0.42 },
    prompt: job.input.prompt,
  };
}
