/**
 * The same N generations through the official @fal-ai/client (subscribe, then download the image
 * and write it, as automarket does), pointed at the local fake by its request middleware.
 * Usage: node fal-sdk-loop.mjs <n> <outDir> <fakeBaseUrl>
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fal } from '@fal-ai/client';
import { timeLoop } from '../lib/loop.mjs';

const [n, outDir, base] = process.argv.slice(2);
fal.config({
  credentials: 'bench-key',
  requestMiddleware: async (request) => ({ ...request, url: request.url.replace(/^https:\/\/queue\.fal\.run/, base) }),
});

async function once(i) {
  const result = await fal.subscribe('fal-ai/flux/schnell', { input: { prompt: 'a lighthouse at dusk' }, pollInterval: 1, logs: false });
  const image = result.data.images[0];
  const res = await fetch(image.url);
  await writeFile(path.join(outDir, `sdk-${i}.png`), Buffer.from(await res.arrayBuffer()));
}

await timeLoop(Number(n), once);
