/**
 * The gallery's web server: node:http on 127.0.0.1 only. It serves the page, the asset list as
 * JSON, and the listed files themselves (with Range, so video seeks), and nothing else.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { GalleryAsset } from './collect.js';
import type { AssetAccess } from './access.js';
import { PAGE_HTML, PAGE_CSS, PAGE_JS } from './page.js';

export interface GalleryServerOptions {
  assets: GalleryAsset[];
  access: AssetAccess;
  port: number;
}

export interface RunningGallery {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** The only interface the gallery listens on: it shows private files, so never the network. */
export const GALLERY_HOST = '127.0.0.1';

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'",
};

export async function startGallery(options: GalleryServerOptions): Promise<RunningGallery> {
  const assetsJson = JSON.stringify(options.assets.map((a) => ({ ...a, url: `/file?path=${encodeURIComponent(a.path)}` })));
  const server = createServer((req, res) => {
    handle(req, res, options, assetsJson).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, GALLERY_HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${GALLERY_HOST}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: GalleryServerOptions, assetsJson: string): Promise<void> {
  // A page on another site must not read local files through a DNS name that points here.
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (host !== GALLERY_HOST && host !== 'localhost') return send(res, 403, 'text/plain', 'forbidden host');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
  const url = new URL(req.url ?? '/', `http://${GALLERY_HOST}`);
  switch (url.pathname) {
    case '/':
      return send(res, 200, 'text/html; charset=utf-8', PAGE_HTML);
    case '/app.css':
      return send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
    case '/app.js':
      return send(res, 200, 'text/javascript; charset=utf-8', PAGE_JS);
    case '/api/assets':
      return send(res, 200, 'application/json', assetsJson);
    case '/file':
      return serveFile(req, res, options.access, url.searchParams.get('path') ?? '');
    default:
      return send(res, 404, 'text/plain', 'not found');
  }
}

async function serveFile(req: IncomingMessage, res: ServerResponse, access: AssetAccess, requested: string): Promise<void> {
  const found = await access.resolve(requested);
  if (!found) return send(res, 404, 'text/plain', 'not an asset of this gallery');
  const { real, asset } = found;
  const size = asset.bytes;
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': asset.kind === 'text' ? `${asset.mediaType}; charset=utf-8` : asset.mediaType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'invalid') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
    res.end();
    return;
  }
  if (range) {
    res.writeHead(206, { ...headers, 'Content-Length': range.end - range.start + 1, 'Content-Range': `bytes ${range.start}-${range.end}/${size}` });
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': size });
  }
  if (req.method === 'HEAD') return void res.end();
  await pipeline(createReadStream(real, range ? { start: range.start, end: range.end } : {}), res).catch(() => res.destroy());
}

/** One `bytes=a-b` range (the form browsers send for media); anything else is served whole. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, a, b] = match;
  let start: number, end: number;
  if (a === '') {
    if (b === '') return 'invalid';
    start = Math.max(0, size - Number(b));
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
