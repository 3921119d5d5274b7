/**
 * A stateful fake of fal's queue API (protocols.md A1) on a real node:http server: submit, status
 * (IN_QUEUE -> IN_PROGRESS -> COMPLETED), result, cancel, and the file host for the result images.
 * Tests steer it through `state` (hold jobs in progress, inject faults) and read what it saw.
 */
import type { ServerResponse } from 'node:http';
import sharp from 'sharp';
import { startFakeServer, sendJson, sendBytes, type FakeServer, type RecordedRequest } from './fake-server.js';

export interface FalJob {
  id: string;
  endpoint: string;
  input: Record<string, unknown>;
  polls: number;
  state: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
  canceled: boolean;
}

export interface FalFakeState {
  /** Jobs stay IN_PROGRESS until set false (crash tests). */
  hold: boolean;
  /** Polls before a job completes on its own. */
  pollsToComplete: number;
  /** Status answers are delayed this long (slow headers). */
  statusDelayMs: number;
  /** Answers for the next submits, consumed in order (e.g. a 429 with Retry-After). */
  submitFaults: Array<{ status: number; headers?: Record<string, string> }>;
  /** Answers for the next status polls, consumed in order. */
  statusFaults: Array<{ status: number }>;
  /** How the next file downloads misbehave, consumed in order. */
  fileFaults: Array<'truncate' | 'reset-mid' | 'html'>;
  /** Whether the file host honours Range. */
  ranges: boolean;
}

export interface FalFake extends FakeServer {
  state: FalFakeState;
  jobs: Map<string, FalJob>;
  image: Buffer;
  submits(): RecordedRequest[];
  fileRequests(): RecordedRequest[];
}

export async function makeNoisePng(width = 128, height = 96, seed = 1): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = seed;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = x & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

export async function startFalFake(overrides: Partial<FalFakeState> = {}, host?: string): Promise<FalFake> {
  const image = await makeNoisePng();
  const state: FalFakeState = { hold: false, pollsToComplete: 1, statusDelayMs: 0, submitFaults: [], statusFaults: [], fileFaults: [], ranges: true, ...overrides };
  const jobs = new Map<string, FalJob>();
  let counter = 0;
  let base = '';

  const server = await startFakeServer(async (req, res) => {
    const p = req.path;
    if (p.startsWith('/files/')) return serveFile(req, res);
    const m = /^\/([^/]+)\/([^/]+)(?:\/.*)?\/requests\/([^/]+)(\/status|\/cancel)?$/.exec(p);
    if (m) {
      const job = jobs.get(m[3]!);
      if (!job) return sendJson(res, 404, { detail: 'Request not found' });
      if (m[4] === '/cancel' && req.method === 'PUT') {
        if (job.state === 'COMPLETED') return sendJson(res, 400, { status: 'ALREADY_COMPLETED' });
        job.canceled = true;
        job.state = 'COMPLETED';
        return sendJson(res, 202, { status: 'CANCELLATION_REQUESTED' });
      }
      if (m[4] === '/status') {
        if (state.statusDelayMs) await new Promise((r) => setTimeout(r, state.statusDelayMs));
        const fault = state.statusFaults.shift();
        if (fault) return sendJson(res, fault.status, { detail: 'runner_server_error', error_type: 'internal_error' });
        job.polls += 1;
        if (job.state !== 'COMPLETED') job.state = !state.hold && job.polls >= state.pollsToComplete ? 'COMPLETED' : 'IN_PROGRESS';
        if (job.state === 'IN_PROGRESS') return sendJson(res, 200, { status: 'IN_PROGRESS', logs: [{ message: `step ${job.polls}`, level: 'INFO', source: 'USER', timestamp: new Date().toISOString() }] });
        return sendJson(res, 200, { status: 'COMPLETED', logs: [], metrics: { inference_time: 0.5 } });
      }
      if (job.state !== 'COMPLETED') return sendJson(res, 400, { detail: 'Request is still in progress' });
      if (job.canceled) return sendJson(res, 400, { detail: 'Request was cancelled', error_type: 'client_cancelled' });
      return sendJson(res, 200, { images: [{ url: `${base}/files/${job.id}.png`, width: 128, height: 96, content_type: 'image/png' }], seed: 42, has_nsfw_concepts: [false], prompt: job.input.prompt }, { 'x-fal-request-id': job.id });
    }
    if (req.method === 'POST') {
      const fault = state.submitFaults.shift();
      if (fault) return sendJson(res, fault.status, { detail: 'Too many requests' }, fault.headers ?? {});
      const endpoint = p.replace(/^\//, '');
      const id = `req-${++counter}`;
      jobs.set(id, { id, endpoint, input: (req.json ?? {}) as Record<string, unknown>, polls: 0, state: 'IN_QUEUE', canceled: false });
      const [owner, alias] = endpoint.split('/');
      const root = `${base}/${owner}/${alias}/requests/${id}`;
      return sendJson(res, 200, { request_id: id, status: 'IN_QUEUE', queue_position: 0, status_url: `${root}/status`, response_url: root, cancel_url: `${root}/cancel` });
    }
    return sendJson(res, 404, { detail: `no route ${req.method} ${p}` });
  }, host);
  base = server.url;

  function serveFile(req: RecordedRequest, res: ServerResponse) {
    const fault = state.fileFaults.shift();
    if (fault === 'html') return sendBytes(res, 200, Buffer.from('<!DOCTYPE html><html><body>Service unavailable</body></html>'), 'image/png');
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const rangeHeaders = state.ranges ? { 'accept-ranges': 'bytes' } : {};
    if (range && state.ranges) {
      const start = Number(range[1]);
      const part = image.subarray(start);
      res.writeHead(206, { 'content-type': 'image/png', 'content-length': part.length, 'content-range': `bytes ${start}-${image.length - 1}/${image.length}`, ...rangeHeaders });
      return res.end(part);
    }
    if (fault === 'truncate' || fault === 'reset-mid') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length, ...rangeHeaders });
      res.write(image.subarray(0, Math.floor(image.length / 2)), () => {
        // truncate: close cleanly short of Content-Length; reset-mid: tear the connection down.
        if (fault === 'reset-mid') res.socket?.resetAndDestroy();
        else res.socket?.end();
      });
      return;
    }
    return sendBytes(res, 200, image, 'image/png', rangeHeaders);
  }

  return Object.assign(server, {
    state,
    jobs,
    image,
    submits: () => server.requests.filter((r) => r.method === 'POST'),
    fileRequests: () => server.requests.filter((r) => r.path.startsWith('/files/')),
  });
}
