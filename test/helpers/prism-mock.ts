/**
 * Starts Prism (validating mock server) on a free 127.0.0.1 port for one OpenAPI spec, and waits
 * until it answers. Prism serves paths without the spec's server base path (no /v1 for Replicate).
 */
import { execa, type ResultPromise } from 'execa';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface Prism {
  url: string;
  stop(): Promise<void>;
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
      throw new Error(`prism did not start: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}
