/**
 * A stateful fake of fal.ai's queue and storage APIs (protocols.md A1, the queue OpenAPI file in
 * test/fixtures/specs/fal-flux-dev.queue.openapi.json), on node:http at 127.0.0.1 on a free port.
 *
 * One server plays three hosts: the queue (submit, status, result, cancel), storage (upload initiate
 * + PUT to the signed URL) and the CDN that serves result and uploaded files. Each job walks
 * IN_QUEUE (position counting down, one step per poll) -> IN_PROGRESS (a new log line per poll) ->
 * COMPLETED, unless `holdInProgress` keeps it running (for Ctrl-C tests). Status and result accept
 * both URL forms a client may use: `owner/alias/requests/{id}` (what fal returns) and the full
 * endpoint path (what the per-endpoint OpenAPI file lists).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendBytes, sendJson, startFakeServer, type FakeServer, type RecordedRequest } from '../helpers/fake-server.js';

export type FalJobStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';

export interface FalJob {
  id: string;
  endpoint: string;
  input: Record<string, unknown>;
  status: FalJobStatus;
  polls: number;
  logs: Array<{ message: string; level: string; source: string; timestamp: string }>;
  canceled: boolean;
  /** Queue position reported while IN_QUEUE. */
  position: number;
}

export interface FalFakeOptions {
  /** The key every queue and storage request must carry as `Authorization: Key <key>`. */
  key: string;
  /** Status polls answered IN_QUEUE before the job runs (positions count down to 0). */
  queuePolls?: number;
  /** Status polls answered IN_PROGRESS (with logs) before COMPLETED. */
  progressPolls?: number;
  /** Never leave IN_PROGRESS (until cancelled): for Ctrl-C tests. */
  holdInProgress?: boolean;
  /** Do not answer PUT cancel until release() is called: proves a second Ctrl-C does not wait. */
  holdCancel?: boolean;
  /** Jobs stay where they are until setState() moves them (for watching each phase on a terminal). */
  manual?: boolean;
  /** Send the first half of a result file, then wait for releaseFile() (to watch the download phase). */
  holdFile?: boolean;
  /** Bytes served for result files, per output kind. */
  files: { image: Buffer; video?: Buffer; audio?: Buffer };
  /** Serve an HTML error page (status 200, Content-Type image/png) instead of the result file. */
  htmlInsteadOfFile?: boolean;
  /** Answer the submit with this (for 422 validation errors and the like). */
  submitError?: { status: number; body: unknown; headers?: Record<string, string> };
}

