/**
 * The Example Images API, served locally: a stand-in for a real AI server in a Docker service.
 * Images are solid-colour PNGs (the colour comes from the prompt and seed), so it needs no GPU and
 * no dependencies. Listens on HOST:PORT (default 127.0.0.1:8787).
 *   GET  /health                -> {"ok":true}
 *   POST /v1/images             {prompt, width, height, seed, n} -> {id, images: [{url, width, height, seed}]}
 *   GET  /v1/files/<id>-<i>.png -> the PNG
 *   POST /v1/text               {prompt} -> {id, text}
 * When API_KEY is set, requests must send `Authorization: Bearer $API_KEY`.
 */
import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8787);
const API_KEY = process.env.API_KEY;
const files = new Map();

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A width x height PNG filled with one RGB colour. */
export function solidPng(width, height, [r, g, b]) {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function send(res, status, body, type = 'application/json') {
  const data = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': type, 'content-length': data.length });
  res.end(data);
}

async function readJson(req) {
  const parts = [];
  for await (const part of req) parts.push(part);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8') || '{}');
  } catch {
    return undefined;
  }
}

export function createServer() {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${HOST}:${PORT}`}`);
    if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { ok: true });
    if (API_KEY && req.headers.authorization !== `Bearer ${API_KEY}`) return send(res, 401, { error: { message: 'invalid or missing API key' } });
    if (req.method === 'GET' && url.pathname.startsWith('/v1/files/')) {
      const file = files.get(url.pathname.slice('/v1/files/'.length));
      return file ? send(res, 200, file, 'image/png') : send(res, 404, { error: { message: 'no such file' } });
    }
    if (req.method !== 'POST') return send(res, 404, { error: { message: `no route ${req.method} ${url.pathname}` } });
    const body = await readJson(req);
    if (!body || typeof body.prompt !== 'string' || body.prompt === '') return send(res, 400, { error: { message: 'prompt is required' } });
    const id = randomUUID();
    if (url.pathname === '/v1/text') return send(res, 200, { id, text: body.prompt.toUpperCase() });
    if (url.pathname !== '/v1/images') return send(res, 404, { error: { message: `no route POST ${url.pathname}` } });
    const width = Math.min(Number(body.width) || 512, 2048);
    const height = Math.min(Number(body.height) || 512, 2048);
    const n = Math.min(Number(body.n) || 1, 4);
    const seed = Number.isInteger(body.seed) ? body.seed : Math.floor(Math.random() * 1e6);
    const images = [];
    for (let i = 0; i < n; i++) {
      const colour = [...createHash('sha256').update(`${body.prompt}:${seed + i}`).digest().subarray(0, 3)];
      files.set(`${id}-${i}.png`, solidPng(width, height, colour));
      images.push({ url: `${url.origin}/v1/files/${id}-${i}.png`, width, height, seed: seed + i });
    }
    send(res, 200, { id, images });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  createServer().listen(PORT, HOST, () => console.log(`example images API on http://${HOST}:${PORT}`));
}
