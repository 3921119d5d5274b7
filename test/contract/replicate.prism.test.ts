/**
 * The replicate adapter's requests against Replicate's official OpenAPI spec, served by Prism:
 * every request it sends is accepted (no 422), and a deliberately wrong one is refused.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPrediction, getPrediction, cancelPrediction } from '../../providers/replicate/predictions.js';
import { uploadFile } from '../../providers/replicate/upload.js';
import { discoverReplicate } from '../../providers/replicate/discover.js';
import { HttpStatusError } from '../../src/http.js';
import { providerContext } from '../helpers/provider-ctx.js';
import { startPrism, type Prism } from '../helpers/prism-mock.js';
import { tempDir } from '../helpers/cli.js';
import { PNG_1x1 } from '../helpers/media.js';

let prism: Prism;
beforeAll(async () => {
  prism = await startPrism('replicate.openapi.json');
}, 90_000);
afterAll(() => prism?.stop());

const ctxFor = (settings: Record<string, unknown> = {}) => providerContext({ providerId: 'replicate', baseUrl: prism.url, key: 'r8_prism_token', settings });

test('create on an official model (with Prefer: wait=n) and on a version are accepted', async () => {
  const official = await createPrediction(ctxFor({ wait: 5 }), 'r8_prism_token', 'black-forest-labs/flux-schnell', { prompt: 'x', num_outputs: 2 });
  expect(typeof official.id).toBe('string');
  const versioned = await createPrediction(ctxFor(), 'r8_prism_token', `replicate/hello-world:${'5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa'}`, { text: 'Alice' });
  expect(typeof versioned.id).toBe('string');
});

test('poll and cancel are accepted', async () => {
  const ctx = ctxFor();
  const p = await getPrediction(ctx, 'r8_prism_token', `${prism.url}/predictions/gm3qorzdhgbfurvjtvhg6dckhu`, ctx.signal);
  expect(p.id).toBeDefined();
  expect(await cancelPrediction(ctx, 'r8_prism_token', { get: `${prism.url}/predictions/abc`, cancel: `${prism.url}/predictions/abc/cancel` })).toBe(true);
});

test('the multipart files upload is accepted', async () => {
  const file = path.join(tempDir(), 'still.png');
  writeFileSync(file, PNG_1x1);
  const url = await uploadFile({ kind: 'image', mediaType: 'image/png', path: file, name: 'still.png', bytes: PNG_1x1.length }, ctxFor(), 'r8_prism_token');
  expect(typeof url).toBe('string');
});

test('discovery requests (collections, a collection, models) are accepted', async () => {
  const models = await discoverReplicate(ctxFor({ discoverModelPages: 1 }));
  expect(Array.isArray(models)).toBe(true);
});

test('validation is live: a body with an unknown field, and a files upload without content, are refused with 422', async () => {
  // (Prism takes the Prefer header as its own control, so Prefer values cannot be checked here.)
  const ctx = ctxFor();
  const wrongBody = await ctx.http.request({ method: 'POST', url: `${prism.url}/predictions`, headers: { authorization: 'Bearer t' }, json: { version: 'v', input: {}, colour: 'red' }, retry: 'none' }).catch((e: unknown) => e);
  expect(wrongBody).toBeInstanceOf(HttpStatusError);
  expect((wrongBody as HttpStatusError).statusCode).toBe(422);
  const form = new FormData();
  form.append('filename', 'x.png');
  const noContent = await ctx.http.request({ method: 'POST', url: `${prism.url}/files`, headers: { authorization: 'Bearer t' }, body: form, retry: 'none' }).catch((e: unknown) => e);
  expect((noContent as HttpStatusError).statusCode).toBe(422);
});
