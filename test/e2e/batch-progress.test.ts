/**
 * The batch's live progress line on a real terminal (tmux): read off the screen while items are held
 * in the fake fal's queue, and gone at the end, leaving the summary. With stdout redirected (run
 * under `script`, which records every byte the terminal got) no progress line is ever drawn.
 */
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { BIN, cliEnv, tempDir } from '../helpers/cli.js';
import { PROMPT_REFUSED, startFalFake, type FalFake } from '../fakes/fal-queue.js';
import { startInTmux, tmuxAvailable, type TmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

const KEY = 'fal-test-key-0123456789';
let png: Buffer;
let available = true;

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer();
  available = await tmuxAvailable();
  if (!available && process.env.CI) throw new Error('tmux is required for the terminal tests in CI');
});

const sessions: TmuxSession[] = [];
const fakes: FalFake[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const f of fakes.splice(0)) await f.close();
});

/** Six items: p3 is refused by the fake, p4 and p5 stay in its queue while `held` is true. */
async function setup() {
  const state = { held: true };
  const fal = await startFalFake({
    key: KEY,
    files: { image: png },
    queuePolls: 0,
    progressPolls: 1,
    rejectSubmit: (input) => (input.prompt === 'p3' ? PROMPT_REFUSED : undefined),
    holdInProgress: (job) => state.held && (job.input.prompt === 'p4' || job.input.prompt === 'p5'),
  });
  fakes.push(fal);
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'test.config.json'), JSON.stringify({ providers: { fal: { baseUrl: fal.url, pollIntervalMs: 20 } } }));
  const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `item-${i + 1}`, kind: 'image', prompt: `p${i + 1}`, provider: 'fal', output: `out/${i + 1}.png` }));
  writeFileSync(path.join(cwd, 'items.jsonl'), `${lines.join('\n')}\n`);
  const env = { FAL_KEY: KEY, AUTOMARKET_HOME: tempDir('automarket-home-') };
  return { fal, cwd, env, state, args: ['--config', 'test.config.json', 'batch', 'items.jsonl', '-c', '2', '--yes'] };
}

describe('batch progress on a terminal', () => {
  test('a live line shows done, running, failed and cost so far; at the end only the summary stays', async () => {
    if (!available) return;
    const { cwd, env, state, args } = await setup();
    const s = await startInTmux(args, { cwd, env });
    sessions.push(s);

    // p1, p2 written, p3 refused, p4 and p5 held in the queue (both slots busy), p6 waiting.
    const mid = await s.waitFor(/batch 3\/6: 2 done, 2 running, 1 failed, \$\d+\.\d+/);
    const progress = mid.split('\n').filter((l) => /^batch \d+\/6:/.test(l));
    expect(progress).toHaveLength(1); // redrawn in place, not scrolled
    expect(mid).toMatch(/error: item item-3 \(line 3\): .*prompt refused/);
    expect(mid).toContain(path.join(cwd, 'out', '1.png'));
    expect(mid).not.toMatch(/EXIT=/);

    state.held = false;
    const end = await s.waitFor(/EXIT=\d+/);
    expect(end).toMatch(/EXIT=1/);
    expect(end).toMatch(/batch: 5 written, 1 failed, 0 skipped of 6 in \d+\.\d s, cost \$\d+\.\d+/);
    expect(end).toMatch(/1 of 6 items failed: item-3/);
    expect(end).not.toMatch(/^batch \d+\/6:/m); // the live line is cleared, not left behind
    for (const i of [1, 2, 4, 5, 6]) expect(existsSync(path.join(cwd, 'out', `${i}.png`))).toBe(true);
  });

  test('with stdout redirected there is no live line, only the summary', async () => {
    const { fal, cwd, env, state, args } = await setup();
    const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    const command = `${[process.execPath, BIN, ...args].map(quote).join(' ')} > paths.txt`;
    const run = execa('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd, env: cliEnv(env), extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 });
    await waitFor(() => fal.submitted.includes('p4') && fal.submitted.includes('p5'), 'p4 and p5 to be held in the queue');
    state.held = false;
    const r = await run;
    const terminal = String(r.stdout); // everything the terminal received: stderr only
    expect(r.exitCode).toBe(1);
    expect(terminal).toMatch(/batch: 5 written, 1 failed, 0 skipped of 6/);
    expect(terminal).not.toMatch(/batch \d+\/6:/);
    expect(terminal).not.toContain('\x1b[2K');
    expect(readFileSync(path.join(cwd, 'paths.txt'), 'utf8').trim().split('\n')).toHaveLength(5);
  });
});