export interface FalFake {
  url: string;
  requests: RecordedRequest[];
  jobs: Map<string, FalJob>;
  uploads: Map<string, { bytes: Buffer; contentType: string; fileName: string }>;
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

const QUEUE_ROOT = /^\/(.+?)\/requests\/([^/]+)(\/status|\/cancel)?$/;

export async function startFalFake(options: FalFakeOptions): Promise<FalFake> {
  const jobs = new Map<string, FalJob>();
  const uploads = new Map<string, { bytes: Buffer; contentType: string; fileName: string }>();
  const waiters: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  const heldCancels: Array<() => void> = [];
  let cancelReleased = false;
  const heldFiles: Array<() => void> = [];
  let fileReleased = false;
  let server: FakeServer;

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

  const advance = (job: FalJob) => {
    job.polls += 1;
    if (options.manual) return;
    const queuePolls = options.queuePolls ?? 2;
    const progressPolls = options.progressPolls ?? 2;
    if (job.canceled) return;
    if (job.polls <= queuePolls) {
      job.status = 'IN_QUEUE';
      job.position = Math.max(0, queuePolls - job.polls);
    }
    else if (options.holdInProgress || job.polls <= queuePolls + progressPolls) {
      job.status = 'IN_PROGRESS';
      const step = job.polls - queuePolls;
      job.logs.push({ message: `step ${step}: ${Math.min(100, step * 25)}%`, level: 'INFO', source: 'USER', timestamp: new Date().toISOString() });
    } else job.status = 'COMPLETED';
  };

  const handler = async (req: RecordedRequest, res: ServerResponse) => {
    for (const w of [...waiters]) {
      if (w.match(req)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(req);
      }
    }
    // CDN: result files and uploaded files, no auth (fal.media URLs are public).
    if (req.method === 'GET' && req.path.startsWith('/files/')) {
      const upload = uploads.get(req.path.split('/')[2]!);
      if (upload) return sendBytes(res, 200, upload.bytes, upload.contentType);
      const kind = req.path.split('/')[3] as 'image' | 'video' | 'audio';
      if (options.htmlInsteadOfFile) {
        return sendBytes(res, 200, Buffer.from('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>'), 'image/png');
      }
      const bytes = options.files[kind];
      if (!bytes) return sendJson(res, 404, { detail: 'no such file' });
      if (options.holdFile && !fileReleased) {
        res.writeHead(200, { 'content-type': contentTypeOf(kind), 'content-length': bytes.length });
        const half = Math.floor(bytes.length / 2);
        res.write(bytes.subarray(0, half));
        heldFiles.push(() => res.end(bytes.subarray(half)));
        return;
      }
      return sendBytes(res, 200, bytes, contentTypeOf(kind), { 'accept-ranges': 'bytes' });
    }
    // Storage: the signed upload URL.
    if (req.method === 'PUT' && req.path.startsWith('/upload/')) {
      const token = req.path.split('/')[2]!;
      const pending = uploads.get(token);
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
      const token = randomUUID();
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
        advance(job);
        const withLogs = req.query.get('logs') === '1';
        if (job.status === 'IN_QUEUE') {
          return sendJson(res, 200, { status: 'IN_QUEUE', queue_position: job.position, ...urlsFor(job) });
        }
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
          sendJson(res, 202, { status: 'CANCELLATION_REQUESTED' });
        };
        if (options.holdCancel && !cancelReleased) heldCancels.push(answer);
        else answer();
        return;
      }
      if (!m[3] && req.method === 'GET') {
        if (job.status !== 'COMPLETED') return sendJson(res, 400, { detail: 'Request is still in progress' });
        return sendJson(res, 200, resultFor(job, server.url, options), { 'x-fal-request-id': job.id });
      }
      return sendJson(res, 405, { detail: 'method not allowed' });
    }
    // Submit: POST /{endpoint_id}.
    if (req.method === 'POST') {
      if (!authorized(req, res)) return;
      if (options.submitError) return sendJson(res, options.submitError.status, options.submitError.body, options.submitError.headers);
      const input = req.json as Record<string, unknown> | undefined;
      if (!input || typeof input !== 'object') return sendJson(res, 422, { detail: [{ loc: ['body'], msg: 'a JSON object is required', type: 'type_error' }] });
      const endpoint = req.path.replace(/^\/+/, '');
      const position = options.queuePolls ?? 2;
      const job: FalJob = { id: randomUUID(), endpoint, input, status: 'IN_QUEUE', polls: 0, logs: [], canceled: false, position };
      jobs.set(job.id, job);
      return sendJson(res, 200, { status: 'IN_QUEUE', queue_position: position, ...urlsFor(job) });
    }
    sendJson(res, 404, { detail: `no route for ${req.method} ${req.path}` });
  };

  server = await startFakeServer(handler);
  const releaseCancel = () => {
    cancelReleased = true;
    for (const answer of heldCancels.splice(0)) answer();
  };
  const releaseFile = () => {
    fileReleased = true;
    for (const finish of heldFiles.splice(0)) finish();
  };
  return {
    url: server.url,
    requests: server.requests,
    jobs,
    uploads,
    waitFor(match) {
      const seen = server.requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    releaseCancel,
    setState(state) {
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
  };
}

function kindOfEndpoint(endpoint: string): 'image' | 'video' | 'audio' {
  if (/video/.test(endpoint)) return 'video';
  if (/audio|tts|kokoro|speech/.test(endpoint)) return 'audio';
  return 'image';
}

function contentTypeOf(kind: 'image' | 'video' | 'audio'): string {
  return kind === 'image' ? 'image/png' : kind === 'video' ? 'video/mp4' : 'audio/mpeg';
}

/** The model output, in the shape fal's models use for each kind. */
function resultFor(job: FalJob, base: string, options: FalFakeOptions): Record<string, unknown> {
  const kind = kindOfEndpoint(job.endpoint);
  const seed = typeof job.input.seed === 'number' ? job.input.seed : 1234567;
  if (kind === 'video') {
    const bytes = options.files.video ?? Buffer.alloc(0);
    return { video: { url: `${base}/files/${job.id}/video/output.mp4`, content_type: 'video/mp4', file_name: 'output.mp4', file_size: bytes.length }, seed };
  }
  if (kind === 'audio') {
    return { audio: { url: `${base}/files/${job.id}/audio/speech.mp3`, content_type: 'audio/mpeg', file_name: 'speech.mp3' } };
  }
  const count = typeof job.input.num_images === 'number' ? job.input.num_images : 1;
  return {
    images: Array.from({ length: count }, (_, i) => ({ url: `${base}/files/${job.id}/image/${i}.png`, width: 64, height: 48, content_type: 'image/png' })),
    seed,
    has_nsfw_concepts: Array.from({ length: count }, () => false),
    timings: { inference: 0.42 },
    prompt: job.input.prompt,
  };
}
