/**
 * Loopback servers the benchmarks talk to: a fal queue, an OpenAI images endpoint, and a big-file
 * server. Each answers with the provider's real wire shapes; `latencyMs` delays every job.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';

export const TINY_PNG = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } }).png().toBuffer();

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const wait = (ms) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

/** fal's queue: submit → status (COMPLETED once latency has passed) → result → file. */
export async function startFalFake({ latencyMs = 0, resultFile } = {}) {
  const jobs = new Map();
  let base = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const url = new URL(req.url, base);
      if (url.pathname === '/files/image.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': TINY_PNG.length });
        return res.end(TINY_PNG);
      }
      const statusMatch = /^\/(.+)\/requests\/([^/]+)\/status$/.exec(url.pathname);
      const resultMatch = /^\/(.+)\/requests\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'POST') {
        const id = randomUUID();
        const app = url.pathname.slice(1).split('/').slice(0, 2).join('/');
        jobs.set(id, { doneAt: Date.now() + latencyMs });
        const urls = { status_url: `${base}/${app}/requests/${id}/status`, response_url: `${base}/${app}/requests/${id}`, cancel_url: `${base}/${app}/requests/${id}/cancel` };
        return json(res, 200, { request_id: id, status: 'IN_QUEUE', queue_position: 0, ...urls });
      }
      if (statusMatch) {
        const job = jobs.get(statusMatch[2]);
        if (!job) return json(res, 404, { detail: 'not found' });
        await wait(job.doneAt - Date.now());
        return json(res, 200, { status: 'COMPLETED', logs: [], metrics: { inference_time: latencyMs / 1000 } });
      }
      if (resultMatch) {
        const done = resultFile
          ? { video: { url: resultFile.url, content_type: resultFile.contentType, file_name: 'video.mp4' } }
          : { images: [{ url: `${base}/files/image.png`, width: 64, height: 64, content_type: 'image/png' }], seed: 42, has_nsfw_concepts: [false], prompt: 'x' };
        jobs.delete(resultMatch[2]);
        return json(res, 200, done);
      }
      json(res, 404, { detail: 'not found' });
    });
  });
  base = await listen(server);
  return { url: base, close: () => new Promise((r) => server.close(r)) };
}

/**
 * OpenAI's POST /v1/images/generations with b64_json, after `latencyMs`. `stats()` gives when the
 * first request arrived and the last answer went out (performance.now() of this process), and how
 * many were served: the steady-state throughput a client reached, without its start-up.
 */
export async function startOpenAIFake({ latencyMs = 0 } = {}) {
  const b64 = TINY_PNG.toString('base64');
  const timing = { served: 0, firstArrival: undefined, lastAnswer: undefined };
  const server = createServer((req, res) => {
    timing.firstArrival ??= performance.now();
    req.resume();
    req.on('end', async () => {
      if (req.method === 'POST' && /\/images\/generations$/.test(req.url)) {
        await wait(latencyMs);
        json(res, 200, { created: Math.floor(Date.now() / 1000), data: [{ b64_json: b64 }], usage: { input_tokens: 5, output_tokens: 100, total_tokens: 105 } });
        timing.served++;
        timing.lastAnswer = performance.now();
        return;
      }
      json(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
    });
  });
  const url = await listen(server);
  return { url, stats: () => ({ ...timing }), close: () => new Promise((r) => server.close(r)) };
}

/** Serves `bytes` of an MP4-looking body, generated as it streams (the server holds nothing). */
export async function startBigFileServer(bytes) {
  const head = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d, 0x69, 0x73, 0x6f, 0x32]);
  const chunk = Buffer.alloc(1 << 20, 0x5a);
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes });
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const piece = sent === 0 ? Buffer.concat([head, chunk.subarray(head.length)]) : chunk;
        const n = Math.min(piece.length, bytes - sent);
        sent += n;
        if (!res.write(n === piece.length ? piece : piece.subarray(0, n))) return res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  const url = await listen(server);
  return { url: `${url}/video.mp4`, close: () => new Promise((r) => server.close(r)) };
}
