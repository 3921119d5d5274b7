/**
 * The example provider package as a user gets it: `npm pack`ed, installed from the tarball into a
 * fresh project (offline, local tarballs only; automarket itself is linked from this checkout, since
 * its own dependencies are not in an offline cache), then listed, run against the example service's
 * server, and its own tests run with the test kit.
 */
import { cpSync, lstatSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { jsonLines, ROOT, runCli, tempDir } from '../helpers/cli.js';

const EXAMPLES = path.join(ROOT, 'examples');
const npmEnv = { ...process.env, NODE_OPTIONS: '', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

async function npm(args: string[], cwd: string): Promise<string> {
  const r = await execa('npm', args, { cwd, env: npmEnv, reject: false });
  if (r.exitCode !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

describe('example provider package, packed and installed', () => {
  let project: string;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const packs = tempDir('automarket-packs-');
    await npm(['pack', path.join(EXAMPLES, 'automarket-provider-example'), path.join(EXAMPLES, 'service-example'), '--pack-destination', packs, '--offline'], ROOT);
    project = tempDir('automarket-user-project-');
    // The user's project depends on automarket (here this checkout, linked: `file:` of a directory).
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, dependencies: { automarket: `file:${ROOT}` } }));
    await npm(['install', '--offline', '--no-audit', '--no-fund', path.join(packs, 'automarket-provider-example-0.1.0.tgz'), path.join(packs, 'automarket-service-example-0.1.0.tgz')], project);
    expect(lstatSync(path.join(project, 'node_modules', 'automarket')).isSymbolicLink()).toBe(true);
    expect(realpathSync(path.join(project, 'node_modules', 'automarket'))).toBe(realpathSync(ROOT));
    writeFileSync(path.join(project, 'automarket.config.json'), JSON.stringify({ plugins: ['automarket-provider-example', 'automarket-service-example'] }));

    const { createServer } = (await import(path.join(EXAMPLES, 'service-example/server.mjs'))) as { createServer: () => Server };
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  }, 120_000);

  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  test('plugins list and providers list show it, from the installed package', async () => {
    const plugins = await runCli(['plugins', 'list', '--json'], { cwd: project });
    expect(plugins.exitCode).toBe(0);
    const rows = Object.fromEntries(jsonLines(plugins.stdout).map((r) => [r.name, r]));
    expect(rows['automarket-provider-example']).toMatchObject({ version: '0.1.0', scope: 'project', providers: ['example'], services: [], ok: true });
    expect(String(rows['automarket-provider-example']!.location)).toBe(path.join(project, 'node_modules', 'automarket-provider-example'));
    expect(rows['automarket-service-example']).toMatchObject({ providers: [], services: ['example-images'], ok: true });

    const providers = await runCli(['providers', 'list', '--json'], { cwd: project });
    const example = jsonLines(providers.stdout).find((r) => r.id === 'example');
    expect(example).toMatchObject({ type: 'remote', capabilities: ['text-to-image', 'text-to-text'], configured: false, reason: 'EXAMPLE_IMAGES_KEY is not set', origin: 'plugin' });
  });

  test('generate runs it: an image file and a text answer', async () => {
    const env = { EXAMPLE_IMAGES_KEY: 'user-key-123', EXAMPLE_IMAGES_BASE_URL: baseUrl };
    const image = await runCli(['generate', 'image', '-p', 'example', 'a red fox', '--size', '64x48', '--seed', '3', '--json'], { cwd: project, env });
    expect(image.stderr).not.toMatch(/error/i);
    expect(image.exitCode).toBe(0);
    const [line] = jsonLines(image.stdout);
    expect(line).toMatchObject({ provider: 'example', model: 'example-image-1', kind: 'image', mediaType: 'image/png', width: 64, height: 48, seed: 3 });
    const png = readFileSync(String(line!.path));
    expect(png.readUInt32BE(16)).toBe(64);

    const text = await runCli(['generate', 'text', '-p', 'example', 'hello plugin'], { cwd: project, env });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('HELLO PLUGIN');
  });

  test("its own tests pass with automarket's test kit", async () => {
    const copy = path.join(tempDir('automarket-example-src-'), 'automarket-provider-example');
    cpSync(path.join(EXAMPLES, 'automarket-provider-example'), copy, { recursive: true, filter: (src) => !src.includes('node_modules') });
    mkdirSync(path.join(copy, 'node_modules'));
    symlinkSync(ROOT, path.join(copy, 'node_modules', 'automarket'), 'dir');
    const r = await execa('npm', ['test'], { cwd: copy, env: npmEnv, reject: false });
    expect(r.stdout).toMatch(/# fail 0/);
    expect(r.stdout).toMatch(/# pass 11/);
    expect(r.exitCode).toBe(0);
  });
});
