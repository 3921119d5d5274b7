/** Config loading: search places, the user config under AUTOMARKET_HOME, --config, ${VAR}, schema errors. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, SEARCH_PLACES } from '../../src/config/load.js';
import { interpolate } from '../../src/config/interpolate.js';
import { resolvePaths } from '../../src/paths.js';
import { ConfigError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

/** A project (package.json at its root) with a nested working directory and a private AUTOMARKET_HOME. */
function project(pkg: Record<string, unknown> = { name: 'p', version: '1.0.0' }) {
  const root = tempDir('automarket-cfg-');
  writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg));
  const cwd = path.join(root, 'src', 'deep');
  mkdirSync(cwd, { recursive: true });
  const home = tempDir('automarket-home-');
  return { root, cwd, home, userConfigPath: resolvePaths({ AUTOMARKET_HOME: home }).userConfig };
}

const FILES: Array<[string, string]> = [
  ['.automarketrc', 'output:\n  dir: from-rc\n'],
  ['.automarketrc.json', '{"output":{"dir":"from-rc"}}'],
  ['.automarketrc.yaml', 'output:\n  dir: from-rc\n'],
  ['.automarketrc.yml', 'output: { dir: from-rc }\n'],
  ['automarket.config.json', '{"output":{"dir":"from-rc"}}'],
  ['automarket.config.yaml', 'output:\n  dir: from-rc\n'],
  ['automarket.config.yml', 'output:\n  dir: from-rc\n'],
  ['automarket.config.js', 'module.exports = { output: { dir: "from-rc" } };\n'],
  ['automarket.config.mjs', 'export default { output: { dir: "from-rc" } };\n'],
  ['automarket.config.cjs', 'module.exports = { output: { dir: "from-rc" } };\n'],
];

describe('search places', () => {
  test('the list is the one design.md names', () => {
    expect(SEARCH_PLACES).toEqual(['package.json', ...FILES.map(([name]) => name)]);
  });

  test.each(FILES)('%s at the project root is found from a subdirectory', async (name, body) => {
    const p = project();
    writeFileSync(path.join(p.root, name), body);
    const loaded = await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath });
    expect(loaded.config.output?.dir).toBe('from-rc');
    expect(loaded.files).toEqual([{ path: path.join(p.root, name), origin: 'project' }]);
  });

  test('package.json#automarket', async () => {
    const p = project({ name: 'p', automarket: { output: { dir: 'from-pkg' } } });
    const loaded = await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath });
    expect(loaded.config.output?.dir).toBe('from-pkg');
  });

  test('no config anywhere is an empty config, not an error', async () => {
    const p = project();
    expect(await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath })).toEqual({ config: {}, files: [], sources: {} });
  });
});

describe('layers', () => {
  test('the project config is merged over the user config in AUTOMARKET_HOME; sources say which file set what', async () => {
    const p = project();
    writeFileSync(p.userConfigPath, JSON.stringify({ output: { dir: 'user-dir', sidecar: true }, providers: { fal: { apiKey: 'user-key-123456' } } }));
    writeFileSync(path.join(p.root, '.automarketrc.json'), JSON.stringify({ output: { dir: 'project-dir' } }));
    const loaded = await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath });
    expect(loaded.config).toEqual({ output: { dir: 'project-dir', sidecar: true }, providers: { fal: { apiKey: 'user-key-123456' } } });
    expect(loaded.files.map((f) => f.origin)).toEqual(['user', 'project']);
    expect(loaded.sources['output.dir']?.origin).toBe('project');
    expect(loaded.sources['output.sidecar']?.origin).toBe('user');
    expect(p.userConfigPath).toBe(path.join(p.home, 'config.json'));
  });

  test('--config names one file instead of searching (the user config still applies)', async () => {
    const p = project();
    writeFileSync(p.userConfigPath, JSON.stringify({ output: { sidecar: true } }));
    writeFileSync(path.join(p.root, '.automarketrc.json'), JSON.stringify({ output: { dir: 'searched' } }));
    writeFileSync(path.join(p.cwd, 'other.yaml'), 'output:\n  dir: explicit\n');
    const loaded = await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath, explicitPath: 'other.yaml' });
    expect(loaded.config.output).toEqual({ sidecar: true, dir: 'explicit' });
    expect(loaded.files.map((f) => f.origin)).toEqual(['user', 'explicit']);
  });

  test('--config that does not exist is a ConfigError naming it', async () => {
    const p = project();
    await expect(loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath, explicitPath: 'missing.json' })).rejects.toThrow(
      new ConfigError(`Config file not found: ${path.join(p.cwd, 'missing.json')}`),
    );
  });

  test('paths in a config are relative to that file', async () => {
    const p = project();
    writeFileSync(path.join(p.root, '.automarketrc.json'), JSON.stringify({ services: { tts: { compose: './svc/compose.yml', url: 'http://127.0.0.1:9000' } }, plugins: ['./plugins/x.js', 'some-package'] }));
    const loaded = await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath });
    expect(loaded.config.services?.tts?.compose).toBe(path.join(p.root, 'svc/compose.yml'));
    expect(loaded.config.plugins).toEqual([path.join(p.root, 'plugins/x.js'), 'some-package']);
  });
});

