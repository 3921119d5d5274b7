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

/** Rounds per client: they alternate (ours, theirs, ours...) and the median of each is kept, so a
 * burst of load from elsewhere on the machine lands on one round, not on one side of the ratio. */
const ROUNDS = 3;

async function compare(label, ws, automarketArgs, sdkScript, sdkArgs, n) {
  const oursRuns = [];
  const theirsRuns = [];
  for (let round = 0; round < ROUNDS; round++) {
    oursRuns.push(await runJsonScript(path.join(clients, 'automarket-loop.mjs'), [String(n), ws.out, '--', ...automarketArgs], { env: ws.env, cwd: ws.out }));
    theirsRuns.push(await runJsonScript(path.join(clients, sdkScript), [String(n), ws.out, ...sdkArgs], { env: ws.env, cwd: ws.out }));
  }
  const ours = { cpuMsPer: median(oursRuns.map((r) => r.cpuMsPer)), wallMsPer: median(oursRuns.map((r) => r.wallMsPer)) };
  const theirs = { cpuMsPer: median(theirsRuns.map((r) => r.cpuMsPer)), wallMsPer: median(theirsRuns.map((r) => r.wallMsPer)) };
  const ratio = ours.cpuMsPer / theirs.cpuMsPer;
  return [
    { measure: `${label}: CPU per request (${n} sequential, median of ${ROUNDS})`, value: fmt.msPer(ours.cpuMsPer), baseline: `${fmt.msPer(theirs.cpuMsPer)} (${sdkScript.replace('-loop.mjs', '')})`, ratio: fmt.ratio(ratio), target: '≤ 1.00x', met: ratio <= 1 },
    { measure: `${label}: wall per request`, value: fmt.msPer(ours.wallMsPer), baseline: fmt.msPer(theirs.wallMsPer), ratio: fmt.ratio(ours.wallMsPer / theirs.wallMsPer) },
  ];
}

export async function overhead({ requests }) {
  const rows = [];
  const fal = await startFalFake();
  const falWs = workspace('fal', { providers: { fal: { baseUrl: fal.url, pollIntervalMs: 1 } } });
  try {
    falWs.env.FAL_KEY = 'bench-key';
    rows.push(...(await compare('fal image', falWs, ['generate', 'image', 'a lighthouse at dusk', '-p', 'fal', '-o', '{out}/am-{i}.png', '--quiet', '--force'], 'fal-sdk-loop.mjs', [fal.url], requests)));
  } finally {
    falWs.cleanup();
    await fal.close();
  }
  const openai = await startOpenAIFake();
  const oaWs = workspace('openai', { providers: { openai: { baseUrl: `${openai.url}/v1` } } });
  try {
    oaWs.env.OPENAI_API_KEY = 'bench-key';
    rows.push(...(await compare('openai image', oaWs, ['generate', 'image', 'a lighthouse at dusk', '-m', 'openai:gpt-image-1', '-o', '{out}/am-{i}.png', '--quiet', '--force'], 'openai-sdk-loop.mjs', [`${openai.url}/v1`], requests)));
  } catch (err) {
    rows.push({ measure: 'openai image: CPU per request', value: `failed: ${err.message.split('\n')[0]}` });
  } finally {
    oaWs.cleanup();
    await openai.close();
  }
  return rows;
}
