/**
 * The job journal end to end, against a stateful fal queue fake: a CLI killed with SIGKILL while the
 * job runs loses nothing (`jobs resume --all` saves the result, one submit only), timeouts name the
 * job to resume, Ctrl-C cancels the remote job, and faults in submit, poll and download are handled.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, startCli, tempDir } from '../helpers/cli.js';
import { startFalFake, type FalFake, type FalFakeOptions } from '../fakes/fal-queue.js';

const KEY = 'fal-test-key-0123456789abcdef';

interface Setup {
  fake: FalFake;
  home: string;
  cwd: string;
  out: string;
  env: Record<string, string>;
}

/** Jobs skip the queue and complete on their first poll unless a test says otherwise. */
async function setup(options: Partial<FalFakeOptions> = {}): Promise<Setup> {
  const fake = await startFalFake({ key: KEY, queuePolls: 0, progressPolls: 0, ...options });
  const home = tempDir('automarket-home-');
  writeFileSync(path.join(home, 'config.json'), JSON.stringify({ providers: { fal: { baseUrl: fake.url, pollIntervalMs: 40, retry: { baseDelayMs: 20, maxDelayMs: 2000 } } } }));
  const cwd = tempDir();
  const out = path.join(cwd, 'out');
  mkdirSync(out);
  return { fake, home, cwd, out, env: { AUTOMARKET_HOME: home, FAL_KEY: KEY } };
}

const GEN = ['generate', 'image', 'a red fox in snow', '-p', 'fal', '-m', 'fal-ai/flux/schnell', '-o', 'out/'];

function journal(home: string): Array<Record<string, unknown>> {
  const file = path.join(home, 'state', 'jobs.jsonl');
  if (!existsSync(file)) return [];
  const byId = new Map<string, Record<string, unknown>>();
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const patch = JSON.parse(line) as Record<string, unknown>;
    byId.set(patch.id as string, { ...byId.get(patch.id as string), ...patch });
  }
  return [...byId.values()];
}

async function until(check: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function visibleFiles(dir: string): string[] {
  return readdirSync(dir);
}

let s: Setup | undefined;
afterEach(async () => {
  await s?.fake.close();
  s = undefined;
});

test('crash: SIGKILL while IN_PROGRESS, then `jobs resume --all` saves the result with exactly one submit', async () => {
  s = await setup({ holdInProgress: true });
  const child = startCli([...GEN, '--json'], { cwd: s.cwd, env: s.env });
  await until(() => (s!.fake.jobs.get('req-1')?.polls ?? 0) >= 2, 'the job to be polled');
  child.kill('SIGKILL');
  const killed = await child;
  expect(killed.signal).toBe('SIGKILL');
  const [before] = journal(s.home);
  expect(before).toMatchObject({ provider: 'fal', model: 'fal-ai/flux/schnell', requestId: 'req-1', prompt: 'a red fox in snow' });
  expect(['submitted', 'running', 'queued']).toContain(before!.status);
  expect(visibleFiles(s.out)).toEqual([]);

  s.fake.options.holdInProgress = false;
  const r = await runCli(['jobs', 'resume', '--all', '--json'], { cwd: s.cwd, env: s.env });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.exitCode).toBe(0);
  const [line] = jsonLines(r.stdout);
  expect(line).toMatchObject({ kind: 'image', mediaType: 'image/png', provider: 'fal', jobId: before!.id, requestId: 'req-1', width: 128, height: 96 });
  expect(path.dirname(line!.path as string)).toBe(s.out);
  expect(readFileSync(line!.path as string).equals(s.fake.files.image)).toBe(true);
  expect(s.fake.submitted).toHaveLength(1);
  expect(journal(s.home)[0]).toMatchObject({ status: 'saved', outputs: [{ path: line!.path, mediaType: 'image/png' }] });

  // Nothing left to do: a second resume submits nothing and writes nothing.
  const again = await runCli(['jobs', 'resume', '--all'], { cwd: s.cwd, env: s.env });
  expect(again.exitCode).toBe(0);
  expect(again.stderr).toMatch(/No unfinished jobs/);
  expect(s.fake.submitted).toHaveLength(1);
  expect(visibleFiles(s.out)).toHaveLength(1);
});

