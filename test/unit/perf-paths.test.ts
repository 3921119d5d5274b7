/**
 * The fast paths of issue 9 keep the behaviour they replaced: the stat-based project config search
 * (cosmiconfig's `project` strategy), and the journal's group commit, repeat skipping and notes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { Journal } from '../../src/jobs/journal.js';
import { Secrets } from '../../src/secrets.js';
import { tempDir } from '../helpers/cli.js';

const load = (cwd: string) => loadConfig({ cwd, env: {}, userConfigPath: path.join(tempDir(), 'none.json') });

describe('project config search', () => {
  test('finds a config in a parent directory, nearest first, in search-place order', async () => {
    const root = tempDir();
    const deep = path.join(root, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(root, 'automarket.config.json'), JSON.stringify({ output: { dir: 'far' } }));
    writeFileSync(path.join(root, 'a', 'automarket.config.json'), JSON.stringify({ output: { dir: 'json' } }));
    writeFileSync(path.join(root, 'a', '.automarketrc.json'), JSON.stringify({ output: { dir: 'rc' } }));
    const loaded = await load(deep);
    expect(loaded.config.output?.dir).toBe('rc');
    expect(loaded.files[0]!.path).toBe(path.join(root, 'a', '.automarketrc.json'));
  });

  test('stops at the project root (package.json); package.json#automarket counts, without it the search goes on', async () => {
    const root = tempDir();
    const project = path.join(root, 'project');
    const sub = path.join(project, 'sub');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(root, 'automarket.config.json'), JSON.stringify({ output: { dir: 'outside' } }));
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'p' }));
    writeFileSync(path.join(sub, 'package.json'), JSON.stringify({ name: 'sub' }));
    expect((await load(sub)).files).toEqual([]);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'p', automarket: { output: { dir: 'pkg' } } }));
    // sub/package.json has no automarket key, but it marks sub as the project root: the search stops there.
    expect((await load(sub)).files).toEqual([]);
    expect((await load(project)).config.output?.dir).toBe('pkg');
  });

  test('an empty file is skipped and a directory with a config name is not a config', async () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'package.json'), '{}');
    writeFileSync(path.join(root, '.automarketrc'), '');
    mkdirSync(path.join(root, '.automarketrc.json'));
    writeFileSync(path.join(root, 'automarket.config.yaml'), 'output:\n  dir: yaml\n');
    expect((await load(root)).config.output?.dir).toBe('yaml');
  });
});

describe('journal', () => {
  const read = (j: Journal) => readFileSync(j.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  test('commit, note and append all land in the file in order; an identical repeat is written once', async () => {
    const journal = new Journal(path.join(tempDir(), 'state'), new Secrets());
    const record = await journal.createCommitted({ id: 'job_1', provider: 'fal', model: 'm', capability: 'text-to-image', status: 'submitting' });
    journal.note({ id: 'job_1', status: 'queued' });
    journal.note({ id: 'job_1', status: 'queued' });
    await journal.commit({ id: 'job_1', status: 'submitted', requestId: 'r1' });
    journal.append({ id: 'job_1', status: 'saved' });
    expect(read(journal).map((l) => l.status)).toEqual(['submitting', 'queued', 'submitted', 'saved']);
    expect(journal.get('job_1')).toMatchObject({ status: 'saved', requestId: 'r1', createdAt: record.createdAt });
  });

  test('many concurrent commits share fsyncs and all resolve with every line written', async () => {
    const journal = new Journal(path.join(tempDir(), 'state'), new Secrets());
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.createCommitted({ id: `job_${i}`, provider: 'fal', model: 'm', capability: 'text-to-image', status: 'submitted' })));
    expect(read(journal)).toHaveLength(50);
    expect(journal.all()).toHaveLength(50);
  });

  test('keys never reach the journal', async () => {
    const secrets = new Secrets();
    secrets.add('sk-secret-key-123456');
    const journal = new Journal(path.join(tempDir(), 'state'), secrets);
    await journal.commit({ id: 'job_k', status: 'failed', error: 'bad key sk-secret-key-123456' });
    journal.note({ id: 'job_k', status: 'failed', error: 'again sk-secret-key-123456' });
    expect(readFileSync(journal.file, 'utf8')).not.toContain('sk-secret-key-123456');
  });
});

describe('the schema validator compiled at build time', () => {
  // npm test builds first; the generated module lives only in dist.
  const generatedPath = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist/src/config/schema-validator.js');

  test('gives the same verdicts and errors as compiling the schema at run time', async () => {
    const { default: generated } = (await import(generatedPath)) as { default: ((d: unknown) => boolean) & { errors?: unknown[] | null } };
    const { default: Ajv } = (await import('ajv')) as unknown as { default: new (o: object) => { compile(s: object): typeof generated } };
    const { schemaFilePath } = await import('../../src/config/validate.js');
    const compiled = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaFilePath(), 'utf8')));
    const samples: unknown[] = [
      {},
      { output: { dir: 'out', filename: '{slug}.{ext}', sidecar: true } },
      { output: { dir: '' } },
      { bogus: 1 },
      { providers: { fal: { baseUrl: 'ftp://x', concurrency: 0 } } },
      { providers: { 'Bad Name': {} } },
      { defaults: { image: { provider: 'fal' } }, plugins: ['./p'] },
      { services: { mine: { compose: './dc.yml', url: 'http://127.0.0.1:1', health: '/' } } },
      { batch: { concurrency: 'many' } },
      JSON.parse(readFileSync(path.resolve(path.dirname(generatedPath), '../../../automarket.config.example.json'), 'utf8')),
    ];
    for (const sample of samples) {
      expect([sample, generated(sample)]).toEqual([sample, compiled(sample)]);
      expect(generated.errors ?? null).toEqual(compiled.errors ?? null);
    }
  });
});

describe('commands declared per run', () => {
  const runEnv = () => ({ io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr } as never, env: {}, cwd: process.cwd(), signal: new AbortController().signal, state: { json: false, verbose: false } });

  test('a run that names a command declares only that one; help, typos and completion get them all', async () => {
    const { buildProgram } = await import('../../src/cli.js');
    const names = (argv?: string[]) => buildProgram(runEnv(), argv).commands.map((c) => c.name());
    const all = names();
    expect(all.length).toBeGreaterThan(10);
    expect(names(['generate', 'image', 'x'])).toEqual(['generate']);
    expect(names(['gen', 'image', 'x'])).toEqual(['generate']);
    expect(names(['--config', 'batch', 'batch', 'f.jsonl'])).toEqual(['batch']);
    expect(names(['--verbose', 'service', 'start', 'kokoro'])).toEqual(['service']);
    expect(names([])).toEqual(all);
    expect(names(['--help'])).toEqual(all);
    expect(names(['help', 'generate'])).toEqual(all);
    expect(names(['genrate'])).toEqual(all);
    expect(names(['completion', 'bash'])).toEqual(all);
  });
});
