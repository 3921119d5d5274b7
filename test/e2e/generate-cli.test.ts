/**
 * The `generate` contract on the built binary, offline (provider `local`): output modes, overwrite
 * rules, sidecars, --dry-run, --json, prompt from stdin, and the exit-code table for bad input.
 */
import { execa } from 'execa';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { BIN, ROOT, cliEnv, jsonLines, runCli, startCli, tempDir } from '../helpers/cli.js';
import { startFalFake } from '../fakes/fal-queue.js';
import { pngBytes } from '../fakes/media.js';
import { FAL_TEST_KEY, falProject } from '../helpers/fal-env.js';

const PNG_MAGIC = '\x89PNG\r\n\x1a\n';
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** One `error: ...` line, optionally one `  hint: ...` line, and never a stack trace. */
function expectOneClearLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^error: \S/);
  expect(lines.length).toBeLessThanOrEqual(2);
  if (lines[1] !== undefined) expect(lines[1]).toMatch(/^ {2}hint: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

function entries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('output', () => {
  test('-o - puts the raw bytes on stdout and writes no file', async () => {
    const cwd = tempDir();
    const r = await startCli(['generate', 'image', 'x', '--size', '64x64', '-o', '-'], { cwd, binary: true } as never);
    expect(r.exitCode).toBe(0);
    const bytes = Buffer.from(r.stdout as unknown as Uint8Array);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe(PNG_MAGIC);
    expect(bytes.readUInt32BE(16)).toBe(64);
    expect(entries(cwd)).toEqual([]);
  });

  test('-o dir/ (new), -o existing-dir and -o file.png', async () => {
    const cwd = tempDir();
    const a = await runCli(['generate', 'image', 'a fox', '-o', 'new/nested/'], { cwd });
    expect(a.exitCode).toBe(0);
    expect(path.dirname(a.stdout.trim())).toBe(path.join(cwd, 'new/nested'));
    expect(path.basename(a.stdout.trim())).toMatch(/^image-\d{8}-a-fox-1\.png$/);

    mkdirSync(path.join(cwd, 'existing'));
    const b = await runCli(['generate', 'image', 'a fox', '-o', 'existing'], { cwd });
    expect(path.dirname(b.stdout.trim())).toBe(path.join(cwd, 'existing'));

    const c = await runCli(['generate', 'image', 'a fox', '-o', 'fox.webp', '--format', 'webp'], { cwd });
    expect(c.stdout.trim()).toBe(path.join(cwd, 'fox.webp'));
    expect(readFileSync(path.join(cwd, 'fox.webp')).subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  test('a directory target never overwrites: a second run gets the next free name', async () => {
    const cwd = tempDir();
    const first = await runCli(['generate', 'image', 'same', '--seed', '1', '-o', 'out/'], { cwd });
    const second = await runCli(['generate', 'image', 'same', '--seed', '1', '-o', 'out/'], { cwd });
    expect(first.stdout.trim()).not.toBe(second.stdout.trim());
    expect(second.stdout.trim()).toMatch(/-1-2\.png$/);
    expect(entries(path.join(cwd, 'out'))).toHaveLength(2);
  });

  test('an existing file is kept without --force (exit 2), replaced with it', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'keep.png'), 'precious');
    const refused = await runCli(['generate', 'image', 'x', '-o', 'keep.png'], { cwd });
    expect(refused.exitCode).toBe(2);
    expect(expectOneClearLine(refused.stderr)).toBe(`error: ${path.join(cwd, 'keep.png')} already exists`);
    expect(refused.stderr).toContain('hint: pass --force');
    expect(readFileSync(path.join(cwd, 'keep.png'), 'utf8')).toBe('precious');

    const forced = await runCli(['generate', 'image', 'x', '-o', 'keep.png', '--force'], { cwd });
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'keep.png')).subarray(0, 8).toString('latin1')).toBe(PNG_MAGIC);
    expect(entries(cwd)).toEqual(['keep.png']); // no temp file left beside it
  });

  test('the sidecar JSON says how the file was made', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.automarketrc.json'), JSON.stringify({ output: { sidecar: true } }));
    const r = await runCli(['generate', 'image', 'a red fox', '--seed', '42', '--size', '128x96', '-P', 'style=ink', '-o', 'fox.png', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    const sidecar = JSON.parse(readFileSync(path.join(cwd, 'fox.png.json'), 'utf8')) as Record<string, unknown>;
    expect(sidecar).toMatchObject({
      path: path.join(cwd, 'fox.png'),
      kind: 'image',
      mediaType: 'image/png',
      provider: 'local',
      model: 'draft',
      prompt: 'a red fox',
      seed: 42,
      width: 128,
      height: 96,
      capability: 'text-to-image',
      params: { style: 'ink' },
      inputs: [],
      metadata: { draft: true },
      automarket: VERSION,
    });
    expect(sidecar.bytes).toBe(readFileSync(path.join(cwd, 'fox.png')).length);
    expect(typeof sidecar.elapsedMs).toBe('number');
    expect(Number.isNaN(Date.parse(String(sidecar.createdAt)))).toBe(false);
  });
});

