/**
 * Secrets: a recognisable fake key is planted and every command runs with --verbose through success
 * and failure paths against a server that echoes the key back (in errors, logs and signed URLs).
 * The key must appear in no stdout, stderr, trace, error, sidecar, journal, cache or config file.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { startFakeServer, sendJson, sendBytes, type FakeServer } from '../helpers/fake-server.js';
import { makeNoisePng } from '../fakes/media.js';

const KEY = 'fal-SECRET-5b1e0c6a9d7f4e2b8c3a';
/** Catch partial leaks too (a key cut or wrapped), not only the whole string. */
const FRAGMENTS = [KEY, KEY.slice(4, 24), KEY.slice(-16)];

let server: FakeServer;
let png: Buffer;
let hold = false;

beforeAll(async () => {
  png = await makeNoisePng(64, 64, 3);
  let n = 0;
  const polls = new Map<string, number>();
  server = await startFakeServer((req, res) => {
    const auth = String(req.headers.authorization ?? '');
    const base = server.url;
    if (req.path.startsWith('/files/')) return sendBytes(res, 200, png, 'image/png');
    if (req.method === 'POST' && req.path.startsWith('/fail/')) return sendJson(res, 401, { detail: `Invalid credentials: ${auth} (key ${auth.slice(4)})` });
    if (req.method === 'POST' && req.path.startsWith('/boom/')) return sendJson(res, 500, { detail: `internal error while handling ${auth}` }, { 'x-echo': auth });
    if (req.method === 'POST') {
      const id = `r${++n}`;
      const root = `${base}/leaky/model/requests/${id}`;
      return sendJson(res, 200, { request_id: id, status_url: `${root}/status`, response_url: root, cancel_url: `${root}/cancel`, debug: `accepted ${auth}` });
    }
    const m = /\/requests\/([^/]+)(\/status|\/cancel)?$/.exec(req.path);
    if (!m) return sendJson(res, 404, { detail: `no route, you sent ${auth}` });
    if (m[2] === '/cancel') return sendJson(res, 202, { status: 'CANCELLATION_REQUESTED', echo: auth });
    if (m[2] === '/status') {
      const count = (polls.get(m[1]!) ?? 0) + 1;
      polls.set(m[1]!, count);
      if (hold || count < 2) return sendJson(res, 200, { status: 'IN_PROGRESS', logs: [{ message: `worker saw header ${auth}`, level: 'INFO' }] });
      return sendJson(res, 200, { status: 'COMPLETED', logs: [{ message: `done for ${auth}` }] });
    }
    return sendJson(res, 200, { images: [{ url: `${base}/files/${m[1]}.png?token=${auth.slice(4)}`, content_type: 'image/png' }], seed: 1, prompt: `echo ${auth}` });
  });
});
afterAll(async () => {
  await server.close();
});

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

test('no key in any output channel, trace, error, sidecar, journal or file, across every command', async () => {
  const home = tempDir('automarket-home-');
  const cwd = tempDir();
  mkdirSync(path.join(cwd, 'out'));
  writeFileSync(path.join(home, 'config.json'), JSON.stringify({ output: { sidecar: true }, providers: { fal: { apiKey: '${FAL_KEY}', baseUrl: server.url, pollIntervalMs: 30 } } }));
  // A project config pointing elsewhere, for the untrusted-host refusal path.
  const projectDir = tempDir();
  writeFileSync(path.join(projectDir, '.automarketrc.json'), JSON.stringify({ providers: { fal: { baseUrl: 'https://collector.example.com' } } }));
  const env = { AUTOMARKET_HOME: home, FAL_KEY: KEY };
  const results: Array<{ args: string[]; r: CliResult }> = [];
  const run = async (args: string[], where = cwd) => {
    const r = await runCli(['--verbose', ...args], { cwd: where, env });
    results.push({ args, r });
    return r;
  };

  const gen = ['generate', 'image', 'a fox', '-p', 'fal', '-o', 'out/'];
  expect((await run([...gen, '-m', 'leaky/model'])).exitCode).toBe(0);
  expect((await run([...gen, '-m', 'leaky/model', '--json'])).exitCode).toBe(0);
  expect((await run([...gen, '-m', 'fail/model'])).exitCode).toBe(1);
  expect((await run([...gen, '-m', 'fail/model', '--json'])).exitCode).toBe(1);
  expect((await run([...gen, '-m', 'boom/model'])).exitCode).toBe(1);
  expect((await run([...gen, '-m', 'leaky/model', '--dry-run'])).exitCode).toBe(0);
  hold = true;
  expect((await run([...gen, '-m', 'leaky/model', '--timeout', '1'])).exitCode).toBe(1);
  const list = await run(['jobs', 'list', '--json']);
  const ids = list.stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string; status: string }));
  const timedOut = ids.find((j) => j.status === 'timeout')!;
  expect(timedOut).toBeDefined();
  await run(['jobs', 'list']);
  await run(['jobs', 'show', timedOut.id]);
  await run(['jobs', 'show', timedOut.id, '--json']);
  hold = false;
  expect((await run(['jobs', 'resume', '--all', '--json'])).exitCode).toBe(0);
  hold = true;
  await run([...gen, '-m', 'leaky/model', '--timeout', '1']);
  const again = (await run(['jobs', 'list', '--json'])).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; status: string });
  expect((await run(['jobs', 'cancel', again.find((j) => j.status === 'timeout')!.id])).exitCode).toBe(0);
  hold = false;
  await run(['providers', 'list']);
  await run(['providers', 'list', '--json']);
  expect((await run(['generate', 'image', 'x', '-p', 'fal'], projectDir)).exitCode).toBe(2);
  // Commands other engineers add (config show, keys list, history): whatever they answer, no key.
  for (const args of [['config', 'show'], ['config', 'show', '--json'], ['keys', 'list'], ['history'], ['history', '--json']]) await run(args);

  for (const { args, r } of results) {
    for (const fragment of FRAGMENTS) {
      expect({ args, channel: 'stdout', leaked: r.stdout.includes(fragment) }).toEqual({ args, channel: 'stdout', leaked: false });
      expect({ args, channel: 'stderr', leaked: r.stderr.includes(fragment) }).toEqual({ args, channel: 'stderr', leaked: false });
    }
  }
  // The runs did reach the places where a leak would show: traces, the echoed error, the logs.
  const all = results.map((x) => x.r.stderr).join('\n');
  expect(all).toMatch(/debug: http POST/);
  expect(all).toMatch(/\[redacted\]/);
  expect(all).toMatch(/401/);

  const files = [...filesUnder(home), ...filesUnder(cwd)];
  expect(files.some((f) => f.endsWith('jobs.jsonl'))).toBe(true);
  expect(files.some((f) => f.endsWith('.png.json'))).toBe(true);
  for (const file of files) {
    const text = readFileSync(file).toString('latin1');
    for (const fragment of FRAGMENTS) expect({ file, leaked: text.includes(fragment) }).toEqual({ file, leaked: false });
  }
});