test('--timeout: the message says how to pick the job up later, the job stays in the journal, and resume by id works', async () => {
  s = await setup({ holdInProgress: true });
  const r = await runCli([...GEN, '--timeout', '1'], { cwd: s.cwd, env: s.env });
  expect(r.exitCode).toBe(1);
  const [job] = journal(s.home);
  expect(job).toMatchObject({ status: 'timeout', requestId: 'req-1' });
  expect(r.stderr).toContain(`automarket jobs resume ${job!.id as string}`);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(s.fake.jobs.get('req-1')!.canceled).toBe(false); // a timeout must not cancel what we paid for

  const list = await runCli(['jobs', 'list', '--json'], { cwd: s.cwd, env: s.env });
  expect(jsonLines(list.stdout)).toMatchObject([{ id: job!.id, status: 'timeout', provider: 'fal' }]);
  const table = await runCli(['jobs', 'list'], { cwd: s.cwd, env: s.env });
  expect(table.stdout).toMatch(new RegExp(`${job!.id as string}\\s+timeout\\s+fal`));
  const show = await runCli(['jobs', 'show', job!.id as string], { cwd: s.cwd, env: s.env });
  expect(JSON.parse(show.stdout)).toMatchObject({ id: job!.id, requestId: 'req-1', urls: { status: expect.stringContaining('/requests/req-1/status') } });

  s.fake.options.holdInProgress = false;
  const resumed = await runCli(['jobs', 'resume', job!.id as string], { cwd: s.cwd, env: s.env });
  expect(resumed.exitCode).toBe(0);
  expect(readFileSync(resumed.stdout.trim()).equals(s.fake.files.image)).toBe(true);
  expect(s.fake.submitted).toHaveLength(1);
});

test('slow status headers past --timeout: a clear error, the job kept for resume', async () => {
  s = await setup({ statusDelayMs: 4000 });
  const r = await runCli([...GEN, '--timeout', '1'], { cwd: s.cwd, env: s.env });
  expect(r.exitCode).toBe(1);
  const [job] = journal(s.home);
  expect(job).toMatchObject({ status: 'timeout', requestId: 'req-1' });
  expect(r.stderr).toMatch(/did not finish within 1 s/);
  expect(r.stderr).toContain(`jobs resume ${job!.id as string}`);
  expect(visibleFiles(s.out)).toEqual([]);
});

test('429 with Retry-After on submit: waits, then one job only', async () => {
  s = await setup({ rejectSubmit: (_input, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : undefined) });
  const r = await runCli([...GEN, '--json'], { cwd: s.cwd, env: s.env });
  expect(r.exitCode).toBe(0);
  expect(s.fake.submitted).toHaveLength(2);
  expect(s.fake.jobs.size).toBe(1);
  expect(jsonLines(r.stdout)).toHaveLength(1);
});

test('500 twice on a poll, then success', async () => {
  s = await setup({ progressPolls: 1, statusFaults: [{ status: 500 }, { status: 500 }] });
  const r = await runCli([...GEN, '--json'], { cwd: s.cwd, env: s.env });
  expect(r.exitCode).toBe(0);
  const [line] = jsonLines(r.stdout);
  expect(readFileSync(line!.path as string).equals(s.fake.files.image)).toBe(true);
  expect(s.fake.submitted).toHaveLength(1);
});

test('a connection reset mid-download is resumed with Range; the file is complete and correct', async () => {
  s = await setup({ fileFaults: ['reset-mid'] });
  const r = await runCli([...GEN, '--json'], { cwd: s.cwd, env: s.env });
  expect(r.exitCode).toBe(0);
  const [line] = jsonLines(r.stdout);
  expect(readFileSync(line!.path as string).equals(s.fake.files.image)).toBe(true);
  const files = s.fake.requests.filter((q) => q.path.startsWith('/files/'));
  expect(files.length).toBeGreaterThanOrEqual(2);
  expect(files[files.length - 1]!.headers.range).toMatch(/^bytes=[1-9]\d*-$/);
});

