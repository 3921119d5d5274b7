/**
 * The package export "." (dist/src/index.js): a script that imports `automarket` by name can run the
 * CLI in-process with its own streams, and gets exit codes instead of process exits.
 */
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { ROOT, cliEnv, tempDir } from '../helpers/cli.js';

const script = `
import { PassThrough } from 'node:stream';
import * as api from 'automarket';
const out = new PassThrough(); const err = new PassThrough();
let stdout = ''; let stderr = '';
out.on('data', (c) => (stdout += c)); err.on('data', (c) => (stderr += c));
const io = { stdin: process.stdin, stdout: out, stderr: err };
const base = { io, env: { AUTOMARKET_HOME: process.env.AUTOMARKET_HOME }, cwd: process.env.WORK_DIR, signal: new AbortController().signal };
const ok = await api.run(['generate', 'image', 'a fox', '--size', '64x64', '-o', 'fox.png', '--json'], base);
const bad = await api.run(['generate', 'picture', 'x'], base);
const program = api.buildProgram({ ...base, state: { json: false, verbose: false } });
console.log(JSON.stringify({
  ok, bad, stdout, stderr,
  names: program.commands.map((c) => c.name()),
  version: api.VERSION,
  usageExit: new api.UsageError('x').exitCode,
  plugin: typeof api.defineProvider, apiVersion: api.PLUGIN_API_VERSION, kinds: api.KINDS,
}));
`;

test('import { run, buildProgram } from "automarket"', async () => {
  const work = tempDir();
  const r = (await execa(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: cliEnv({ WORK_DIR: work }), extendEnv: false, reject: false } as never)) as unknown as { stdout: string; stderr: string };
  expect(r.stderr).toBe('');
  const result = JSON.parse(String(r.stdout)) as Record<string, unknown>;
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string; exports: Record<string, string> };
  expect(pkg.exports['.']).toBe('./dist/src/index.js');
  expect(result.ok).toBe(0);
  expect(JSON.parse(String(result.stdout).trim())).toMatchObject({ path: `${work}/fox.png`, kind: 'image', width: 64, provider: 'local' });
  expect(result.bad).toBe(2);
  expect(result.stderr).toContain('error: Unknown kind "picture"');
  expect(result.names).toEqual(expect.arrayContaining(['generate', 'providers']));
  expect(result).toMatchObject({ version: pkg.version, usageExit: 2, plugin: 'function', apiVersion: 1, kinds: ['image', 'video', 'audio', 'text'] });
});