describe('modes', () => {
  test('--json: one line per asset with the contract fields', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'image', 'two foxes', '-n', '2', '--seed', '3', '-o', 'out/', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^No provider is configured: using the offline `local` provider[^\n]*\n$/); // notes stay on stderr
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(2);
    lines.forEach((line, i) => {
      expect(Object.keys(line).sort()).toEqual(['bytes', 'costUsd', 'elapsedMs', 'height', 'kind', 'mediaType', 'model', 'path', 'prompt', 'provider', 'seed', 'width'].filter((k) => k !== 'costUsd' || i === 0).sort());
      expect(line).toMatchObject({ kind: 'image', mediaType: 'image/png', provider: 'local', model: 'draft', prompt: 'two foxes', seed: 3 + i, width: 1024, height: 1024 });
      expect(line.bytes).toBe(readFileSync(String(line.path)).length);
    });
  });

  test('--dry-run prints the plan and touches neither the network nor the disk', async () => {
    const fake = await startFalFake({ key: FAL_TEST_KEY, files: { image: await pngBytes() } });
    try {
      const cwd = falProject(fake.url);
      const r = await runCli(['generate', 'image', 'a lighthouse', '-p', 'fal', '--aspect', '16:9', '--seed', '5', '-P', 'num_inference_steps=4', '--dry-run', '--json'], { cwd, env: { FAL_KEY: FAL_TEST_KEY } });
      expect(r.exitCode).toBe(0);
      const [plan] = jsonLines(r.stdout);
      expect(plan).toEqual({
        dryRun: true,
        provider: 'fal',
        model: 'fal-ai/flux/schnell',
        capability: 'text-to-image',
        chosenBy: 'flag',
        estimatedCostUsd: expect.any(Number),
        request: { prompt: 'a lighthouse', inputs: [], count: 1, aspect: '16:9', seed: 5, params: { num_inference_steps: 4 } },
        output: path.join(cwd, 'automarket-output'),
        timeoutSeconds: 600,
      });
      expect(fake.requests).toHaveLength(0);
      expect(entries(cwd)).toEqual(['automarket.config.json']);
    } finally {
      await fake.close();
    }
  });

  test('the prompt comes from stdin when omitted or "-"', async () => {
    const cwd = tempDir();
    const omitted = await runCli(['generate', 'image', '-o', 'a.png', '--json'], { cwd, input: '  a red fox\n' });
    expect(omitted.exitCode).toBe(0);
    expect(jsonLines(omitted.stdout)[0]).toMatchObject({ prompt: 'a red fox' });
    const dash = await runCli(['generate', 'image', '-', '-o', 'b.png', '--json'], { cwd, input: 'a blue fox' });
    expect(jsonLines(dash.stdout)[0]).toMatchObject({ prompt: 'a blue fox' });
    const empty = await runCli(['generate', 'image', '-o', 'c.png'], { cwd, input: '' });
    expect(empty.exitCode).toBe(2);
    expect(expectOneClearLine(empty.stderr)).toBe('error: The prompt is empty');
  });

  test('falling back to local says so on stderr in one line, naming how to configure a real provider', async () => {
    const r = await runCli(['generate', 'image', 'x', '-o', 'x.png'], { cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    const notes = r.stderr.split('\n').filter((l) => /local/.test(l));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/FAL_KEY/);
  });
});