test('a body shorter than Content-Length, every time: failure, no file, and the result stays resumable', async () => {
  s = await setup({ ranges: false, fileFaults: ['truncate', 'truncate', 'truncate', 'truncate', 'truncate'] });
  const r = await runCli(GEN, { cwd: s.cwd, env: s.env });
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(/Download .* failed after 5 attempts/);
  expect(r.stderr).toMatch(/jobs resume/);
  expect(visibleFiles(s.out)).toEqual([]);
  const [job] = journal(s.home);
  expect(job!.status).toBe('completed');
  const resumed = await runCli(['jobs', 'resume', '--all'], { cwd: s.cwd, env: s.env });
  expect(resumed.exitCode).toBe(0);
  expect(readFileSync(resumed.stdout.trim()).equals(s.fake.files.image)).toBe(true);
  expect(s.fake.submitted).toHaveLength(1);
});

test('an HTML error page served with 200 as the image: failure, no file', async () => {
  s = await setup({ fileFaults: ['html', 'html', 'html', 'html', 'html'] });
  const r = await runCli(GEN, { cwd: s.cwd, env: s.env });
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(/returned an HTML page, not an image file/);
  expect(visibleFiles(s.out)).toEqual([]);
});

test('Ctrl-C while running cancels the remote job, exits 130, leaves no file, and resume --all skips it', async () => {
  s = await setup({ holdInProgress: true });
  const child = startCli(GEN, { cwd: s.cwd, env: s.env });
  await until(() => (s!.fake.jobs.get('req-1')?.polls ?? 0) >= 1, 'the job to be polled');
  child.kill('SIGINT');
  const r = await child;
  expect(r.exitCode).toBe(130);
  expect(s.fake.jobs.get('req-1')!.canceled).toBe(true);
  expect(journal(s.home)[0]!.status).toBe('canceled');
  expect(visibleFiles(s.out)).toEqual([]);
  const resumed = await runCli(['jobs', 'resume', '--all'], { cwd: s.cwd, env: s.env });
  expect(resumed.exitCode).toBe(0);
  expect(s.fake.submitted).toHaveLength(1);
});

test('jobs cancel <id> stops a job left running after a timeout', async () => {
  s = await setup({ holdInProgress: true });
  await runCli([...GEN, '--timeout', '1'], { cwd: s.cwd, env: s.env });
  const [job] = journal(s.home);
  const r = await runCli(['jobs', 'cancel', job!.id as string, '--json'], { cwd: s.cwd, env: s.env });
  expect(r.exitCode).toBe(0);
  expect(jsonLines(r.stdout)).toEqual([{ id: job!.id, status: 'canceled' }]);
  expect(s.fake.jobs.get('req-1')!.canceled).toBe(true);
  expect(journal(s.home)[0]!.status).toBe('canceled');
  const again = await runCli(['jobs', 'cancel', job!.id as string], { cwd: s.cwd, env: s.env });
  expect(again.exitCode).toBe(2);
  expect(again.stderr).toMatch(/already canceled/);
});

test('jobs show / resume / cancel of an unknown id: exit 2 with a hint; resume with no id: usage error', async () => {
  s = await setup();
  for (const args of [['jobs', 'show', 'job_nope'], ['jobs', 'resume', 'job_nope'], ['jobs', 'cancel', 'job_nope'], ['jobs', 'resume']]) {
    const r = await runCli(args, { cwd: s.cwd, env: s.env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/hint: .*jobs (list|resume)/);
  }
  const json = await runCli(['jobs', 'show', 'job_nope', '--json'], { cwd: s.cwd, env: s.env });
  expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'USAGE' } });
});