describe('${VAR} interpolation', () => {
  test('whole strings, embedded strings and defaults', () => {
    const env = { FAL_KEY: 'k-123', HOST: 'example.test', EMPTY: '' };
    expect(interpolate({ a: '${FAL_KEY}', b: 'https://${HOST}/v1', c: '${MISSING:-fallback}', d: '${EMPTY:-used}', e: 'x${MISSING}y', f: ['${FAL_KEY}', '${MISSING}'], g: 5 }, env)).toEqual({
      a: 'k-123',
      b: 'https://example.test/v1',
      c: 'fallback',
      d: 'used',
      e: 'xy',
      f: ['k-123'],
      g: 5,
    });
  });

  test('an unset whole-string variable drops the key (so a missing key is reported by its env var)', () => {
    expect(interpolate({ providers: { fal: { apiKey: '${FAL_KEY}', baseUrl: 'http://h' } } }, {})).toEqual({ providers: { fal: { baseUrl: 'http://h' } } });
  });

  test('is applied when loading, before validation', async () => {
    const p = project();
    writeFileSync(path.join(p.root, '.automarketrc.json'), JSON.stringify({ providers: { fal: { apiKey: '${FAL_KEY}', baseUrl: '${FAL_URL:-http://127.0.0.1:1}' } }, output: { dir: '${OUT}' } }));
    const loaded = await loadConfig({ cwd: p.cwd, env: { FAL_KEY: 'secret-abc', OUT: 'media' }, userConfigPath: p.userConfigPath });
    expect(loaded.config).toEqual({ providers: { fal: { apiKey: 'secret-abc', baseUrl: 'http://127.0.0.1:1' } }, output: { dir: 'media' } });
  });
});

describe('validation errors name the file, the key path and what is expected', () => {
  const cases: Array<[string, unknown, string, string]> = [
    ['unknown top-level key', { outptu: {} }, 'outptu', 'outptu is not a known key'],
    ['unknown nested key', { output: { colour: 'red' } }, 'output.colour', 'output.colour is not a known key'],
    ['wrong type', { output: { sidecar: 'yes' } }, 'output.sidecar', 'output.sidecar must be boolean'],
    ['bad URL', { providers: { fal: { baseUrl: 'queue.fal.run' } } }, 'providers.fal.baseUrl', 'providers.fal.baseUrl must be an http:// or https:// URL'],
    ['missing required key', { services: { tts: { url: 'http://127.0.0.1:1' } } }, 'services.tts.compose', 'services.tts.compose is required'],
    ['bad enum', { providers: { x: { type: 'grpc' } } }, 'providers.x.type', 'providers.x.type must be one of "openai-compatible"'],
  ];
  test.each(cases)('%s', async (_name, body, key, message) => {
    const p = project();
    const file = path.join(p.root, 'automarket.config.json');
    writeFileSync(file, JSON.stringify(body));
    const err = (await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath }).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(`${file}: ${message}`);
    expect(err.data).toEqual({ file, key });
  });

  test('an error in the user config names the user config file', async () => {
    const p = project();
    writeFileSync(p.userConfigPath, JSON.stringify({ defaults: { image: 5 } }));
    await expect(loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath })).rejects.toThrow(`${p.userConfigPath}: defaults.image must be string`);
  });

  test('a syntax error names the file', async () => {
    const p = project();
    const file = path.join(p.root, '.automarketrc.json');
    writeFileSync(file, '{ "output": ');
    await expect(loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath })).rejects.toThrow(new RegExp(`^${file.replace(/[.]/g, '\\.')}: cannot parse config`));
  });

  test.each([
    ['a trailing comma', '{\n  "output": {\n    "dir": "x",\n  }\n}\n', 'expected double-quoted property name', 4, 3],
    ['a bare word', '{"output": {"dir": out}}', "unexpected token 'o'", 1, 20],
    ['a missing comma', '{\n  "output": {}\n  "defaults": {}\n}', "expected ',' or '}' after property value", 3, 3],
    ['text after the object', '{}\n{}', 'unexpected text after the end of the JSON value', 2, 1],
    ['a file cut short', '{ "output": ', 'unexpected end of file', 1, 13],
  ])('broken JSON (%s): what is wrong, its line and column, and how to check the fix', async (_what, text, reason, line, column) => {
    const p = project();
    const file = path.join(p.root, 'automarket.config.json');
    writeFileSync(file, text);
    const err = (await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath }).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe(`${file}: cannot parse config: ${reason} (line ${line}, column ${column})`);
    expect(err.hint).toBe(`fix the JSON there, then check it with \`automarket config validate ${file}\``);
    expect(err.data).toEqual({ file, line, column });
    expect(err.exitCode).toBe(2);
  });

  test('broken YAML: the YAML parser\'s reason, line and column', async () => {
    const p = project();
    const file = path.join(p.root, '.automarketrc.yaml');
    writeFileSync(file, 'output:\n  dir: "unclosed\n');
    const err = (await loadConfig({ cwd: p.cwd, env: {}, userConfigPath: p.userConfigPath }).catch((e: unknown) => e)) as ConfigError;
    expect(err.message).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: cannot parse config: \\S.* \\(line \\d+, column \\d+\\)$`));
    expect(err.hint).toMatch(/^fix the YAML there, then check it with `automarket config validate /);
  });
});
