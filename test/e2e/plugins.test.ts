/**
 * Third-party plugins through the built binary: found from config (paths, project packages, the
 * global node_modules), listed from their manifests without importing their code, imported only to
 * run, and reported by name when broken while every other provider keeps working.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, ROOT, runCli, tempDir } from '../helpers/cli.js';

interface PluginFiles {
  pkg?: Record<string, unknown>;
  code: string;
}

function writePlugin(dir: string, files: PluginFiles): void {
  mkdirSync(dir, { recursive: true });
  if (files.pkg) writeFileSync(path.join(dir, 'package.json'), JSON.stringify(files.pkg, null, 2));
  writeFileSync(path.join(dir, 'index.js'), files.code);
}

const textProvider = (id: string) => ({ id, displayName: `${id} provider`, type: 'local', capabilities: ['text-to-text'] });
const pkg = (name: string, providers: unknown[], extra: Record<string, unknown> = {}) => ({ name, version: '1.2.3', type: 'module', automarket: { entry: './index.js', providers, ...extra } });

/** A project with a good plugin (writes a marker when imported), broken ones, and a missing one. */
function makeProject(): { cwd: string; marker: string } {
  const cwd = tempDir('automarket-plugins-');
  mkdirSync(path.join(cwd, 'node_modules'));
  symlinkSync(ROOT, path.join(cwd, 'node_modules', 'automarket'), 'dir');
  writePlugin(path.join(cwd, 'plugins/good'), {
    pkg: pkg('automarket-provider-good', [textProvider('good')], {
      services: [{ name: 'good-svc', compose: './compose.yml', url: 'http://127.0.0.1:9999', health: '/health', provider: 'good' }],
    }),
    code: `import { writeFileSync } from 'node:fs';
import { defineProvider, PLUGIN_API_VERSION } from 'automarket/plugin';
writeFileSync(new URL('./imported.marker', import.meta.url), 'imported');
export default defineProvider({
  apiVersion: PLUGIN_API_VERSION, id: 'good', displayName: 'good provider', type: 'local', capabilities: ['text-to-text'],
  models: [{ id: 'echo', capabilities: ['text-to-text'], default: true }],
  async generate(request) { return { assets: [{ kind: 'text', text: 'echo: ' + request.prompt, mediaType: 'text/plain' }] }; },
});
`,
  });
  writePlugin(path.join(cwd, 'node_modules/automarket-provider-throws'), {
    pkg: pkg('automarket-provider-throws', [textProvider('throws')]),
    code: `throw new Error('boom at import');\n`,
  });
  writePlugin(path.join(cwd, 'plugins/nogenerate'), {
    pkg: pkg('automarket-provider-nogen', [textProvider('nogen')]),
    code: `export default { apiVersion: 1, id: 'nogen', displayName: 'no generate', type: 'local', capabilities: ['text-to-text'], models: [] };\n`,
  });
  writePlugin(path.join(cwd, 'plugins/oldapi'), {
    pkg: pkg('automarket-provider-oldapi', [textProvider('oldapi')]),
    code: `export default { apiVersion: 0, id: 'oldapi', displayName: 'old', type: 'local', capabilities: ['text-to-text'], models: [], async generate() { return { assets: [] }; } };\n`,
  });
  writePlugin(path.join(cwd, 'plugins/badmanifest'), {
    pkg: pkg('automarket-provider-badmanifest', [{ id: 'Bad Id', type: 'cloud', capabilities: ['text-to-smell'] }]),
    code: `export default [];\n`,
  });
  writePlugin(path.join(cwd, 'plugins/taken'), { pkg: pkg('automarket-provider-taken', [textProvider('local')]), code: `export default [];\n` });
  writeFileSync(
    path.join(cwd, 'automarket.config.json'),
    JSON.stringify({
      plugins: ['./plugins/good', 'automarket-provider-throws', './plugins/nogenerate', './plugins/oldapi', './plugins/badmanifest', './plugins/taken', 'automarket-provider-nope'],
    }),
  );
  return { cwd, marker: path.join(cwd, 'plugins/good/imported.marker') };
}

