/**
 * Download: a large video from a loopback server through `generate` (fal returns its URL) against
 * `curl -o`, wall time and peak RSS, at two sizes to show memory does not grow with the file.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { measure } from '../lib/measure.mjs';
import { startBigFileServer, startFalFake } from '../lib/fakes.mjs';
import { fmt } from '../lib/table.mjs';
import { BIN, workspace } from './workspace.mjs';

export async function download({ sizesMiB }) {
  const rows = [];
  for (const mib of sizesMiB) {
    const file = await startBigFileServer(mib * 1024 * 1024);
    const fal = await startFalFake({ resultFile: { url: file.url, contentType: 'video/mp4' } });
    const ws = workspace(`dl${mib}`, { providers: { fal: { baseUrl: fal.url, pollIntervalMs: 1 } } });
    try {
      ws.env.FAL_KEY = 'bench-key';
      const curlOut = path.join(ws.out, 'curl.mp4');
      const curl = await measure('curl', ['-s', '-o', curlOut, file.url], { env: ws.env });
      rmSync(curlOut, { force: true });
      const ours = await measure(process.execPath, [BIN, 'generate', 'video', 'waves', '-p', 'fal', '-m', 'fal-ai/kling-video', '-o', path.join(ws.out, 'ours.mp4'), '--quiet'], { env: ws.env, cwd: ws.dir });
      const ratio = ours.wall_s / curl.wall_s;
      rows.push({ measure: `download ${mib} MiB: wall`, value: fmt.ms(ours.wall_s), baseline: `${fmt.ms(curl.wall_s)} (curl)`, ratio: fmt.ratio(ratio), target: '≤ 1.5x', met: ratio <= 1.5 });
      rows.push({ measure: `download ${mib} MiB: peak RSS`, value: fmt.mib(ours.max_rss_kib), baseline: `${fmt.mib(curl.max_rss_kib)} (curl)`, target: '< 100 MiB', met: ours.max_rss_kib < 100 * 1024 });
    } finally {
      ws.cleanup();
      await fal.close();
      await file.close();
    }
  }
  return rows;
}
