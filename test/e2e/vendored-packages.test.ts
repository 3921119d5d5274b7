/**
 * The built CLI loads got and commander bundled into one file each at build time (faster start-up):
 * the installed packages, same versions, same behaviour.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { BIN, ROOT, cliEnv, jsonLines } from '../helpers/cli.js';
import { FAL_TEST_KEY, falProject } from '../helpers/fal-env.js';
import { startFalFake } from '../fakes/fal-queue.js';
import { mp4Bytes, pngBytes } from '../fakes/media.js';

const HOOK = path.join(ROOT, 'test/fixtures/block-vendored-packages.mjs');

test.each(['got', 'commander'])('dist/src/vendor/%s.js is the installed package, bundled', async (name) => {
  const installed = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  const bundle = (await import(path.join(ROOT, 'dist/src/vendor', `${name}.js`))) as { version: string };
  expect(bundle.version).toBe(installed.version);
  expect(readFileSync(path.join(ROOT, 'dist/src/vendor', `${name}.js`), 'utf8')).toMatch(new RegExp(`^// ${name} ${installed.version.replace(/\./g, '\\.')}, bundled`));
});

test('generate, --help and a typo work with the got and commander packages made unimportable', async () => {
  const png = await pngBytes();
  const fal = await startFalFake({ key: FAL_TEST_KEY, files: { image: png, video: mp4Bytes() } });
  try {
    const cwd = falProject(fal.url);
    const run = (args: string[]) =>
      execa(process.execPath, ['--import', HOOK, BIN, ...args], { cwd, env: cliEnv({ FAL_KEY: FAL_TEST_KEY }), extendEnv: false, reject: false } as never) as unknown as Promise<{ exitCode: number; stdout: string; stderr: string }>;
    const r = await run(['generate', 'image', 'a lighthouse at dusk', '-p', 'fal', '--json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const [line] = jsonLines(r.stdout) as Array<{ path: string; provider: string }>;
    expect(line!.provider).toBe('fal');
    expect(readFileSync(line!.path).equals(png)).toBe(true);
    const help = await run(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: automarket/);
    // commander's own errors still map to exit 2 (CommanderError from the same bundle).
    const typo = await run(['genrate', 'image']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain("unknown command 'genrate'");
    // The hook is real: code that imports the packages by name fails under it.
    for (const name of ['got', 'commander']) {
      const probe = (await execa(process.execPath, ['--import', HOOK, '--input-type=module', '-e', `await import('${name}')`], { cwd: ROOT, reject: false } as never)) as unknown as { exitCode: number; stderr: string };
      expect(probe.exitCode).not.toBe(0);
      expect(probe.stderr).toContain(`blocked import: ${name}`);
    }
  } finally {
    await fal.close();
  }
});
