/**
 * The guides cannot drift from the code: every fenced block marked ```sh test in docs/adding-a-*.md
 * runs here, from a fresh copy of the examples with this checkout linked as `automarket` and the
 * built CLI on PATH. Blocks marked ```sh test docker need Docker: skipped only outside CI when there
 * is no Docker, never in CI.
 */
import { chmodSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { BIN, cliEnv, ROOT, tempDir } from '../helpers/cli.js';

interface Block {
  doc: string;
  line: number;
  tags: string[];
  script: string;
}

export function extractBlocks(doc: string, text: string): Block[] {
  const blocks: Block[] = [];
  const pattern = /^```sh test([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    blocks.push({ doc, line: text.slice(0, m.index).split('\n').length, tags: m[1]!.trim().split(/\s+/).filter(Boolean), script: m[2]! });
  }
  return blocks;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function dockerAvailable(): Promise<boolean> {
  const r = await execa('docker', ['info'], { reject: false, timeout: 20_000 }).catch(() => ({ exitCode: 1 }));
  return r.exitCode === 0;
}

/** A checkout-like workspace: examples/ copied, automarket linked, the built CLI on PATH. */
function makeWorkspace(): { dir: string; env: Record<string, string | undefined> } {
  const dir = tempDir('automarket-docs-');
  cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true, filter: (src) => !src.includes('node_modules') && !src.endsWith('.tgz') });
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'automarket'), 'dir');
  const bin = path.join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'automarket'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(bin, 'automarket'), 0o755);
  const env = cliEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}`, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' });
  return { dir, env };
}

const DOCS = ['adding-a-provider.md', 'adding-a-service.md'];

describe.each(DOCS)('docs/%s', (doc) => {
  const blocks = extractBlocks(doc, readFileSync(path.join(ROOT, 'docs', doc), 'utf8'));
  const workspace = makeWorkspace();

  test('has runnable blocks', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(doc === 'adding-a-provider.md' ? 5 : 3);
  });

  test.each(blocks.map((b) => [`${b.doc}:${b.line}${b.tags.length ? ` [${b.tags.join(' ')}]` : ''}`, b] as const))('%s', async (_name, block) => {
    if (block.tags.includes('docker') && !(await dockerAvailable())) {
      if (process.env.CI) throw new Error('Docker is required in CI for the docs blocks marked docker');
      return; // no Docker on this developer machine: nothing to run
    }
    const [port, servicePort] = [await freePort(), await freePort()];
    const r = await execa('bash', ['-euo', 'pipefail', '-c', block.script], {
      cwd: workspace.dir,
      env: { ...workspace.env, PORT: String(port), EXAMPLE_SERVICE_PORT: String(servicePort) },
      extendEnv: false,
      reject: false,
      timeout: 240_000,
      stdin: 'ignore',
    });
    if (r.exitCode !== 0) throw new Error(`block at ${block.doc}:${block.line} exited ${r.exitCode}\n--- script\n${block.script}--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }, 300_000);
});
