/**
 * A stateful fake of Replicate's HTTP API on 127.0.0.1. Each poll moves a prediction one step:
 * starting -> processing -> succeeded (or failed when the prompt is "please fail"; a prompt of
 * "hang" stays processing until cancelled). Outputs are URLs on this same server serving real bytes.
 * Also: the files API (multipart), problem+json errors, and paginated collections and models.
 */
import type { ServerResponse } from 'node:http';
import { sendBytes, sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './fake-server.js';
import { PNG_1x1, mp3Bytes, mp4Bytes } from './media.js';

export const TOKEN = 'r8_test_token_123456';

/** Version ids the fake knows, by the model they belong to. */
const VERSIONS: Record<string, string> = {
  '8099696689d249cf8b122d833c36ac3f75505c666a395ca40ef26f68e7d3d16e': 'openai/whisper',
  ['a'.repeat(64)]: 'meta/llama-custom',
};

interface Fake {
  id: string;
  model: string;
  input: Record<string, unknown>;
  status: string;
  polls: number;
}

export interface ReplicateFake extends FakeServer {
  predictions: Map<string, Fake>;
  /** The collections and /models pages the discovery endpoints serve. */
  catalogue: { collections: Array<{ slug: string; name: string; models: Array<{ owner: string; name: string; description?: string }> }>; models: Array<{ owner: string; name: string }> };
}

function problem(res: ServerResponse, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { title, detail, status, ...extra }, { 'content-type': 'application/problem+json' });
}

function outputFor(base: string, model: string, input: Record<string, unknown>): unknown {
  if (/whisper/.test(model)) return { transcription: 'hello from the fake', segments: [], detected_language: 'en' };
  if (/llama/.test(model)) return ['Hello', ',', ' world'];
  if (/speech/.test(model)) return `${base}/assets/out.mp3`;
  if (/video|kling/.test(model)) return `${base}/assets/out.mp4`;
  const n = Number(input.num_outputs ?? 1);
  return Array.from({ length: n }, (_, i) => `${base}/assets/out-${i}.png`);
}

function view(base: string, p: Fake): Record<string, unknown> {
  const done = p.status === 'succeeded';
  return {
    id: p.id,
    model: p.model,
    version: 'v1',
    input: p.input,
    status: p.status,
    logs: p.status === 'processing' ? 'loading\n 50%|█████     | 10/20' : '',
    output: done ? outputFor(base, p.model, p.input) : null,
    error: p.status === 'failed' ? 'CUDA out of memory (fake)' : null,
    metrics: done ? { predict_time: 1.5 } : {},
    urls: { get: `${base}/v1/predictions/${p.id}`, cancel: `${base}/v1/predictions/${p.id}/cancel`, web: `https://replicate.com/p/${p.id}` },
  };
}

function page<T>(base: string, path: string, items: T[], req: RecordedRequest, size: number): Record<string, unknown> {
  const start = Number(req.query.get('cursor') ?? 0);
  const next = start + size < items.length ? `${base}${path}?cursor=${start + size}` : null;
  return { next, previous: null, results: items.slice(start, start + size) };
}

export async function startReplicateFake(): Promise<ReplicateFake> {
  const predictions = new Map<string, Fake>();
  let counter = 0;
  const catalogue: ReplicateFake['catalogue'] = {
    collections: [
      { slug: 'text-to-image', name: 'Text to image', models: [{ owner: 'black-forest-labs', name: 'flux-schnell' }, { owner: 'acme', name: 'painter', description: 'paints' }] },
      { slug: 'text-to-video', name: 'Text to video', models: [{ owner: 'acme', name: 'movie' }] },
      { slug: 'text-to-speech', name: 'Text to speech', models: [{ owner: 'acme', name: 'talker' }] },
      { slug: 'flux-fine-tunes', name: 'not a capability', models: [{ owner: 'acme', name: 'unlisted' }] },
    ],
    models: [{ owner: 'acme', name: 'painter' }, { owner: 'acme', name: 'newcomer' }, { owner: 'acme', name: 'another' }],
  };
  let base = '';
  const server = await startFakeServer((req, res) => {
    const path = req.path.replace(/^\/v1/, '');
    if (path.startsWith('/assets/')) {
      if (path.endsWith('.png')) return sendBytes(res, 200, PNG_1x1, 'image/png');
      if (path.endsWith('.mp4')) return sendBytes(res, 200, mp4Bytes(), 'video/mp4');
      return sendBytes(res, 200, mp3Bytes(), 'audio/mpeg');
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return sendJson(res, 401, { detail: 'Invalid token.' });
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && ((m = /^\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(path)) || path === '/predictions')) {
      const body = (req.json ?? {}) as { input?: Record<string, unknown>; version?: string };
      const input = body.input ?? {};
      if (input.prompt === 'invalid') {
        return problem(res, 422, 'Input validation failed', '- input.prompt: too silly', { invalid_fields: [{ type: 'invalid', field: 'input.prompt', description: 'too silly' }] });
      }
      const model = m ? `${m[1]}/${m[2]}` : (VERSIONS[String(body.version)] ?? String(body.version));
      const p: Fake = { id: `pred${++counter}`, model, input, status: 'starting', polls: 0 };
      predictions.set(p.id, p);
      return sendJson(res, 201, view(base, p));
    }
    if ((m = /^\/predictions\/([^/]+)\/cancel$/.exec(path)) && req.method === 'POST') {
      const p = predictions.get(m[1]!);
      if (!p) return problem(res, 404, 'Not found', 'no such prediction');
      if (!['succeeded', 'failed'].includes(p.status)) p.status = 'canceled';
      return sendJson(res, 200, view(base, p));
    }
    if ((m = /^\/predictions\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const p = predictions.get(m[1]!);
      if (!p) return problem(res, 404, 'Not found', 'no such prediction');
      p.polls += 1;
      if (p.status === 'starting') p.status = 'processing';
      else if (p.status === 'processing' && p.input.prompt !== 'hang') p.status = p.input.prompt === 'please fail' ? 'failed' : 'succeeded';
      return sendJson(res, 200, view(base, p));
    }
    if (path === '/files' && req.method === 'POST') {
      if (!String(req.headers['content-type']).startsWith('multipart/form-data')) return problem(res, 400, 'Bad request', 'expected multipart');
      return sendJson(res, 201, { id: 'file1', name: 'upload', content_type: 'image/png', size: req.body.length, urls: { get: `${base}/v1/files/file1` } });
    }
    if (path === '/collections') return sendJson(res, 200, page(base, '/v1/collections', catalogue.collections.map(({ slug, name }) => ({ slug, name, description: name })), req, 2));
    if ((m = /^\/collections\/([^/]+)$/.exec(path))) {
      const c = catalogue.collections.find((x) => x.slug === m![1]);
      return c ? sendJson(res, 200, { ...c, description: c.name }) : problem(res, 404, 'Not found', 'no such collection');
    }
    if (path === '/models') return sendJson(res, 200, page(base, '/v1/models', catalogue.models, req, 2));
    return problem(res, 404, 'Not found', `no route ${req.method} ${req.path}`);
  });
  base = server.url;
  return Object.assign(server, { predictions, catalogue });
}
