/**
 * N image generations through the official openai SDK (b64_json decoded and written to a file,
 * as automarket does), against the local fake. Usage: node openai-sdk-loop.mjs <n> <outDir> <baseURL>
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import OpenAI from 'openai';
import { timeLoop } from '../lib/loop.mjs';

const [n, outDir, baseURL] = process.argv.slice(2);
const client = new OpenAI({ apiKey: 'bench-key', baseURL, maxRetries: 0 });

async function once(i) {
  const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'a lighthouse at dusk', size: '1024x1024' });
  await writeFile(path.join(outDir, `sdk-${i}.png`), Buffer.from(result.data[0].b64_json, 'base64'));
}

await timeLoop(Number(n), once);
