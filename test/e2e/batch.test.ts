import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { jsonLines, runCli, startCli, tempDir } from '../helpers/cli.js';
import { PROMPT_REFUSED, startFalFake, type FalFake, type FalFakeOptions } from '../fakes/fal-queue.js';
import { waitFor } from '../helpers/wait.js';

const KEY = 'fal-test-key-0123456789';
let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer();
});

/** Jobs skip the queue and run for `progressPolls` polls (default 1) before they complete. */
function startFal(options: Partial<FalFakeOptions> = {}): Promise<FalFake> {
  return startFalFake({ key: KEY, files: { image: png }, queuePolls: 0, progressPolls: 1, ...options });
}

function setup(fal: FalFake, providerSettings: Record<string, unknown> = {}) {
  const cwd = tempDir();
  const home = tempDir('automarket-home-');
  const config = path.join(cwd, 'test.config.json');
  writeFileSync(config, JSON.stringify({ providers: { fal: { baseUrl: fal.url, pollIntervalMs: 20, ...providerSettings } } }));
  const env = { FAL_KEY: KEY, AUTOMARKET_HOME: home };
  return { cwd, home, config, env };
}

function writeItems(cwd: string, prompts: string[]): string {
  const file = path.join(cwd, 'items.jsonl');
  writeFileSync(file, prompts.map((p, i) => JSON.stringify({ id: `item-${i + 1}`, kind: 'image', prompt: p, provider: 'fal', output: `out/${i + 1}.png` })).join('\n') + '\n');
  return file;
}

