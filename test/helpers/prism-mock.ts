/**
 * Prism 5.14.2 (the spec-validating mock) on a free 127.0.0.1 port for one OpenAPI spec in
 * test/fixtures/specs, started and waited for. Prism serves paths without the spec's server base
 * path (no /v1 for Replicate).
 *
 * startPrismProxy puts a recording proxy in front of it: the proxy passes every request through
 * unchanged and records the status Prism gave it, so a test can assert that no request was refused
 * (422). It also repairs one Prism quirk: binary answers carry both Content-Length and
 * Transfer-Encoding, which Node's HTTP parser rightly rejects.
 */
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { ROOT } from './cli.js';

export interface Prism {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  body: string;
}

export interface PrismProxy {
  /** The proxy's URL: point the provider here. */
  url: string;
  /** Every request since the last clear, with Prism's status and the start of its answer. */
  exchanges: Exchange[];
  /** Throws unless requests under `pathPrefix` were seen and Prism accepted them all (200). */
  accepted(pathPrefix: string): void;
  /** Stops the proxy and Prism. */
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPrism(specFile: string, timeoutMs = 60_000): Promise<Prism> {
  const port = await freePort();
  const spec = path.join(ROOT, 'test/fixtures/specs', specFile);
  const child: ResultPromise = execa(path.join(ROOT, 'node_modules/.bin/prism'), ['mock', '-h', '127.0.0.1', '-p', String(port), spec], { reject: false, env: { ...process.env, NODE_OPTIONS: '' } });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  while (!/Prism is listening/.test(output)) {
    if (child.exitCode !== null && child.exitCode !== undefined) throw new Error(`prism exited: ${output.slice(-2000)}`);
    if (Date.now() - started > timeoutMs) {
      child.kill();
      throw new Error(`prism did not start in ${timeoutMs / 1000} s: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}

export async function startPrismProxy(specFile: string): Promise<PrismProxy> {
  const prism = await startPrism(specFile);
  const exchanges: Exchange[] = [];
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: prism.port, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' }, insecureHTTPParser: true },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          exchanges.push({ method: req.method ?? 'GET', path: req.url ?? '/', status: answer.statusCode ?? 0, body: body.toString('utf8').slice(0, 4000) });
          const headers = { ...answer.headers };
          delete headers['transfer-encoding'];
          delete headers['content-length'];
          res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(body.length) });
          res.end(body);
        });
      },
    );
    upstream.on('error', (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    accepted(pathPrefix) {
      const seen = exchanges.filter((e) => e.path.startsWith(pathPrefix));
      if (seen.length === 0) throw new Error(`no request to ${pathPrefix} was sent (sent: ${exchanges.map((e) => `${e.method} ${e.path}`).join(', ') || 'none'})`);
      for (const e of seen) if (e.status !== 200) throw new Error(`${e.method} ${e.path} got ${e.status}: ${e.body}`);
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await prism.stop();
    },
  };
}
