/**
 * The built CLI makes its requests with got bundled into one file at build time (faster start-up),
 * the same got as in node_modules: same version, same behaviour against a real server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { BIN, ROOT, cliEnv, jsonLines } from '../helpers/cli.js';
import { FAL_TEST_KEY, falProject } from '../helpers/fal-env.js';
import { startFalFake } from '../fakes/fal-queue.js';
import { mp4Bytes, pngBytes } from '../fakes/media.js';

test('dist/vendor/got.js is the installed got, bundled', async () => {
  const installed = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/got/package.json'), 'utf8')) as { version: string };
  const bundle = (await import(path.join(ROOT, 'dist/vendor/got.js'))) as { default: unknown; version: string };
  expect(bundle.version).toBe(installed.version);
  expect(typeof bundle.default).toBe('function');
});

test('a fal generate works with the got package itself made unimportable', async () => {
  const png = await pngBytes();
  const fal = await startFalFake({ key: FAL_TEST_KEY, files: { image: png, video: mp4Bytes() } });
  try {
    const cwd = falProject(fal.url);
    const run = (hook: string, args: string[]) =>
      execa(process.execPath, ['--import', path.join(ROOT, 'test/fixtures', hook), BIN, ...args], { cwd, env: cliEnv({ FAL_KEY: FAL_TEST_KEY }), extendEnv: false, reject: false } as never) as unknown as Promise<{ exitCode: number; stdout: string; stderr: string }>;
    const r = await run('block-got-package.mjs', ['generate', 'image', 'a lighthouse at dusk', '-p', 'fal', '--json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const [line] = jsonLines(r.stdout) as Array<{ path: string; provider: string }>;
    expect(line!.provider).toBe('fal');
    expect(readFileSync(line!.path).equals(png)).toBe(true);
    // The hook is real: code that imports got by name fails under it.
    const probe = await execa(process.execPath, ['--import', path.join(ROOT, 'test/fixtures/block-got-package.mjs'), '--input-type=module', '-e', "await import('got')"], { cwd: ROOT, reject: false } as never) as unknown as { exitCode: number; stderr: string };
    expect(probe.exitCode).not.toBe(0);
    expect(probe.stderr).toContain('blocked import: got');
  } finally {
    await fal.close();
  }
});
