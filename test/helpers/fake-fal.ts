/**
 * A stateful fake of fal's queue API (protocols.md A1) on 127.0.0.1: submit, status (IN_PROGRESS
 * until the job is released, then COMPLETED), result, and the image file. Records submits per prompt
 * and the most jobs outstanding at once (submitted, result not fetched yet).
 */
import { startFakeServer, sendBytes, sendJson, type FakeServer } from './fake-server.js';

export interface FakeFal {
  server: FakeServer;
  url: string;
  /** Prompts in the order they were submitted. */
  submitted: string[];
  maxOutstanding: number;
  /** While true for a prompt, its job stays IN_PROGRESS. */
  hold: (prompt: string) => boolean;
  close(): Promise<void>;
}

export async function startFakeFal(options: { png: Buffer; failWhen?: (prompt: string) => boolean; pollsBeforeDone?: number }): Promise<FakeFal> {
  const jobs = new Map<string, { prompt: string; polls: number }>();
  let outstanding = 0;
  let next = 0;
  const fake: FakeFal = {
    server: undefined as unknown as FakeServer,
    url: '',
    submitted: [],
    maxOutstanding: 0,
    hold: () => false,
    close: () => fake.server.close(),
  };
  fake.server = await startFakeServer((req, res) => {
    const status = /^\/fal-ai\/flux\/requests\/([^/]+)\/status$/.exec(req.path);
    const result = /^\/fal-ai\/flux\/requests\/([^/]+)$/.exec(req.path);
    const file = /^\/files\/([^/]+)\.png$/.exec(req.path);
    if (req.method === 'POST' && req.path === '/fal-ai/flux/schnell') {
      if (!String(req.headers.authorization ?? '').startsWith('Key ')) return sendJson(res, 401, { detail: 'no key' });
      const prompt = String((req.json as { prompt?: string }).prompt);
      fake.submitted.push(prompt);
      if (options.failWhen?.(prompt)) return sendJson(res, 422, { detail: [{ loc: ['body', 'prompt'], msg: 'prompt refused', type: 'value_error' }] });
      const id = `req-${++next}`;
      jobs.set(id, { prompt, polls: 0 });
      outstanding++;
      fake.maxOutstanding = Math.max(fake.maxOutstanding, outstanding);
      const root = `${fake.url}/fal-ai/flux/requests/${id}`;
      return sendJson(res, 200, { request_id: id, status_url: `${root}/status`, response_url: root, cancel_url: `${root}/cancel`, queue_position: 0 });
    }
    if (req.method === 'GET' && status) {
      const job = jobs.get(status[1]!);
      if (!job) return sendJson(res, 404, { detail: 'unknown request' });
      job.polls++;
      const done = !fake.hold(job.prompt) && job.polls > (options.pollsBeforeDone ?? 1);
      return sendJson(res, 200, done ? { status: 'COMPLETED', logs: [] } : { status: 'IN_PROGRESS', logs: [{ message: 'working' }] });
    }
    if (req.method === 'GET' && result) {
      const job = jobs.get(result[1]!);
      if (!job) return sendJson(res, 404, { detail: 'unknown request' });
      outstanding--;
      return sendJson(res, 200, { images: [{ url: `${fake.url}/files/${result[1]}.png`, content_type: 'image/png', width: 8, height: 8 }], seed: 1 });
    }
    if (req.method === 'GET' && file) return sendBytes(res, 200, options.png, 'image/png');
    sendJson(res, 404, { detail: `no route ${req.method} ${req.path}` });
  });
  fake.url = fake.server.url;
  return fake;
}
