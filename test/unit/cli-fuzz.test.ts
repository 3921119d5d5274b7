/**
 * Property: whatever arguments and config file the CLI is given, a run ends with exit code 0, 1 or 2
 * and a clear message: never an uncaught exception, an "Unexpected error" or a stack trace.
 * Runs in-process through run() (the same entry as the binary) so hundreds of cases stay fast.
 * Providers that need a network get loopback URLs that refuse, and no keys, so nothing leaves.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { run } from '../../src/run.js';
import { tempDir } from '../helpers/cli.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function runInProcess(argv: string[], cwd: string, home: string): Promise<Outcome> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  stdin.end();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await run(argv, {
    io: { stdin, stdout, stderr } as never,
    env: { AUTOMARKET_HOME: home, PATH: process.env.PATH, HOME: home },
    cwd,
    signal: new AbortController().signal,
  });
  return { code, stdout: out, stderr: err };
}

const command = fc.constantFrom(
  ['generate', 'image'], ['generate', 'image'], ['gen', 'image'], ['generate', 'audio'], ['generate', 'video'], ['generate', 'text'], ['generate'],
  ['providers', 'list'], ['providers'], ['jobs', 'list'], ['jobs', 'show'], ['jobs', 'resume'], ['jobs', 'cancel'], ['jobs'], ['nope'],
);
const word = fc.constantFrom(
  '--json', '--dry-run', '--dry-run', '--verbose', '--force', '--all', '-q', '--no-color', '-p', 'local', 'fal', 'nope', '-m', 'fal:fal-ai/flux/schnell',
  'local:draft', 'draft', '-o', 'out/', 'out.png', '-', '-n', '2', '0', '-1', '17', '--size', '64x48', '10x', 'x', '--aspect', '16:9', '0:0', '--seed', '3',
  '--duration', 'NaN', '--format', 'png', 'jpeg', 'exe', '--timeout', '0.5', '-P', 'a=1', 'b={"x":', '--config', 'missing.json', 'am.json', '-i', 'in.png', 'a prompt',
  'a prompt', '', ' ', '--', '--unknown', 'job_x', '--help',
);
const argv = fc
  .tuple(command, fc.array(fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), { maxLength: 8 }))
  .map(([cmd, rest]) => [...cmd, ...rest]);

const configValue = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      output: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.record({ dir: fc.oneof(fc.string(), fc.constant('o')), sidecar: fc.boolean(), maxBytes: fc.integer() }, { requiredKeys: [] })),
      defaults: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.record({ image: fc.constantFrom('local', 'fal', 'nope:model', ''), timeout: fc.double() }, { requiredKeys: [] })),
      providers: fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({ fal: fc.record({ baseUrl: fc.constantFrom('http://127.0.0.1:9', 'ftp://x', 'https://evil.example'), apiKey: fc.constantFrom('${NOPE}', ''), retry: fc.record({ maxRetries: fc.integer({ min: -2, max: 30 }) }) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
      ),
      timeouts: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
);

test('random arguments and config files: exit 0, 1 or 2 with a clear message, never a crash', async () => {
  const cwd = tempDir();
  const home = tempDir('automarket-home-');
  mkdirSync(path.join(cwd, 'out'), { recursive: true });
  await fc.assert(
    fc.asyncProperty(argv, configValue, fc.boolean(), async (args, config, rawText) => {
      const rc = path.join(cwd, '.automarketrc.json');
      const am = path.join(cwd, 'am.json');
      const text = config === undefined ? '{' : rawText ? JSON.stringify(config).slice(0, -1) : JSON.stringify(config);
      writeFileSync(rc, config === undefined ? '{}' : text);
      writeFileSync(am, config === undefined ? text : '{}');
      const outcome = await runInProcess(args, cwd, home);
      expect([0, 1, 2]).toContain(outcome.code);
      expect(outcome.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(outcome.stderr).not.toMatch(/Unexpected error|TypeError|ReferenceError|undefined is not/);
      if (outcome.code !== 0) {
        const message = args.includes('--json') && outcome.stdout.includes('"error"') ? outcome.stdout : outcome.stderr;
        expect(message.trim().length).toBeGreaterThan(0);
      }
    }),
    { numRuns: 200 },
  );
}, 300_000);
