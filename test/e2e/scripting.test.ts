import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, cliEnv, jsonLines, runCli, tempDir } from '../helpers/cli.js';

describe('pipes', () => {
  test('generate image -o - | generate image -i - : raw bytes through a real pipe, only results on stdout', async () => {
    const cwd = tempDir();
    const env = cliEnv();
    const cmd = `"${process.execPath}" "${BIN}" generate image "a lighthouse" -p local --size 96x64 -o - | "${process.execPath}" "${BIN}" generate image -i - "slow pan" -p local -o out.png --json`;
    const r = await execa('bash', ['-o', 'pipefail', '-c', cmd], { cwd, env, extendEnv: false, reject: false });
    expect(r.exitCode).toBe(0);
    const [line, ...rest] = jsonLines(r.stdout);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ path: path.join(cwd, 'out.png'), kind: 'image', provider: 'local', model: 'draft-edit', width: 96, height: 64 });
    expect(readFileSync(path.join(cwd, 'out.png')).subarray(1, 4).toString()).toBe('PNG');

    const first = await execa(process.execPath, [BIN, 'generate', 'image', 'x', '-p', 'local', '--size', '32x32', '-o', '-'], { cwd, env, extendEnv: false, encoding: 'buffer' });
    const bytes = Buffer.from(first.stdout as unknown as Uint8Array);
    expect(bytes.subarray(0, 8).equals(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBe(true);
    expect(bytes.length).toBeGreaterThan(60); // the whole file, and nothing but it
    expect(bytes.subarray(-8, -4).toString('latin1')).toBe('IEND');
  });

  test('--json lines compose with jq', async () => {
    const cwd = tempDir();
    const cmd = `"${process.execPath}" "${BIN}" generate image "a fox" -p local --size 32x32 -n 2 -o shots/ --json | jq -r .path`;
    const r = await execa('bash', ['-o', 'pipefail', '-c', cmd], { cwd, env: cliEnv(), extendEnv: false, reject: false });
    expect(r.exitCode).toBe(0);
    const paths = r.stdout.trim().split('\n');
    expect(paths).toHaveLength(2);
    for (const p of paths) expect(existsSync(p)).toBe(true);
  });
});

describe('cost', () => {
  const env = { FAL_KEY: 'fal-test-key-0123456789' };

  test('--dry-run shows the estimate from the catalogue price', async () => {
    const r = await runCli(['generate', 'image', 'x', '-p', 'fal', '--size', '1000x1000', '--dry-run', '--json'], { env });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ provider: 'fal', model: 'fal-ai/flux/schnell', estimatedCostUsd: 0.003 });
  });

  test('--max-cost refuses a generate over the limit (exit 2, estimate in the message), before any network', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'image', 'x', '-p', 'fal', '-m', 'fal-ai/flux-pro/v1.1', '-n', '4', '--max-cost', '0.10'], { env, cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/estimated at \$0\.17, over --max-cost \$0\.10/);
    expect(existsSync(path.join(cwd, 'automarket-output'))).toBe(false);
    const ok = await runCli(['generate', 'image', 'x', '-p', 'local', '--size', '32x32', '--max-cost', '0'], { cwd });
    expect(ok.exitCode).toBe(0);
  });

  test('--max-cost refuses a batch over the limit; --dry-run prints the batch estimate', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'b.jsonl'), Array.from({ length: 50 }, (_, i) => JSON.stringify({ kind: 'image', prompt: `p${i}`, provider: 'fal' })).join('\n'));
    const r = await runCli(['batch', 'b.jsonl', '--max-cost', '0.1', '--json'], { env, cwd });
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'COST_LIMIT', data: { estimatedCostUsd: 0.1573, maxCostUsd: 0.1 } });
    const dry = await runCli(['batch', 'b.jsonl', '--dry-run', '--json'], { env, cwd });
    expect(JSON.parse(dry.stdout)).toMatchObject({ items: 50, estimatedCostUsd: 0.1573, models: { 'fal:fal-ai/flux/schnell': 50 } });
  });
});

