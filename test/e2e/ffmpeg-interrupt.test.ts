/**
 * Ctrl-C in the middle of a long encode: the CLI exits 130, the ffmpeg child is gone, and no output
 * (nor temp file) is left behind, for compose and for the provider.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startCli, tempDir } from '../helpers/cli.js';
import { makeImage } from '../helpers/media.js';
import { waitFor } from '../helpers/wait.js';

/** Processes whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needle: string): number[] {
  if (!existsSync('/proc')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      /* it ended meanwhile */
    }
  }
  return pids;
}

describe('Ctrl-C mid-encode', () => {
  test('compose: exit 130, ffmpeg killed, no output and no temp file', async () => {
    const dir = tempDir('automarket-sigint-');
    await makeImage(path.join(dir, 'still.png'), 'gray', '320x240');
    // Ten minutes of 720p from one still: far longer than the test waits.
    writeFileSync(path.join(dir, 'long.json'), JSON.stringify({ clips: [{ path: 'still.png', duration: 600 }], size: '1280x720', output: 'long.mp4' }));
    const child = startCli(['compose', 'long.json'], { cwd: dir, timeoutMs: 120_000 });
    // ffmpeg's command line names the atomic writer's temp file: the encode is under way.
    await waitFor(() => processesMentioning(path.join(dir, '.long.mp4.')).length > 0, 'the encode to start');
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toMatch(/Interrupted/);
    expect(readdirSync(dir).sort()).toEqual(['long.json', 'still.png']);
    await waitFor(() => processesMentioning(path.join(dir, '.long.mp4')).length === 0, 'ffmpeg to end', 5_000);
  });

  test('generate (a long Ken Burns): exit 130, ffmpeg killed, nothing written, temp dir removed', async () => {
    const dir = tempDir('automarket-sigint-');
    const tmp = tempDir('automarket-sigint-tmp-');
    await makeImage(path.join(dir, 'still.png'), 'gray', '320x240');
    const child = startCli(['generate', 'video', '-i', 'still.png', '-p', 'ffmpeg', 'zoom', '--duration', '600', '--size', '1280x720', '-o', 'kb.mp4'], { cwd: dir, env: { TMPDIR: tmp }, timeoutMs: 120_000 });
    await waitFor(() => processesMentioning(tmp).length > 0 && readdirSync(tmp).some((d) => readdirSync(path.join(tmp, d)).some((f) => f.startsWith('ffmpeg-'))), 'the encode to start');
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(readdirSync(dir)).toEqual(['still.png']);
    await waitFor(() => processesMentioning(tmp).length === 0, 'ffmpeg to end', 5_000);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
