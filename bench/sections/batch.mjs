/**
 * Batch throughput: items at concurrency 16 against a fake that takes 50 ms a job, against the
 * ideal (concurrency / latency); and peak memory for a very large batch.
 */
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { measure } from '../lib/measure.mjs';
import { startOpenAIFake } from '../lib/fakes.mjs';
import { fmt } from '../lib/table.mjs';
import { BIN, workspace } from './workspace.mjs';

const CONCURRENCY = 16;
const LATENCY_MS = 50;

async function writeItems(file, n) {
  const out = createWriteStream(file);
  for (let i = 0; i < n; i++) {
    if (!out.write(`${JSON.stringify({ id: `item-${i}`, kind: 'image', prompt: `a lighthouse at dusk, variation ${i}`, model: 'openai:gpt-image-1' })}\n`)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

async function runBatch(n, latencyMs) {
  const fake = await startOpenAIFake({ latencyMs });
  const ws = workspace(`batch${n}`, { providers: { openai: { baseUrl: `${fake.url}/v1`, concurrency: CONCURRENCY } } });
  try {
    ws.env.OPENAI_API_KEY = 'bench-key';
    const items = path.join(ws.dir, 'items.jsonl');
    await writeItems(items, n);
    return await measure(process.execPath, [BIN, 'batch', items, '--concurrency', String(CONCURRENCY), '-o', ws.out, '--json', '--yes'], { env: ws.env, cwd: ws.dir });
  } finally {
    ws.cleanup();
    await fake.close();
  }
}

export async function batch({ items, memoryItems }) {
  const timed = await runBatch(items, LATENCY_MS);
  const ideal = CONCURRENCY / (LATENCY_MS / 1000);
  const throughput = items / timed.wall_s;
  const share = throughput / ideal;
  const big = await runBatch(memoryItems, 0);
  return [
    { measure: `batch: ${items} items, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms jobs`, value: `${throughput.toFixed(0)} items/s`, baseline: `${ideal.toFixed(0)} items/s (ideal)`, ratio: fmt.pct(share), target: '≥ 90 %', met: share >= 0.9 },
    { measure: `batch: peak RSS at ${memoryItems} items`, value: fmt.mib(big.max_rss_kib), target: '< 150 MiB', met: big.max_rss_kib < 150 * 1024 },
  ];
}