describe('batch', () => {
  test('50 lines at concurrency 8 against a fake fal: one fails (exit 1, its id listed), the other 49 are written', async () => {
    const fal = await startFal({ rejectSubmit: (input) => (input.prompt === 'prompt 17' ? PROMPT_REFUSED : undefined), progressPolls: 2 });
    try {
      const { cwd, config, env } = setup(fal);
      const file = writeItems(cwd, Array.from({ length: 50 }, (_, i) => `prompt ${i + 1}`));
      const r = await runCli(['--config', config, 'batch', file, '--concurrency', '8', '--json'], { cwd, env });
      expect(r.exitCode).toBe(1);
      const lines = jsonLines(r.stdout);
      const error = lines.find((l) => 'error' in l) as { error: { code: string; message: string; data: { failed: string[] } } };
      expect(error.error.code).toBe('BATCH_FAILED');
      expect(error.error.data.failed).toEqual(['item-17']);
      expect(r.stderr).toMatch(/item-17/);
      const written = lines.filter((l) => 'path' in l);
      expect(written).toHaveLength(49);
      for (let i = 1; i <= 50; i++) expect(existsSync(path.join(cwd, 'out', `${i}.png`))).toBe(i !== 17);
      expect(readFileSync(path.join(cwd, 'out', '1.png')).equals(png)).toBe(true);
      expect(fal.submitted).toHaveLength(50);
      // All 8 slots are used, and the workers that prepare and write meanwhile never add a 9th job.
      expect(fal.maxOutstanding).toBe(8);
      expect(r.stderr).toMatch(/49 written, 1 failed/);
    } finally {
      await fal.close();
    }
  });

  test('providers.<id>.concurrency caps one provider below the global limit', async () => {
    const fal = await startFal({ progressPolls: 2 });
    try {
      const { cwd, config, env } = setup(fal, { concurrency: 2 });
      const file = writeItems(cwd, Array.from({ length: 10 }, (_, i) => `p${i}`));
      const r = await runCli(['--config', config, 'batch', file, '-c', '8'], { cwd, env });
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(10);
      expect(fal.maxOutstanding).toBe(2);
    } finally {
      await fal.close();
    }
  });

  test('items with one prompt written at once into one directory each get their own file', async () => {
    const fal = await startFal({ progressPolls: 1 });
    try {
      const { cwd, config, env } = setup(fal);
      const file = path.join(cwd, 'same.jsonl');
      // No per-item output: every item renders the same template name, and they finish together.
      writeFileSync(file, Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `same-${i}`, kind: 'image', prompt: 'one prompt', provider: 'fal' })).join('\n') + '\n');
      const r = await runCli(['--config', config, 'batch', file, '-c', '12', '-o', 'shots/', '--json'], { cwd, env });
      expect(r.exitCode).toBe(0);
      const paths = jsonLines(r.stdout).map((l) => l.path as string);
      expect(paths).toHaveLength(12);
      expect(new Set(paths).size).toBe(12);
      for (const p of paths) expect(readFileSync(p).equals(png)).toBe(true);
      expect(readdirSync(path.join(cwd, 'shots')).filter((f) => f.endsWith('.part'))).toEqual([]);
    } finally {
      await fal.close();
    }
  });

  test('killed half-way then rerun: written items are skipped, submitted ones resumed, nothing is submitted twice', async () => {
    let held = true;
    const slow = new Set(['p6', 'p7', 'p8', 'p9']);
    const fal = await startFal({ holdInProgress: (job) => held && slow.has(String(job.input.prompt)) });
    try {
      const { cwd, home, config, env } = setup(fal);
      const prompts = Array.from({ length: 10 }, (_, i) => `p${i + 1}`);
      const file = writeItems(cwd, prompts);
      const journal = path.join(home, 'state', 'jobs.jsonl');
      const first = startCli(['--config', config, 'batch', file, '-c', '4'], { cwd, env });
      const submittedInJournal = () => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter((l) => l.includes('"requestId"')).length : 0);
      await waitFor(() => [1, 2, 3, 4, 5].every((i) => existsSync(path.join(cwd, 'out', `${i}.png`))) && submittedInJournal() >= 9, 'five written and four more submitted');
      first.kill('SIGKILL');
      await first;
      expect(fal.submitted).toHaveLength(9); // p10 never got a slot
      for (const i of [6, 7, 8, 9, 10]) expect(existsSync(path.join(cwd, 'out', `${i}.png`))).toBe(false);

      held = false;
      const second = await runCli(['--config', config, 'batch', file, '-c', '4', '--json'], { cwd, env });
      expect(second.exitCode).toBe(0);
      for (const p of prompts) expect(fal.submitted.filter((s) => s === p)).toHaveLength(1);
      for (let i = 1; i <= 10; i++) expect(existsSync(path.join(cwd, 'out', `${i}.png`))).toBe(true);
      expect(jsonLines(second.stdout).map((l) => l.id).sort()).toEqual(['item-10', 'item-6', 'item-7', 'item-8', 'item-9']);
      expect(second.stderr).toMatch(/5 written \(4 resumed\), 0 failed, 5 skipped/);

      // A third run has nothing left to do.
      const third = await runCli(['--config', config, 'batch', file], { cwd, env });
      expect(third.exitCode).toBe(0);
      expect(third.stdout).toBe('');
      expect(fal.submitted).toHaveLength(10);
    } finally {
      await fal.close();
    }
  });

  test('items without an output are resumed from the batch state; CSV on stdin works', async () => {
    const cwd = tempDir();
    const csv = 'id,kind,prompt,size,params\na,image,"a fox, at night",32x32,"{""note"":1}"\nb,image,a heron,32x32,\n';
    const r1 = await runCli(['batch', '-', '-o', 'drafts', '--json'], { cwd, input: csv, env: { AUTOMARKET_HOME: path.join(cwd, 'home') } });
    expect(r1.exitCode).toBe(0);
    const lines = jsonLines(r1.stdout);
    expect(lines.map((l) => l.id).sort()).toEqual(['a', 'b']);
    expect(lines.find((l) => l.id === 'a')).toMatchObject({ prompt: 'a fox, at night', width: 32, provider: 'local' });
    const r2 = await runCli(['batch', '-', '-o', 'drafts', '--json'], { cwd, input: csv, env: { AUTOMARKET_HOME: path.join(cwd, 'home') } });
    expect(r2.exitCode).toBe(0);
    expect(r2.stdout).toBe('');
    expect(r2.stderr).toMatch(/2 skipped/);
  });

  test('a provider without its key is refused once, before any work (exit 2)', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'b.jsonl'), '{"kind":"image","prompt":"a","provider":"local"}\n{"kind":"image","prompt":"b","provider":"fal"}\n');
    const r = await runCli(['batch', 'b.jsonl'], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/No API key for fal: set FAL_KEY/);
    expect(existsSync(path.join(cwd, 'automarket-output'))).toBe(false);
  });

  test('a bad line is refused before any work, naming the line', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'b.jsonl'), '{"kind":"image","prompt":"ok"}\n{"kind":"image","promt":"typo"}\n');
    const r = await runCli(['batch', 'b.jsonl'], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/b\.jsonl line 2: unknown field "promt"/);
    expect(existsSync(path.join(cwd, 'automarket-output'))).toBe(false);
  });
});
