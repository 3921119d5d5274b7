/**
 * Per-request overhead: N sequential image generations against zero-latency fakes, through
 * automarket (its entry point, in one process) and through the official SDKs; CPU and wall per request.
 */
import path from 'node:path';
import { median, runJsonScript } from '../lib/measure.mjs';
import { startFalFake, startOpenAIFake } from '../lib/fakes.mjs';
import { fmt } from '../lib/table.mjs';
import { ROOT, workspace } from './workspace.mjs';

const clients = path.join(ROOT, 'bench', 'clients');

/** Rounds per client: they alternate (client API, run(argv), SDK, ...) and the median of each is kept,
 * so a burst of load from elsewhere on the machine lands on one round, not on one side of a ratio. */
const ROUNDS = 3;

const medianOf = (runs) => ({ cpuMsPer: median(runs.map((r) => r.cpuMsPer)), wallMsPer: median(runs.map((r) => r.wallMsPer)) });

/**
 * Three ways to make the same `n` images, each in one process after a warm-up:
 * - automarket's client API (createClient, set up once: the like-for-like of an SDK client);
 * - automarket's run(argv), the CLI in-process (parses argv, loads config, builds the registry on
 *   every call: what `automarket generate` costs beyond node's start-up);
 * - the official SDK.
 */
async function compare(label, ws, { clientOptions, argv }, sdkScript, sdkArgs, n) {
  const runs = { client: [], cli: [], sdk: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.client.push(await runJsonScript(path.join(clients, 'automarket-client-loop.mjs'), [String(n), ws.out, JSON.stringify(clientOptions)], { env: ws.env, cwd: ws.out }));
    runs.cli.push(await runJsonScript(path.join(clients, 'automarket-loop.mjs'), [String(n), ws.out, '--', ...argv], { env: ws.env, cwd: ws.out }));
    runs.sdk.push(await runJsonScript(path.join(clients, sdkScript), [String(n), ws.out, ...sdkArgs], { env: ws.env, cwd: ws.out }));
  }
  const client = medianOf(runs.client);
  const cli = medianOf(runs.cli);
  const sdk = medianOf(runs.sdk);
  const sdkName = sdkScript.replace('-loop.mjs', '');
  const cpuRatio = client.cpuMsPer / sdk.cpuMsPer;
  return [
    { measure: `${label}: CPU per request, client API (${n} sequential, median of ${ROUNDS})`, value: fmt.msPer(client.cpuMsPer), baseline: `${fmt.msPer(sdk.cpuMsPer)} (${sdkName})`, ratio: fmt.ratio(cpuRatio), target: '≤ 1.00x', met: cpuRatio <= 1 },
    { measure: `${label}: wall per request, client API`, value: fmt.msPer(client.wallMsPer), baseline: fmt.msPer(sdk.wallMsPer), ratio: fmt.ratio(client.wallMsPer / sdk.wallMsPer) },
    { measure: `${label}: CPU per request, run(argv) per request`, value: fmt.msPer(cli.cpuMsPer), baseline: `${fmt.msPer(sdk.cpuMsPer)} (${sdkName})`, ratio: fmt.ratio(cli.cpuMsPer / sdk.cpuMsPer) },
  ];
}

export async function overhead({ requests }) {
  const rows = [];
  const fal = await startFalFake();
  const falWs = workspace('fal', { providers: { fal: { baseUrl: fal.url, pollIntervalMs: 1 } } });
  try {
    falWs.env.FAL_KEY = 'bench-key';
    const ways = {
      clientOptions: { kind: 'image', prompt: 'a lighthouse at dusk', provider: 'fal', output: '{out}/am-{i}.png', force: true },
      argv: ['generate', 'image', 'a lighthouse at dusk', '-p', 'fal', '-o', '{out}/am-{i}.png', '--quiet', '--force'],
    };
    rows.push(...(await compare('fal image', falWs, ways, 'fal-sdk-loop.mjs', [fal.url], requests)));
  } finally {
    falWs.cleanup();
    await fal.close();
  }
  const openai = await startOpenAIFake();
  const oaWs = workspace('openai', { providers: { openai: { baseUrl: `${openai.url}/v1` } } });
  try {
    oaWs.env.OPENAI_API_KEY = 'bench-key';
    const ways = {
      clientOptions: { kind: 'image', prompt: 'a lighthouse at dusk', model: 'openai:gpt-image-1', output: '{out}/am-{i}.png', force: true },
      argv: ['generate', 'image', 'a lighthouse at dusk', '-m', 'openai:gpt-image-1', '-o', '{out}/am-{i}.png', '--quiet', '--force'],
    };
    rows.push(...(await compare('openai image', oaWs, ways, 'openai-sdk-loop.mjs', [`${openai.url}/v1`], requests)));
  } catch (err) {
    rows.push({ measure: 'openai image: CPU per request', value: `failed: ${err.message.split('\n')[0]}` });
  } finally {
    oaWs.cleanup();
    await openai.close();
  }
  return rows;
}
