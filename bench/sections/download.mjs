/**
 * Download: a large video from a loopback server through `generate` (fal returns its URL) against
 * `curl -o`, wall time and peak RSS, at two sizes to show memory does not grow with the file.
 *
 * Both write hundreds of MiB to disk, so a run can be slowed by the kernel writing back the previous
 * run's file: every timed run starts after `sync` with the previous output deleted, the two tools
 * alternate, and the median of three runs each is kept (the peak RSS is the highest of the three).
 */
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { measure, median } from '../lib/measure.mjs';
import { startBigFileServer, startFalFake } from '../lib/fakes.mjs';
import { fmt } from '../lib/table.mjs';
import { BIN, workspace } from './workspace.mjs';

const ROUNDS = 3;

async function settled(run, output) {
  rmSync(output, { force: true });
  execFileSync('sync');
  const result = await run();
  rmSync(output, { force: true });
  return result;
}

export async function download({ sizesMiB }) {
  const rows = [];
  for (const mib of sizesMiB) {
    const file = await startBigFileServer(mib * 1024 * 1024);
    const fal = await startFalFake({ resultFile: { url: file.url, contentType: 'video/mp4' } });
    const ws = workspace(`dl${mib}`, { providers: { fal: { baseUrl: fal.url, pollIntervalMs: 1 } } });
    try {
      ws.env.FAL_KEY = 'bench-key';
      const curlOut = path.join(ws.out, 'curl.mp4');
      const oursOut = path.join(ws.out, 'ours.mp4');
      const curlRuns = [];
      const oursRuns = [];
      for (let round = 0; round < ROUNDS; round++) {
        curlRuns.push(await settled(() => measure('curl', ['-s', '-o', curlOut, file.url], { env: ws.env }), curlOut));
        oursRuns.push(await settled(() => measure(process.execPath, [BIN, 'generate', 'video', 'waves', '-p', 'fal', '-m', 'fal-ai/kling-video', '-o', oursOut, '--quiet'], { env: ws.env, cwd: ws.dir }), oursOut));
      }
      const curl = { wall_s: median(curlRuns.map((r) => r.wall_s)), max_rss_kib: Math.max(...curlRuns.map((r) => r.max_rss_kib)) };
      const ours = { wall_s: median(oursRuns.map((r) => r.wall_s)), max_rss_kib: Math.max(...oursRuns.map((r) => r.max_rss_kib)) };
      const ratio = ours.wall_s / curl.wall_s;
      rows.push({ measure: `download ${mib} MiB: wall (median of ${ROUNDS})`, value: fmt.ms(ours.wall_s), baseline: `${fmt.ms(curl.wall_s)} (curl)`, ratio: fmt.ratio(ratio), target: '≤ 1.5x', met: ratio <= 1.5 });
      rows.push({ measure: `download ${mib} MiB: peak RSS (highest of ${ROUNDS})`, value: fmt.mib(ours.max_rss_kib), baseline: `${fmt.mib(curl.max_rss_kib)} (curl)`, target: '< 100 MiB', met: ours.max_rss_kib < 100 * 1024 });
    } finally {
      ws.cleanup();
      await fal.close();
      await file.close();
    }
  }
  return rows;
}
