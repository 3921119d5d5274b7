/** The replicate provider against a stateful fake of Replicate's API: lifecycle, outputs, uploads, errors, cancel. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import replicate from '../../providers/replicate/index.js';
import { WHISPER } from '../../providers/replicate/models.js';
import type { GenerateRequest, InputRef } from '../../src/plugin/types.js';
import { InterruptedError, ProviderError } from '../../src/errors.js';
import { providerContext } from '../helpers/provider-ctx.js';
import { startReplicateFake, TOKEN, type ReplicateFake } from '../helpers/replicate-fake.js';
import { tempDir } from '../helpers/cli.js';
import { PNG_1x1 } from '../helpers/media.js';

let fake: ReplicateFake;
beforeAll(async () => {
  fake = await startReplicateFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

function request(over: Partial<GenerateRequest>): GenerateRequest {
  return { capability: 'text-to-image', kind: 'image', model: 'black-forest-labs/flux-schnell', prompt: 'a fox', inputs: [], count: 1, params: {}, signal: new AbortController().signal, ...over };
}

const ctxFor = (settings: Record<string, unknown> = {}, signal?: AbortSignal) => providerContext({ providerId: 'replicate', baseUrl: `${fake.url}/v1`, key: TOKEN, settings, signal });

test('official model: POST /models/{owner}/{name}/predictions, polls to succeeded, a list of URLs becomes images', async () => {
  const ctx = ctxFor();
  const result = await replicate.generate(request({ count: 2, aspect: { width: 16, height: 9 }, seed: 5, format: 'jpeg', params: { go_fast: true } }), ctx);
  const create = fake.requests.find((r) => r.method === 'POST')!;
  expect(create.path).toBe('/v1/models/black-forest-labs/flux-schnell/predictions');
  expect(create.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(create.headers.prefer).toBeUndefined();
  expect(create.json).toEqual({ input: { prompt: 'a fox', aspect_ratio: '16:9', seed: 5, num_outputs: 2, output_format: 'jpg', go_fast: true } });
  const polls = fake.requests.filter((r) => r.method === 'GET');
  expect(polls.map((r) => r.path)).toEqual(['/v1/predictions/pred1', '/v1/predictions/pred1'].map((p) => p.replace('pred1', result.requestId!)));
  expect(result.assets.map((a) => a.url)).toEqual([`${fake.url}/assets/out-0.png`, `${fake.url}/assets/out-1.png`]);
  expect(result.costUsd).toBeCloseTo(0.006);
  expect(ctx.submitted).toEqual([{ requestId: result.requestId, urls: { get: `${fake.url}/v1/predictions/${result.requestId}`, cancel: `${fake.url}/v1/predictions/${result.requestId}/cancel` }, data: { model: 'black-forest-labs/flux-schnell', kind: 'image' } }]);
  expect(ctx.updates).toEqual(['queued', 'running', 'completed']);
  expect(ctx.events.some((e) => e.phase === 'running' && e.percent === 50)).toBe(true);
});

test('a version id posts to /predictions with the version; list-of-tokens output is joined as text', async () => {
  const version = 'a'.repeat(64);
  const result = await replicate.generate(request({ capability: 'text-to-text', kind: 'text', model: `meta/llama-custom:${version}` }), ctxFor());
  const create = fake.requests.find((r) => r.method === 'POST')!;
  expect(create.path).toBe('/v1/predictions');
  expect(create.json).toEqual({ version, input: { prompt: 'a fox' } });
  expect(result.assets).toEqual([{ kind: 'text', text: 'Hello, world', mediaType: 'text/plain' }]);
});

test('an uncatalogued model gets the standard options under common names, with a warning saying so', async () => {
  const result = await replicate.generate(request({ model: 'acme/painter', size: { width: 512, height: 256 } }), ctxFor());
  expect(fake.requests.find((r) => r.method === 'POST')!.json).toEqual({ input: { prompt: 'a fox', width: 512, height: 256 } });
  expect(result.warnings!.join(' ')).toMatch(/not in automarket's catalogue: sent --size as width\/height/);
});

test('an object output (whisper) becomes its transcription; a small local input goes inline as a data URI', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'talk.wav');
  writeFileSync(file, Buffer.from('RIFF0000WAVEfmt '));
  const input: InputRef = { kind: 'audio', mediaType: 'audio/wav', path: file, name: 'talk.wav', bytes: 16 };
  const result = await replicate.generate(request({ capability: 'audio-to-text', kind: 'text', model: WHISPER, prompt: '', inputs: [input] }), ctxFor());
  const create = fake.requests.find((r) => r.method === 'POST')!;
  expect(create.path).toBe('/v1/predictions');
  expect((create.json as { input: { audio: string } }).input.audio).toBe(`data:audio/wav;base64,${Buffer.from('RIFF0000WAVEfmt ').toString('base64')}`);
  expect(result.assets[0]!.text).toBe('hello from the fake');
});

test('a larger local input is uploaded with the files API (multipart) and its URL goes in the input', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'still.png');
  const bytes = Buffer.concat([PNG_1x1, Buffer.alloc(5000, 1)]);
  writeFileSync(file, bytes);
  const input: InputRef = { kind: 'image', mediaType: 'image/png', path: file, name: 'still.png', bytes: bytes.length };
  const result = await replicate.generate(request({ capability: 'image-to-video', kind: 'video', model: 'minimax/video-01', inputs: [input] }), ctxFor({ dataUriMaxBytes: 1024 }));
  const upload = fake.requests.find((r) => r.path === '/v1/files')!;
  expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  const body = upload.body.toString('latin1');
  expect(body).toMatch(/name="content"; filename="still.png"/);
  expect(body).toMatch(/name="filename"\r\n\r\nstill.png/);
  expect(upload.body.includes(bytes)).toBe(true);
  const create = fake.requests.find((r) => r.path.endsWith('/predictions'))!;
  expect(create.json).toEqual({ input: { prompt: 'a fox', first_frame_image: `${fake.url}/v1/files/file1` } });
  expect(result.assets[0]).toMatchObject({ kind: 'video', url: `${fake.url}/assets/out.mp4` });
});

test('a failed prediction throws its error, after journalling the failure', async () => {
  const ctx = ctxFor();
  await expect(replicate.generate(request({ prompt: 'please fail' }), ctx)).rejects.toThrow(/failed: CUDA out of memory \(fake\)/);
  expect(ctx.updates).toEqual(['queued', 'running', 'failed']);
});

test("problem+json 422 names the field; a bad token's 401 points at REPLICATE_API_TOKEN", async () => {
  const err = await replicate.generate(request({ prompt: 'invalid' }), ctxFor()).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  expect((err as Error).message).toMatch(/rejected the input \(422\).*input\.prompt: too silly/);
  const bad = providerContext({ providerId: 'replicate', baseUrl: `${fake.url}/v1`, key: 'wrong-token-xyz' });
  const err401 = (await replicate.generate(request({}), bad).catch((e: unknown) => e)) as ProviderError;
  expect(err401.message).toMatch(/401.*Invalid token/);
  expect(err401.hint).toMatch(/REPLICATE_API_TOKEN/);
});

test('Ctrl-C while processing cancels the prediction (POST urls.cancel) and throws InterruptedError', async () => {
  const controller = new AbortController();
  const ctx = ctxFor({}, controller.signal);
  const running = replicate.generate(request({ prompt: 'hang', signal: controller.signal }), ctx);
  while (!ctx.updates.includes('running')) await new Promise((r) => setTimeout(r, 10));
  controller.abort();
  await expect(running).rejects.toBeInstanceOf(InterruptedError);
  const cancel = fake.requests.find((r) => r.path.endsWith('/cancel'))!;
  expect(cancel.method).toBe('POST');
  expect(fake.predictions.get(cancel.path.split('/')[3]!)!.status).toBe('canceled');
  expect(ctx.updates.at(-1)).toBe('canceled');
});

test('resume polls a journalled prediction without creating another; cancel hook posts urls.cancel', async () => {
  const first = ctxFor();
  const done = await replicate.generate(request({}), first);
  fake.requests.length = 0;
  const job = { id: 'job_1', provider: 'replicate', model: 'black-forest-labs/flux-schnell', capability: 'text-to-image' as const, status: 'interrupted', requestId: done.requestId!, urls: first.submitted[0]!.urls, data: { kind: 'image' } };
  const resumed = await replicate.resume!(job, ctxFor());
  expect(resumed.assets).toHaveLength(1);
  expect(fake.requests.every((r) => r.method === 'GET')).toBe(true);
  const hanging = ctxFor();
  const controller = new AbortController();
  const pending = replicate.generate(request({ prompt: 'hang', signal: controller.signal }), hanging);
  while (hanging.submitted.length === 0) await new Promise((r) => setTimeout(r, 10));
  await replicate.cancel!({ ...job, requestId: hanging.submitted[0]!.requestId, urls: hanging.submitted[0]!.urls }, ctxFor());
  await expect(pending).rejects.toThrow(/was canceled/);
});

test('Prefer: wait is sent when configured', async () => {
  await replicate.generate(request({}), ctxFor({ wait: 30 }));
  expect(fake.requests.find((r) => r.method === 'POST')!.headers.prefer).toBe('wait=30');
});
