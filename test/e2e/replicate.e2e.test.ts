/** `generate` through Replicate, end to end: the built binary against the stateful Replicate fake. */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, startCli, tempDir } from '../helpers/cli.js';
import { startReplicateFake, TOKEN, type ReplicateFake } from '../helpers/replicate-fake.js';
import { PNG_1x1 } from '../helpers/media.js';

let fake: ReplicateFake;
beforeAll(async () => {
  fake = await startReplicateFake();
});
afterAll(() => fake.close());

function project(settings: Record<string, unknown> = {}): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, '.automarketrc.json'), JSON.stringify({ providers: { replicate: { baseUrl: `${fake.url}/v1`, pollIntervalMs: 20, ...settings } } }));
  return { cwd, env: { REPLICATE_API_TOKEN: TOKEN, AUTOMARKET_HOME: tempDir('automarket-home-') } };
}

function journal(home: string): Array<Record<string, unknown>> {
  return readFileSync(path.join(home, 'state/jobs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

test('generate image -p replicate -n 2 writes two PNGs, prints JSON lines, journals the job', async () => {
  const { cwd, env } = project();
  const r = await runCli(['generate', 'image', 'x', '-p', 'replicate', '-n', '2', '-o', 'out/', '--json'], { cwd, env });
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  const lines = jsonLines(r.stdout);
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    expect(line).toMatchObject({ kind: 'image', mediaType: 'image/png', provider: 'replicate', model: 'black-forest-labs/flux-schnell', prompt: 'x', width: 1, height: 1 });
    expect(readFileSync(line.path as string).equals(PNG_1x1)).toBe(true);
  }
  expect(lines[0]!.requestId).toMatch(/^pred/);
  expect(lines[0]!.costUsd).toBeCloseTo(0.006);
  const statuses = journal(env.AUTOMARKET_HOME).map((p) => p.status);
  expect(statuses).toEqual(['submitting', 'submitted', 'queued', 'running', 'completed', 'completed', 'saved']);
});

test('generate video -i still.png uploads the still and writes the MP4', async () => {
  const { cwd, env } = project({ dataUriMaxBytes: 16 });
  writeFileSync(path.join(cwd, 'still.png'), PNG_1x1);
  const r = await runCli(['generate', 'video', '-i', 'still.png', 'slow pan', '-p', 'replicate', '-o', 'clip.mp4'], { cwd, env });
  expect(r.exitCode).toBe(0);
  expect(r.stdout.trim()).toBe(path.join(cwd, 'clip.mp4'));
  expect(readFileSync(path.join(cwd, 'clip.mp4')).subarray(4, 8).toString()).toBe('ftyp');
  const created = [...fake.predictions.values()].at(-1)!;
  expect(created.model).toBe('minimax/video-01');
  expect(created.input.first_frame_image).toBe(`${fake.url}/v1/files/file1`);
});

test('generate audio writes the MP3; generate text prints the joined tokens; audio-to-text prints the transcript', async () => {
  const { cwd, env } = project();
  const audio = await runCli(['generate', 'audio', 'hello', '-p', 'replicate', '-o', 'hello.mp3'], { cwd, env });
  expect(audio.exitCode).toBe(0);
  expect(readFileSync(path.join(cwd, 'hello.mp3')).subarray(0, 3).toString()).toBe('ID3');
  const text = await runCli(['generate', 'text', 'say hello', '-p', 'replicate'], { cwd, env });
  expect(text.exitCode).toBe(0);
  expect(text.stdout).toBe('Hello, world\n');
  writeFileSync(path.join(cwd, 'talk.wav'), Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(40)]));
  const heard = await runCli(['generate', 'text', '-i', 'talk.wav', '-p', 'replicate'], { cwd, env });
  expect(heard.exitCode).toBe(0);
  expect(heard.stdout).toBe('hello from the fake\n');
});

test('a failed prediction exits 1 with its error on stderr and nothing written', async () => {
  const { cwd, env } = project();
  const r = await runCli(['generate', 'image', 'please fail', '-p', 'replicate', '-o', 'x.png'], { cwd, env });
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(/failed: CUDA out of memory \(fake\)/);
  expect(existsSync(path.join(cwd, 'x.png'))).toBe(false);
});

test('a missing token exits 2 naming REPLICATE_API_TOKEN, before any request', async () => {
  const { cwd } = project();
  const before = fake.requests.length;
  const r = await runCli(['generate', 'image', 'x', '-p', 'replicate'], { cwd });
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toMatch(/REPLICATE_API_TOKEN/);
  expect(fake.requests.length).toBe(before);
});

test('Ctrl-C while the prediction runs cancels it on Replicate and exits 130', async () => {
  const { cwd, env } = project();
  const child = startCli(['generate', 'image', 'hang', '-p', 'replicate'], { cwd, env });
  const started = Date.now();
  const hanging = () => [...fake.predictions.values()].find((p) => p.input.prompt === 'hang' && p.status === 'processing' && p.polls >= 2);
  while (!hanging()) {
    if (Date.now() - started > 20_000) throw new Error('the prediction never started processing');
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGINT');
  const r = await child;
  expect(r.exitCode).toBe(130);
  const p = hanging() ?? [...fake.predictions.values()].find((x) => x.input.prompt === 'hang')!;
  expect(p.status).toBe('canceled');
  expect(fake.requests.some((q) => q.method === 'POST' && q.path === `/v1/predictions/${p.id}/cancel`)).toBe(true);
});
