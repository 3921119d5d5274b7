/**
 * Ctrl-C during a fal job, on the built binary: the first SIGINT cancels the remote request
 * (PUT cancel_url), removes temp files and exits 130; a second SIGINT exits at once even while the
 * cancel is still waiting for an answer.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startCli, tempDir } from '../helpers/cli.js';
import { FAL_TEST_KEY, falProject } from '../helpers/fal-env.js';
import { startFalFake, type FalFake } from '../fakes/fal-queue.js';
import { pngBytes, mp4Bytes } from '../fakes/media.js';
import type { RecordedRequest } from '../helpers/fake-server.js';

let fake: FalFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const isRunningPoll = (f: FalFake) => (q: RecordedRequest) => q.path.endsWith('/status') && [...f.jobs.values()].some((j) => j.status === 'IN_PROGRESS');

function journalStatuses(home: string): string[] {
  const dir = path.join(home, 'state');
  const file = existsSync(dir) ? readdirSync(dir).find((n) => n.endsWith('.jsonl')) : undefined;
  if (!file) return [];
  return readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { status?: string }).status ?? '');
}

test('Ctrl-C while the job runs: cancel request sent, temp files removed, no output, exit 130', async () => {
  const png = await pngBytes(32, 32);
  fake = await startFalFake({ key: FAL_TEST_KEY, files: { image: png, video: mp4Bytes() }, queuePolls: 1, holdInProgress: true });
  const cwd = falProject(fake.url);
  const tmp = tempDir('automarket-tmpdir-');
  const home = tempDir('automarket-home-');
  // The still comes on stdin (-i -), so the run holds a spooled temp file when it is interrupted.
  const child = startCli(['generate', 'video', '-i', '-', 'slow pan', '-p', 'fal', '-o', 'out/'], {
    cwd,
    env: { FAL_KEY: FAL_TEST_KEY, TMPDIR: tmp, AUTOMARKET_HOME: home },
    input: png,
  });
  await fake.waitFor(isRunningPoll(fake));
  expect(readdirSync(tmp).length).toBeGreaterThan(0); // the spooled stdin is there while it runs
  child.kill('SIGINT');
  const r = await child;

  expect(r.exitCode).toBe(130);
  const cancels = fake.requests.filter((q) => q.path.endsWith('/cancel'));
  expect(cancels).toHaveLength(1);
  const [job] = [...fake.jobs.values()];
  expect(cancels[0]!.method).toBe('PUT');
  expect(cancels[0]!.path).toBe(`/fal-ai/kling-video/requests/${job!.id}/cancel`);
  expect(cancels[0]!.headers.authorization).toBe(`Key ${FAL_TEST_KEY}`);
  expect(job!.canceled).toBe(true);
  expect(String(r.stderr).trimEnd().split('\n').pop()).toBe('error: Interrupted');
  expect(String(r.stderr)).not.toMatch(/\n\s+at /);
  expect(readdirSync(tmp)).toEqual([]);
  expect(existsSync(path.join(cwd, 'out')) ? readdirSync(path.join(cwd, 'out')) : []).toEqual([]);
  const statuses = journalStatuses(home);
  expect(statuses).toEqual(expect.arrayContaining(['submitted', 'running']));
  expect(statuses[statuses.length - 1]).toBe('canceled');
  expect(readFileSync(path.join(home, 'state', 'jobs.jsonl'), 'utf8')).not.toContain(FAL_TEST_KEY);
});

test('a second Ctrl-C exits at once, without waiting for the cancel answer', async () => {
  fake = await startFalFake({ key: FAL_TEST_KEY, files: { image: await pngBytes() }, queuePolls: 0, holdInProgress: true, holdCancel: true });
  const cwd = falProject(fake.url);
  const tmp = tempDir('automarket-tmpdir-');
  const child = startCli(['generate', 'image', 'x', '-p', 'fal'], { cwd, env: { FAL_KEY: FAL_TEST_KEY, TMPDIR: tmp } });
  await fake.waitFor(isRunningPoll(fake));
  child.kill('SIGINT');
  await fake.waitFor((q) => q.path.endsWith('/cancel')); // the cancel is in flight, and held unanswered
  child.kill('SIGINT');
  const r = await child;
  expect(r.exitCode).toBe(130);
  // The first Ctrl-C would end with "error: Interrupted" once the cancel returned; this is the second's line.
  expect(String(r.stderr).trimEnd().split('\n').pop()).toMatch(/^error: Interrupted again: exiting without waiting/);
  expect(readdirSync(tmp)).toEqual([]);
});

test('Ctrl-C while the result downloads: the half-written temp file is removed, nothing is cancelled, exit 130', async () => {
  const big = Buffer.concat([await pngBytes(16, 16), Buffer.alloc(1_000_000, 7)]);
  fake = await startFalFake({ key: FAL_TEST_KEY, files: { image: big }, queuePolls: 0, progressPolls: 0, holdFile: true });
  const cwd = falProject(fake.url);
  const tmp = tempDir('automarket-tmpdir-');
  const child = startCli(['generate', 'image', 'x', '-p', 'fal', '-o', 'out/'], { cwd, env: { FAL_KEY: FAL_TEST_KEY, TMPDIR: tmp } });
  await fake.waitFor((q) => q.path.startsWith('/files/'));
  // The first half is on its way to a hidden .part file beside the target; wait until it exists.
  const out = path.join(cwd, 'out');
  while (!(existsSync(out) && readdirSync(out).some((n) => n.endsWith('.part')))) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGINT');
  const r = await child;
  expect(r.exitCode).toBe(130);
  expect(readdirSync(out)).toEqual([]);
  expect(readdirSync(tmp)).toEqual([]);
  expect(fake.requests.some((q) => q.path.endsWith('/cancel'))).toBe(false);
});
