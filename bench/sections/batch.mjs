/**
 * Batch throughput: items at concurrency 16 against a fake that takes 50 ms a job, against the
 * ideal (concurrency / latency); and peak memory for a very large batch.
 */
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { measure, runJsonScript } from '../lib/measure.mjs';
import { startOpenAIFake } from '../lib/fakes.mjs';
import { fmt } from '../lib/table.mjs';
import { BIN, ROOT, workspace } from './workspace.mjs';

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
    const run = await measure(process.execPath, [BIN, 'batch', items, '--concurrency', String(CONCURRENCY), '-o', ws.out, '--json', '--yes'], { env: ws.env, cwd: ws.dir });
    return { ...run, server: fake.stats() };
  } finally {
    ws.cleanup();
    await fake.close();
  }
}

/** What this machine allows at all: the same requests from bare node:http, nothing else done. */
async function bareClient(n, latencyMs) {
  const fake = await startOpenAIFake({ latencyMs });
  try {
    const r = await runJsonScript(path.join(ROOT, 'bench', 'clients', 'bare-http-batch.mjs'), [String(n), String(CONCURRENCY), `${fake.url}/v1/images/generations`]);
    return r.itemsPerSecond;
  } finally {
    await fake.close();
  }
}

/**
 * Two figures for the same run: the whole process (spawn to exit, start-up and the check-and-estimate
 * pass included: what a user waits for), and the steady state the fake saw (first request to last
 * answer: how well the 16 slots are kept busy once running).
 */
export async function batch({ items, memoryItems }) {
  const timed = await runBatch(items, LATENCY_MS);
  const ideal = CONCURRENCY / (LATENCY_MS / 1000);
  const whole = items / timed.wall_s / ideal;
  const steadySeconds = (timed.server.lastAnswer - timed.server.firstArrival) / 1000;
  // A perfect client scores 99 % here (1000 items are 63 rounds of 16, the last one half full).
  const steady = timed.server.served / steadySeconds / ideal;
  const floor = await bareClient(items, LATENCY_MS);
  const big = await runBatch(memoryItems, 0);
  const label = `batch: ${items} items, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms jobs`;
  return [
    { measure: `${label} (whole run)`, value: `${(items / timed.wall_s).toFixed(0)} items/s`, baseline: `${ideal.toFixed(0)} items/s (ideal)`, ratio: fmt.pct(whole), target: '≥ 90 %', met: whole >= 0.9 },
    { measure: `${label} (steady state at the server)`, value: `${(steady * ideal).toFixed(0)} items/s`, baseline: `${ideal.toFixed(0)} items/s (ideal)`, ratio: fmt.pct(steady), target: '≥ 90 %', met: steady >= 0.9 },
    { measure: `${label}: floor, bare node:http client (information)`, value: `${floor.toFixed(0)} items/s`, baseline: `${ideal.toFixed(0)} items/s (ideal)`, ratio: fmt.pct(floor / ideal) },
    { measure: `batch: peak RSS at ${memoryItems} items`, value: fmt.mib(big.max_rss_kib), target: '< 150 MiB', met: big.max_rss_kib < 150 * 1024 },
  ];
}
