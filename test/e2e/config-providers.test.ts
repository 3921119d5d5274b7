/** Config on the built binary (user config in AUTOMARKET_HOME, --config, ${VAR}) and `providers list`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';

describe('config through the CLI', () => {
  test('the user config in AUTOMARKET_HOME applies; a project config wins over it; --config replaces the project one', async () => {
    const home = tempDir('automarket-home-');
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ output: { dir: 'from-home', sidecar: true } }));
    const cwd = tempDir();
    const a = await runCli(['generate', 'image', 'x', '--json'], { cwd, env: { AUTOMARKET_HOME: home } });
    expect(a.exitCode).toBe(0);
    const [lineA] = jsonLines(a.stdout);
    expect(path.dirname(String(lineA!.path))).toBe(path.join(cwd, 'from-home'));

    writeFileSync(path.join(cwd, 'automarket.config.yaml'), 'output:\n  dir: from-project\n');
    const b = await runCli(['generate', 'image', 'x', '--json'], { cwd, env: { AUTOMARKET_HOME: home } });
    expect(path.dirname(String(jsonLines(b.stdout)[0]!.path))).toBe(path.join(cwd, 'from-project'));

    mkdirSync(path.join(cwd, 'conf'));
    writeFileSync(path.join(cwd, 'conf', 'alt.json'), JSON.stringify({ output: { dir: '${OUT_DIR:-from-flag}' } }));
    const c = await runCli(['--config', 'conf/alt.json', 'generate', 'image', 'x', '--json'], { cwd, env: { AUTOMARKET_HOME: home } });
    expect(path.dirname(String(jsonLines(c.stdout)[0]!.path))).toBe(path.join(cwd, 'from-flag'));
    const d = await runCli(['--config', 'conf/alt.json', 'generate', 'image', 'x', '--json'], { cwd, env: { AUTOMARKET_HOME: home, OUT_DIR: 'from-env' } });
    expect(path.dirname(String(jsonLines(d.stdout)[0]!.path))).toBe(path.join(cwd, 'from-env'));
  });

  test('defaults.image in config picks the provider (resolution step 3) and --dry-run shows why', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.automarketrc.json'), JSON.stringify({ defaults: { image: 'fal:fal-ai/flux/dev' } }));
    const r = await runCli(['generate', 'image', 'x', '--dry-run', '--json'], { cwd, env: { FAL_KEY: 'k-123456789' } });
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ provider: 'fal', model: 'fal-ai/flux/dev', chosenBy: 'config-default' });
    const configured = await runCli(['generate', 'image', 'x', '--dry-run', '--json'], { cwd: tempDir(), env: { FAL_KEY: 'k-123456789' } });
    expect(jsonLines(configured.stdout)[0]).toMatchObject({ provider: 'fal', model: 'fal-ai/flux/schnell', chosenBy: 'first-configured' });
    const flagged = await runCli(['generate', 'image', 'x', '-m', 'local:draft', '--dry-run', '--json'], { cwd, env: { FAL_KEY: 'k-123456789' } });
    expect(jsonLines(flagged.stdout)[0]).toMatchObject({ provider: 'local', model: 'draft', chosenBy: 'model-prefix' });
  });
});

describe('providers list', () => {
  test('--json: id, type, capabilities, configured and why not', async () => {
    const r = await runCli(['providers', 'list', '--json'], { cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.find((p) => p.id === 'local')).toMatchObject({ type: 'local', configured: true, capabilities: expect.arrayContaining(['text-to-image', 'text-to-audio']) });
    expect(rows.find((p) => p.id === 'fal')).toMatchObject({ type: 'remote', configured: false, reason: 'FAL_KEY is not set', capabilities: expect.arrayContaining(['text-to-image', 'image-to-video']) });
  });

  test('a key from the environment or from ${VAR} in the user config makes fal configured', async () => {
    const fromEnv = await runCli(['providers', 'list', '--json'], { cwd: tempDir(), env: { FAL_KEY: 'k-123456789' } });
    expect(jsonLines(fromEnv.stdout).find((p) => p.id === 'fal')).toMatchObject({ configured: true });
    const home = tempDir('automarket-home-');
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ providers: { fal: { apiKey: '${MY_FAL}' } } }));
    const fromConfig = await runCli(['providers', 'list', '--json'], { cwd: tempDir(), env: { AUTOMARKET_HOME: home, MY_FAL: 'k-987654321' } });
    expect(jsonLines(fromConfig.stdout).find((p) => p.id === 'fal')).toMatchObject({ configured: true });
    expect(fromConfig.stdout).not.toContain('k-987654321');
  });
});