describe('plugins', () => {
  const { cwd, marker } = makeProject();

  test('providers list shows plugin providers from their manifests and imports no plugin code', async () => {
    const r = await runCli(['providers', 'list', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining(['local', 'fal', 'good', 'throws', 'nogen', 'oldapi']));
    expect(rows.find((row) => row.id === 'good')).toMatchObject({ origin: 'plugin', source: 'automarket-provider-good', capabilities: ['text-to-text'], configured: true });
    expect(rows.find((row) => row.id === 'local')).toMatchObject({ origin: 'builtin' });
    expect(existsSync(marker)).toBe(false);
    expect(r.stderr).toMatch(/plugin automarket-provider-nope: package automarket-provider-nope is not installed/);
  });

  test('plugins list names each broken plugin and what is wrong; the good one is ok', async () => {
    const r = await runCli(['plugins', 'list', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    const rows = Object.fromEntries(jsonLines(r.stdout).map((row) => [row.name, row]));
    expect(rows['automarket (built-in)']).toMatchObject({ origin: 'builtin', providers: expect.arrayContaining(['local', 'fal', 'openai', 'replicate']), ok: true });
    expect(rows['automarket-provider-good']).toMatchObject({ version: '1.2.3', providers: ['good'], services: ['good-svc'], ok: true, errors: [], scope: 'path' });
    expect(rows['automarket-provider-throws']).toMatchObject({ ok: false, scope: 'project' });
    expect(String((rows['automarket-provider-throws']!.errors as string[])[0])).toMatch(/threw: boom at import/);
    expect((rows['automarket-provider-nogen']!.errors as string[]).join()).toMatch(/provider nogen: generate must be a function/);
    expect((rows['automarket-provider-oldapi']!.errors as string[]).join()).toMatch(/apiVersion is 0, this automarket supports 1/);
    const bad = (rows['automarket-provider-badmanifest']!.errors as string[]).join('\n');
    expect(bad).toMatch(/providers\[0\]\.id must be a lowercase identifier/);
    expect(bad).toMatch(/type must be remote, local or service/);
    expect(bad).toMatch(/unknown text-to-smell/);
    expect((rows['automarket-provider-taken']!.errors as string[]).join()).toMatch(/provider id local is already taken by a built-in provider/);
    expect(rows['automarket-provider-nope']).toMatchObject({ ok: false, errors: [expect.stringMatching(/not installed in this project nor globally/)] });

    const table = await runCli(['plugins', 'list'], { cwd });
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+VERSION\s+PROVIDERS\s+SERVICES\s+STATUS/);
    expect(table.stdout).toMatch(/automarket-provider-good\s+1\.2\.3\s+good\s+good-svc\s+ok/);
    expect(table.stdout).toMatch(/automarket-provider-throws.*error: .*boom at import/);
  });

  test('generate -p local still works with broken plugins configured', async () => {
    const r = await runCli(['generate', 'image', '-p', 'local', 'a lighthouse', '--size', '64x64', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ provider: 'local', kind: 'image' });
  });

  test('a broken provider fails with its name and the reason, exit 1', async () => {
    const nogen = await runCli(['generate', 'text', '-p', 'nogen', 'hi'], { cwd });
    expect(nogen.exitCode).toBe(1);
    expect(nogen.stderr).toMatch(/nogen \(from automarket-provider-nogen\) failed to load: .*generate must be a function/);
    const throws = await runCli(['generate', 'text', '-p', 'throws', 'hi', '--json'], { cwd });
    expect(throws.exitCode).toBe(1);
    expect(JSON.parse(throws.stdout.trim().split('\n').pop()!)).toMatchObject({ error: { code: 'PLUGIN', message: expect.stringMatching(/boom at import/) } });
  });

  test('a plugin provider runs, and only then is its code imported', async () => {
    const r = await runCli(['generate', 'text', '-p', 'good', 'hello'], { cwd });
    expect({ exit: r.exitCode, stderr: r.exitCode ? r.stderr : '' }).toEqual({ exit: 0, stderr: '' });
    expect(r.stdout).toContain('echo: hello');
    expect(existsSync(marker)).toBe(true);
  });

  test('packages installed globally (npm root -g) and single-file plugins are found', async () => {
    const prefix = tempDir('automarket-global-');
    const globalRoot = process.platform === 'win32' ? path.join(prefix, 'node_modules') : path.join(prefix, 'lib', 'node_modules');
    writePlugin(path.join(globalRoot, 'automarket-provider-global'), {
      pkg: pkg('automarket-provider-global', [textProvider('globalone')]),
      code: `export default { providers: [{ apiVersion: 1, id: 'globalone', displayName: 'g', type: 'local', capabilities: ['text-to-text'], models: [{ id: 'g', capabilities: ['text-to-text'] }], async generate(r) { return { assets: [{ kind: 'text', text: 'global ' + r.prompt }] }; } }] };\n`,
    });
    const project = tempDir('automarket-plugins-global-');
    writeFileSync(
      path.join(project, 'single.js'),
      `export default { apiVersion: 1, id: 'single', displayName: 'single file', type: 'local', capabilities: ['text-to-text'], models: [{ id: 's', capabilities: ['text-to-text'] }], async generate(r) { return { assets: [{ kind: 'text', text: 'single ' + r.prompt }] }; } };\n`,
    );
    writeFileSync(path.join(project, '.automarketrc.json'), JSON.stringify({ plugins: ['automarket-provider-global', './single.js'] }));
    const env = { npm_config_prefix: prefix };
    const list = await runCli(['plugins', 'list', '--json'], { cwd: project, env });
    const rows = Object.fromEntries(jsonLines(list.stdout).map((row) => [row.name, row]));
    expect(rows['automarket-provider-global']).toMatchObject({ scope: 'global', providers: ['globalone'], ok: true });
    expect(rows['single.js']).toMatchObject({ scope: 'file', providers: ['single'], ok: true });
    const g = await runCli(['generate', 'text', '-p', 'globalone', 'x'], { cwd: project, env });
    expect(g.stdout).toContain('global x');
    const s = await runCli(['generate', 'text', '-p', 'single', 'y'], { cwd: project, env });
    expect(s.stdout).toContain('single y');
  });
});