describe('config', () => {
  test('validate: a good file passes; broken ones exit 2 naming the file and the key', async () => {
    const cwd = tempDir();
    const good = path.join(cwd, 'good.json');
    writeFileSync(good, readFileSync(path.join(path.dirname(BIN), '../../automarket.config.example.json')));
    const ok = await runCli(['config', 'validate', good], { cwd });
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout.trim()).toBe(`${good}: valid`);

    writeFileSync(path.join(cwd, 'typo.json'), JSON.stringify({ outptu: { dir: 'x' } }));
    const typo = await runCli(['config', 'validate', 'typo.json'], { cwd });
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toMatch(/typo\.json: outptu is not a known key/);

    writeFileSync(path.join(cwd, 'type.json'), JSON.stringify({ providers: { fal: { baseUrl: 'ftp://x' } }, batch: { concurrency: 0 } }));
    const type = await runCli(['config', 'validate', 'type.json'], { cwd });
    expect(type.exitCode).toBe(2);
    expect(type.stderr).toMatch(/type\.json: (providers\.fal\.baseUrl must be an http|batch\.concurrency)/);

    writeFileSync(path.join(cwd, 'syntax.json'), '{ "output": { "dir": "x", } ');
    const syntax = await runCli(['config', 'validate', 'syntax.json'], { cwd });
    expect(syntax.exitCode).toBe(2);
    expect(syntax.stderr).toMatch(/syntax\.json: cannot parse config/);
    expect(syntax.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const missing = await runCli(['config', 'validate', 'nope.json'], { cwd });
    expect(missing.exitCode).toBe(2);
  });

  test('show: merged config with the source of each top-level key, keys masked; path lists the files', async () => {
    const cwd = tempDir();
    const home = tempDir('automarket-home-');
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ output: { dir: 'from-user' } }));
    writeFileSync(path.join(cwd, 'automarket.config.json'), JSON.stringify({ $schema: './schema.json', providers: { fal: { apiKey: '${FAL_KEY}' } }, defaults: { image: 'local' } }));
    const env = { AUTOMARKET_HOME: home, FAL_KEY: 'fal-secret-value-987654' };
    const r = await runCli(['config', 'show', '--json'], { cwd, env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('fal-secret-value-987654');
    const shown = JSON.parse(r.stdout);
    expect(shown.config.providers.fal.apiKey).toBe('fal…7654');
    expect(shown.sources.output).toEqual([{ path: path.join(home, 'config.json'), origin: 'user' }]);
    expect(shown.sources.providers).toEqual([{ path: path.join(cwd, 'automarket.config.json'), origin: 'project' }]);
    const human = await runCli(['config', 'show'], { cwd, env });
    expect(human.stdout).toContain(`// from project ${path.join(cwd, 'automarket.config.json')}`);
    expect(human.stdout).not.toContain('fal-secret-value-987654');
    const paths = await runCli(['config', 'path'], { cwd, env });
    expect(paths.stdout.trim().split('\n')).toEqual([path.join(home, 'config.json'), path.join(cwd, 'automarket.config.json')]);
  });

  test('the example config references the schema file that the package ships', () => {
    const root = path.resolve(path.dirname(BIN), '../..');
    const example = JSON.parse(readFileSync(path.join(root, 'automarket.config.example.json'), 'utf8'));
    expect(example.$schema).toBe('./schema/automarket.schema.json');
    expect(existsSync(path.join(root, example.$schema))).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.files).toContain('schema/');
  });
});

describe('keys', () => {
  test('keys set reads stdin when piped, stores 0600; keys list shows the source in effect, masked', async () => {
    const home = tempDir('automarket-home-');
    const set = await runCli(['keys', 'set', 'fal'], { input: 'fal-stored-key-111122223333\n', env: { AUTOMARKET_HOME: home } });
    expect(set.exitCode).toBe(0);
    expect(set.stdout).toBe('');
    const file = path.join(home, 'keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ fal: 'fal-stored-key-111122223333' });
    const stored = await runCli(['keys', 'list', '--json'], { env: { AUTOMARKET_HOME: home } });
    expect(jsonLines(stored.stdout).find((r) => r.provider === 'fal')).toEqual({ provider: 'fal', env: 'FAL_KEY', source: 'stored', key: 'fal…3333' });
    const fromEnv = await runCli(['keys', 'list'], { env: { AUTOMARKET_HOME: home, FAL_KEY: 'env-key-aaaabbbbcccc' } });
    expect(fromEnv.stdout).toMatch(/fal\s+FAL_KEY\s+environment\s+env…cccc/);
    expect(fromEnv.stdout).not.toContain('aaaabbbb');
    // The stored key works for generate: fal is picked as the first configured provider.
    const dry = await runCli(['generate', 'image', 'x', '--dry-run', '--json'], { env: { AUTOMARKET_HOME: home } });
    expect(JSON.parse(dry.stdout)).toMatchObject({ provider: 'fal', chosenBy: 'first-configured' });
  });

  test('keys set with nothing on stdin, or an unknown provider, exits 2', async () => {
    expect((await runCli(['keys', 'set', 'fal'], { input: '' })).exitCode).toBe(2);
    const unknown = await runCli(['keys', 'set', 'nope'], { input: 'x' });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown provider "nope"/);
  });
});

