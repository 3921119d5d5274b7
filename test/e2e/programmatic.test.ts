/**
 * The package export "." (dist/src/index.js): a script that imports `automarket` by name can run the
 * CLI in-process with its own streams, and gets exit codes instead of process exits.
 */
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { ROOT, cliEnv, tempDir } from '../helpers/cli.js';

const script = `
import { PassThrough } from 'node:stream';
import * as api from 'automarket';
const out = new PassThrough(); const err = new PassThrough();
let stdout = ''; let stderr = '';
out.on('data', (c) => (stdout += c)); err.on('data', (c) => (stderr += c));
const io = { stdin: process.stdin, stdout: out, stderr: err };
const base = { io, env: { AUTOMARKET_HOME: process.env.AUTOMARKET_HOME }, cwd: process.env.WORK_DIR, signal: new AbortController().signal };
const ok = await api.run(['generate', 'image', 'a fox', '--size', '64x64', '-o', 'fox.png', '--json'], base);
const bad = await api.run(['generate', 'picture', 'x'], base);
const program = api.buildProgram({ ...base, state: { json: false, verbose: false } });
console.log(JSON.stringify({
  ok, bad, stdout, stderr,
  names: program.commands.map((c) => c.name()),
  version: api.VERSION,
  usageExit: new api.UsageError('x').exitCode,
  plugin: typeof api.defineProvider, apiVersion: api.PLUGIN_API_VERSION, kinds: api.KINDS,
}));
`;

test('import { run, buildProgram } from "automarket"', async () => {
  const work = tempDir();
  const r = (await execa(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: cliEnv({ WORK_DIR: work }), extendEnv: false, reject: false } as never)) as unknown as { stdout: string; stderr: string };
  expect(r.stderr).toBe('');
  const result = JSON.parse(String(r.stdout)) as Record<string, unknown>;
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string; exports: Record<string, string> };
  expect(pkg.exports['.']).toBe('./dist/src/index.js');
  expect(result.ok).toBe(0);
  expect(JSON.parse(String(result.stdout).trim())).toMatchObject({ path: `${work}/fox.png`, kind: 'image', width: 64, provider: 'local' });
  expect(result.bad).toBe(2);
  expect(result.stderr).toContain('error: Unknown kind "picture"');
  expect(result.names).toEqual(expect.arrayContaining(['generate', 'providers']));
  expect(result).toMatchObject({ version: pkg.version, usageExit: 2, plugin: 'function', apiVersion: 1, kinds: ['image', 'video', 'audio', 'text'] });
});

const clientScript = `
import { readFileSync } from 'node:fs';
import { createClient, MissingKeyError, UsageError } from 'automarket';
const am = createClient({ cwd: process.env.WORK_DIR, env: { AUTOMARKET_HOME: process.env.AUTOMARKET_HOME, FAL_KEY: process.env.FAL_KEY }, config: process.env.CONFIG });
const lines = [];
for (const prompt of ['a fox', 'a heron', 'a fox']) lines.push(...(await am.generate({ kind: 'image', prompt, provider: 'fal', output: 'shots/', params: { steps: 2 } })));
const badKind = await am.generate({ kind: 'picture', prompt: 'x' }).catch((e) => ({ name: e.constructor.name, exitCode: e.exitCode, usage: e instanceof UsageError }));
const badCount = await am.generate({ kind: 'image', prompt: 'x', provider: 'fal', count: 99 }).catch((e) => ({ message: e.message, exitCode: e.exitCode }));
am.close();
const noKey = createClient({ cwd: process.env.WORK_DIR, env: { AUTOMARKET_HOME: process.env.AUTOMARKET_HOME } });
const missing = await noKey.generate({ kind: 'image', prompt: 'x', provider: 'fal' }).catch((e) => ({ missing: e instanceof MissingKeyError, message: e.message }));
noKey.close();
const journal = readFileSync(process.env.AUTOMARKET_HOME + '/state/jobs.jsonl', 'utf8').trim().split('\\n').map((l) => JSON.parse(l));
console.log(JSON.stringify({ lines, badKind, badCount, missing, saved: journal.filter((j) => j.status === 'saved').length }));
`;

test('createClient(): one client, many generate calls, each returning the written assets and journalled', async () => {
  const sharp = (await import('sharp')).default;
  const { startFalFake } = await import('../fakes/fal-queue.js');
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer();
  const fal = await startFalFake({ key: 'fal-test-key-0123456789', files: { image: png }, queuePolls: 0, progressPolls: 1 });
  try {
    const work = tempDir();
    const home = tempDir('automarket-home-');
    const config = `${work}/test.config.json`;
    writeFileSync(config, JSON.stringify({ providers: { fal: { baseUrl: fal.url, pollIntervalMs: 10 } } }));
    const r = (await execa(process.execPath, ['--input-type=module', '-e', clientScript], {
      cwd: ROOT,
      env: cliEnv({ WORK_DIR: work, AUTOMARKET_HOME: home, FAL_KEY: 'fal-test-key-0123456789', CONFIG: config }),
      extendEnv: false,
      reject: false,
    } as never)) as unknown as { stdout: string; stderr: string };
    expect(r.stderr).toBe('');
    const out = JSON.parse(String(r.stdout)) as { lines: Array<{ path: string; provider: string; width: number; jobId: string }>; badKind: unknown; badCount: { message: string; exitCode: number }; missing: { missing: boolean; message: string }; saved: number };
    expect(out.lines).toHaveLength(3);
    expect(new Set(out.lines.map((l) => l.path)).size).toBe(3); // the same prompt twice: two files
    for (const line of out.lines) {
      expect(line).toMatchObject({ provider: 'fal', width: 8 });
      expect(line.path.startsWith(`${work}/shots/`)).toBe(true);
      expect(readFileSync(line.path).equals(png)).toBe(true);
    }
    expect(fal.submitted).toEqual(['a fox', 'a heron', 'a fox']);
    expect(out.saved).toBe(3);
    expect(out.badKind).toEqual({ name: 'UsageError', exitCode: 2, usage: true });
    expect(out.badCount).toMatchObject({ exitCode: 2 });
    expect(out.badCount.message).toMatch(/--count/);
    expect(out.missing).toMatchObject({ missing: true });
    expect(out.missing.message).toMatch(/FAL_KEY/);
  } finally {
    await fal.close();
  }
});
