/**
 * Prism (`prism mock`) on a free 127.0.0.1 port for one spec in test/fixtures/specs/. Prism validates
 * every request against the spec and answers 422 (or 401 for missing auth) when a request breaks it.
 */
import { execa } from 'execa';
import type { Readable } from 'node:stream';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface Prism {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrism(specFile: string): Promise<Prism> {
  const port = await freePort();
  const child = execa(path.join(ROOT, 'node_modules/.bin/prism'), ['mock', '-h', '127.0.0.1', '-p', String(port), path.join(ROOT, 'test/fixtures/specs', specFile)], {
    reject: false,
    all: true,
    env: { ...process.env, NODE_OPTIONS: '' },
  } as never) as unknown as Promise<unknown> & { all?: Readable; kill(signal: string): void };
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/Prism is listening/.test(log)) resolve();
    };
    child.all?.on('data', onData);
    void child.then(() => reject(new Error(`prism exited before listening:\n${log.slice(-2000)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await child;
    },
  };
}