describe('bad input: exit 2, one clear line, no stack trace', () => {
  const blockerDir = tempDir();
  writeFileSync(path.join(blockerDir, 'blocker'), 'a file, not a directory');
  const badConfigDir = tempDir();
  writeFileSync(path.join(badConfigDir, 'automarket.config.json'), JSON.stringify({ providers: { fal: { baseUrl: 'ftp://nope' } } }));
  const brokenJsonDir = tempDir();
  writeFileSync(path.join(brokenJsonDir, '.automarketrc.json'), '{ "output": { "dir": "x", } ');
  const existingDir = tempDir();
  writeFileSync(path.join(existingDir, 'taken.png'), 'x');

  const cases: Array<[string, string[], RegExp, string?]> = [
    ['empty prompt', ['generate', 'image', '   '], /^error: The prompt is empty$/],
    ['unknown kind', ['generate', 'picture', 'x'], /^error: Unknown kind "picture"$/],
    ['unknown provider', ['generate', 'image', 'x', '-p', 'nope'], /^error: Unknown provider "nope"$/],
    ['provider without the capability', ['generate', 'video', 'x', '-p', 'local'], /^error: Provider local cannot do text-to-video$/],
    ['bad --size', ['generate', 'image', 'x', '--size', '12xfoo'], /^error: Bad --size "12xfoo"$/],
    ['tiny --size', ['generate', 'image', 'x', '--size', '2x2'], /^error: Bad --size "2x2": each side must be between 16 and 16384$/],
    ['bad --param', ['generate', 'image', 'x', '-P', 'novalue'], /^error: Bad --param "novalue"$/],
    ['bad --count', ['generate', 'image', 'x', '-n', 'many'], /^error: Bad --count "many": expected a whole number$/],
    ['missing key', ['generate', 'image', 'x', '-p', 'fal'], /^error: No API key for fal: set FAL_KEY$/],
    ['malformed config (schema)', ['generate', 'image', 'x'], new RegExp(`^error: ${escape(path.join(badConfigDir, 'automarket.config.json'))}: providers\\.fal\\.baseUrl must be an http:// or https:// URL$`), badConfigDir],
    ['malformed config (syntax)', ['generate', 'image', 'x'], new RegExp(`^error: ${escape(path.join(brokenJsonDir, '.automarketrc.json'))}: cannot parse config`), brokenJsonDir],
    ['--config file that is not there', ['--config', 'nope.json', 'generate', 'image', 'x'], /^error: Config file not found: .*nope\.json$/],
    ['output directory that cannot be created', ['generate', 'image', 'x', '-o', 'blocker/sub/x.png'], /^error: Cannot create output directory .*blocker\/sub \(ENOTDIR\)$/, blockerDir],
    ['existing file without --force', ['generate', 'image', 'x', '-o', 'taken.png'], /^error: .*taken\.png already exists$/, existingDir],
    ['missing input file', ['generate', 'video', '-i', 'nothere.png', 'x'], /^error: Input file not found: nothere\.png$/],
    ['-o - with --count 2', ['generate', 'image', 'x', '-o', '-', '-n', '2'], /^error: -o - writes one asset to stdout, but --count is more than 1$/],
    ['unknown option', ['generate', 'image', 'x', '--bogus'], /^error: unknown option '--bogus'$/],
  ];

  // One array argument, not spread: a fourth parameter would make jest pass its `done` callback.
  test.each(cases.map((c) => [c[0], c] as const))('%s', async (_name, [, args, message, cwd]) => {
    const dir = cwd ?? tempDir();
    const before = entries(dir);
    const r = await runCli(args, { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(expectOneClearLine(r.stderr)).toMatch(message);
    expect(entries(dir)).toEqual(before); // nothing half-written, no output dir made
  });

  test.each([
    [['-n', '99'], 'Bad --count 99: must be between 1 and 16', 'use a whole number from 1 to 16, for example --count 4'],
    [['--seed', '-1'], 'Bad --seed -1: must be between 0 and 4294967295', 'use a whole number from 0 to 4294967295, for example --seed 42'],
    [['--duration', '0'], 'Bad --duration "0": expected a positive number of seconds', 'use a number of seconds above 0, for example --duration 5'],
  ])('%j out of range: the range and an example in the hint', async (flag, message, hint) => {
    const r = await runCli(['generate', 'image', 'x', ...flag], { cwd: tempDir() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: ${message}\n  hint: ${hint}\n`);
  });

  test('with --json the error is an object on stdout', async () => {
    const r = await runCli(['generate', 'image', 'x', '--size', 'big', '--json'], { cwd: tempDir() });
    expect(r.exitCode).toBe(2);
    expect(jsonLines(r.stdout)).toEqual([{ error: { code: 'USAGE', message: 'Bad --size "big"', hint: 'use WIDTHxHEIGHT, for example --size 1024x768' } }]);
  });
});

describe('--version', () => {
  test('prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
  });

  test('loads no commander, providers or heavy packages (a resolve hook makes any such import fail)', async () => {
    const hook = path.join(ROOT, 'test/fixtures/block-heavy-imports.mjs');
    const run = async (args: string[]) =>
      (await execa(process.execPath, ['--import', hook, BIN, ...args], { env: cliEnv(), extendEnv: false, reject: false, cwd: tempDir() } as never)) as unknown as { exitCode?: number; stdout: string; stderr: string };
    const version = await run(['--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout).toBe(VERSION);
    expect(version.exitCode).toBe(0);
    // The hook is real: the same command with --help needs commander and fails.
    const help = await run(['--help']);
    expect(help.exitCode).not.toBe(0);
    expect(String(help.stderr)).toMatch(/blocked import: .*commander/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