describe('init, history and non-interactive runs', () => {
  test('init without a terminal names --yes; init --yes writes a valid config with ${ENV} references', async () => {
    const cwd = tempDir();
    const no = await runCli(['init'], { cwd });
    expect(no.exitCode).toBe(2);
    expect(no.stderr).toMatch(/--yes/);
    const r = await runCli(['init', '--yes'], { cwd, env: { FAL_KEY: 'fal-test-key-0123456789' } });
    expect(r.exitCode).toBe(0);
    const file = path.join(cwd, 'automarket.config.json');
    expect(r.stdout.trim()).toBe(file);
    const config = JSON.parse(readFileSync(file, 'utf8'));
    expect(config.providers.fal).toEqual({ apiKey: '${FAL_KEY}' });
    expect(config.defaults.image).toBe('fal');
    expect(config.output.dir).toBe('automarket-output');
    expect(readFileSync(file, 'utf8')).not.toContain('0123456789');
    expect((await runCli(['config', 'validate', file], { cwd })).exitCode).toBe(0);
    const again = await runCli(['init', '--yes'], { cwd });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/--force/);
  });

  test('a prompt-less generate without a terminal fails naming what is missing, and never waits', async () => {
    const r = await runCli(['generate', 'image', '-p', 'local'], { input: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/prompt is empty/);
  });

  test('history lists what was generated, when, by whom, where and at what cost', async () => {
    const cwd = tempDir();
    const home = tempDir('automarket-home-');
    const env = { AUTOMARKET_HOME: home };
    mkdirSync(path.join(cwd, 'o'));
    const gen = await runCli(['generate', 'image', 'an owl', '-p', 'local', '--size', '32x32', '-o', 'o/owl.png'], { cwd, env });
    expect(gen.exitCode).toBe(0);
    const h = await runCli(['history', '--json'], { cwd, env });
    expect(h.exitCode).toBe(0);
    const [entry] = jsonLines(h.stdout);
    expect(entry).toMatchObject({ kind: 'image', provider: 'local', model: 'draft', prompt: 'an owl', paths: [path.join(cwd, 'o/owl.png')], costUsd: 0, status: 'saved' });
    expect(Date.parse(String(entry!.when))).toBeGreaterThan(0);
    const table = await runCli(['history'], { cwd, env });
    expect(table.stdout).toMatch(/WHEN\s+KIND\s+PROVIDER\s+MODEL\s+COST\s+PATH\s+PROMPT/);
    expect(table.stdout).toContain('owl.png');
  });
});

describe('completion', () => {
  async function complete(script: string, words: string[]): Promise<string[]> {
    const file = path.join(tempDir(), 'automarket.bash');
    writeFileSync(file, script);
    const cmd = `source "$1"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _automarket; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = await execa('bash', ['--norc', '-c', cmd, 'bash', file]);
    return r.stdout.split('\n').filter(Boolean);
  }

  test('the bash script completes commands, kinds, provider ids and model ids', async () => {
    const r = await runCli(['completion', 'bash']);
    expect(r.exitCode).toBe(0);
    const script = r.stdout;
    expect(await complete(script, ['automarket', ''])).toEqual(expect.arrayContaining(['generate', 'batch', 'config', 'keys', 'history', 'completion', 'init']));
    expect(await complete(script, ['automarket', 'generate', ''])).toEqual(['image', 'video', 'audio', 'text']);
    expect(await complete(script, ['automarket', 'generate', 'v'])).toEqual(['video']);
    expect(await complete(script, ['automarket', 'generate', 'image', '-p', ''])).toEqual(expect.arrayContaining(['local', 'fal']));
    expect(await complete(script, ['automarket', 'gen', 'image', '--model', 'fal-ai/flux/s'])).toEqual(['fal-ai/flux/schnell']);
    expect(await complete(script, ['automarket', 'generate', 'image', '--dr'])).toEqual(['--dry-run']);
    expect(await complete(script, ['automarket', 'keys', ''])).toEqual(['set', 'list', 'remove']);
    expect(await complete(script, ['automarket', 'keys', 'set', 'fa'])).toEqual(['fal']);
    expect(await complete(script, ['automarket', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete(script, ['automarket', '--config', 'x.json', 'config', 'v'])).toEqual(['validate']);
  });

  test('zsh and fish scripts are printed; an unknown shell exits 2', async () => {
    const zsh = await runCli(['completion', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef automarket/);
    expect(zsh.stdout).toContain('compdef _automarket automarket');
    const fish = await runCli(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c automarket -n '__fish_seen_subcommand_from generate gen' -s p -l provider -x -a 'local fal");
    expect((await runCli(['completion', 'tcsh'])).exitCode).toBe(2);
  });
});
