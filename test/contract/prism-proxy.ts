/**
 * Prism 5.14.2 (the spec-validating mock) plus a recording proxy in front of it. The proxy passes
 * every request through unchanged and records the status Prism gave it, so a test can assert that
 * no request was refused (422). It also repairs one Prism quirk: binary answers carry both
 * Content-Length and Transfer-Encoding, which Node's HTTP parser rightly rejects.
 */
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { ROOT } from '../helpers/cli.js';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  body: string;
}

export interface PrismProxy {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrism(specFile: string): Promise<{ port: number; process: ResultPromise; stop(): Promise<void> }> {
  const port = await freePort();
  const child = execa(path.join(ROOT, 'node_modules/.bin/prism'), ['mock', '-h', '127.0.0.1', '-p', String(port), path.join(ROOT, 'test/fixtures/specs', specFile)], {
    reject: false,
    env: { ...process.env, NODE_OPTIONS: '' },
  } as never) as unknown as ResultPromise;
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start in 60 s:\n${log.slice(-2000)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void child.then(() => reject(new Error(`prism exited:\n${log.slice(-2000)}`)));
  });
  return {
    port,
    process: child,
    stop: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}

export async function startProxy(targetPort: number): Promise<PrismProxy> {
  const exchanges: Exchange[] = [];
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' }, insecureHTTPParser: true },
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
