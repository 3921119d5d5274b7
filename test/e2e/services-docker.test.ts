/**
 * `service start|status|logs|stop` against a real Docker Engine and Compose, with a config-declared
 * test service (test/fixtures/services/tts: a Kokoro-like /v1/audio/speech server built FROM
 * automarket/node-base:local), plus every failure path the issue names, for real.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { jsonLines, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { buildTtsImage, COMPOSE, describeDocker, freePort, projectContainers, removeProject, TTS_COMPOSE, uniqueName } from '../helpers/docker.js';

const LONG = 180_000;

interface Setup {
  cwd: string;
  name: string;
  port: number;
  project: string;
  env: Record<string, string>;
}

/** A project directory whose config declares the test service under a fresh name and port. */
async function setup(extra: Record<string, unknown> = {}, serviceExtra: Record<string, unknown> = {}): Promise<Setup> {
  const cwd = tempDir();
  const name = uniqueName('tts');
  const port = await freePort();
  const config = {
    services: { [name]: { compose: TTS_COMPOSE, url: `http://127.0.0.1:${port}`, health: '/health', provider: 'tts', startTimeout: 60, ...serviceExtra } },
    ...extra,
  };
  writeFileSync(path.join(cwd, 'automarket.config.json'), JSON.stringify(config, null, 2));
  return { cwd, name, port, project: `automarket-${name}`, env: { TTS_PORT: String(port) } };
}

describeDocker('services on a real Docker engine', () => {
  const projects: string[] = [];
  beforeAll(async () => {
    await buildTtsImage();
  });
  afterAll(async () => {
    for (const p of projects) await removeProject(p);
  }, LONG);

  test('start → healthy → speaks /v1/audio/speech → status → logs → stop, and no container remains', async () => {
    const s = await setup();
    projects.push(s.project);
    const start = await runCli(['service', 'start', s.name], { cwd: s.cwd, env: s.env });
    expect(start.stderr).toMatch(new RegExp(`${s.name} is ready`));
    expect(start.exitCode).toBe(0);
    expect(start.stdout.trim()).toBe(`http://127.0.0.1:${s.port}`);

    const status = await runCli(['service', 'status', s.name, '--json'], { cwd: s.cwd, env: s.env });
    expect(status.exitCode).toBe(0);
    const [st] = jsonLines(status.stdout);
    expect(st).toMatchObject({ name: s.name, state: 'running', healthy: true, url: `http://127.0.0.1:${s.port}`, provider: 'tts', project: s.project, origin: 'config' });
    expect((st!.containers as Array<Record<string, unknown>>)[0]).toMatchObject({ service: 'tts', state: 'running' });

    // The service really speaks the protocol: a WAV with a RIFF header and samples.
    const speech = await fetch(`http://127.0.0.1:${s.port}/v1/audio/speech`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'kokoro', input: 'hi', voice: 'af_heart', response_format: 'wav' }) });
    expect(speech.headers.get('content-type')).toBe('audio/wav');
    const wav = Buffer.from(await speech.arrayBuffer());
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wav.length).toBeGreaterThan(1000);

    const list = await runCli(['service', 'list', '--json'], { cwd: s.cwd, env: s.env });
    expect(list.exitCode).toBe(0);
    expect(jsonLines(list.stdout).find((r) => r.name === s.name)).toMatchObject({ state: 'running', healthy: true });
    expect(jsonLines(list.stdout).map((r) => r.name)).toEqual(expect.arrayContaining(['kokoro', 'ollama', 'speaches', 'localai']));

    const logs = await runCli(['service', 'logs', s.name, '--tail', '200'], { cwd: s.cwd, env: s.env });
    expect(logs.exitCode).toBe(0);
    expect(logs.stdout).toContain(`tts fixture listening on 127.0.0.1:${s.port}`);
    expect(logs.stdout).toContain('speech: model=kokoro voice=af_heart format=wav chars=2');
    const logsJson = await runCli(['service', 'logs', s.name, '--json'], { cwd: s.cwd, env: s.env });
    expect((jsonLines(logsJson.stdout)[0]!.lines as string[]).some((l) => l.includes('POST /v1/audio/speech'))).toBe(true);

    const again = await runCli(['service', 'start', s.name], { cwd: s.cwd, env: s.env });
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toMatch(/already running/);

    const stop = await runCli(['service', 'stop', s.name, '--json'], { cwd: s.cwd, env: s.env });
    expect(stop.exitCode).toBe(0);
    expect(jsonLines(stop.stdout)).toEqual([{ name: s.name, state: 'stopped' }]);
    expect(await projectContainers(s.project)).toEqual([]);

    const after = await runCli(['service', 'status', s.name, '--json'], { cwd: s.cwd, env: s.env });
    expect(jsonLines(after.stdout)[0]).toMatchObject({ state: 'stopped', healthy: false, containers: [] });
  }, LONG);

  test('health never passes: exit 1 after the timeout, and the error shows the service\'s last log lines', async () => {
    const s = await setup({}, { startTimeout: 4 });
    projects.push(s.project);
    const r = await runCli(['service', 'start', s.name], { cwd: s.cwd, env: { ...s.env, TTS_HEALTH: 'fail' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${s.name} did not become healthy within 4 s \\(last answer: HTTP 503\\)`));
    expect(r.stderr).toContain(`last log lines of ${s.name}:`);
    expect(r.stderr).toContain('loading model failed: the fixture was told never to become healthy');
    expect(r.stderr).toContain(`automarket service stop ${s.name}`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const json = await runCli(['service', 'status', s.name, '--json'], { cwd: s.cwd, env: s.env });
    expect(jsonLines(json.stdout)[0]).toMatchObject({ healthy: false });
    expect(['starting', 'unhealthy']).toContain(jsonLines(json.stdout)[0]!.state);
    await runCli(['service', 'stop', s.name], { cwd: s.cwd, env: s.env });
    expect(await projectContainers(s.project)).toEqual([]);
  }, LONG);

  test('a port another program holds: exit 1 naming the port, nothing started', async () => {
    const s = await setup();
    projects.push(s.project);
    const holder = await import('node:http').then(({ createServer }) => createServer((_q, res) => res.writeHead(404).end()));
    await new Promise<void>((resolve) => holder.listen(s.port, '127.0.0.1', resolve));
    try {
      const r = await runCli(['service', 'start', s.name, '--json'], { cwd: s.cwd, env: s.env });
      expect(r.exitCode).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'PORT_TAKEN', message: expect.stringContaining(`Port ${s.port} is already taken`) } });
      expect(await projectContainers(s.project)).toEqual([]);
    } finally {
      holder.close();
    }
  }, LONG);

  test('an image that cannot be pulled: exit 1 naming the image', async () => {
    const s = await setup();
    mkdirSync(path.join(s.cwd, 'pull'));
    writeFileSync(path.join(s.cwd, 'pull', 'docker-compose.yml'), 'services:\n  app:\n    image: automarket-test/not-a-real-image:nope\n    network_mode: host\n');
    writeFileSync(path.join(s.cwd, 'automarket.config.json'), JSON.stringify({ services: { [s.name]: { compose: './pull/docker-compose.yml', url: `http://127.0.0.1:${s.port}` } } }));
    projects.push(s.project);
    const r = await runCli(['service', 'start', s.name], { cwd: s.cwd, env: s.env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/The image automarket-test\/not-a-real-image:nope cannot be pulled/);
    expect(r.stderr).toMatch(/hint: .*docker login/);
  }, LONG);

  test('a compose file with an error: exit 2, the file and the problem named, nothing started', async () => {
    const s = await setup();
    mkdirSync(path.join(s.cwd, 'bad'));
    writeFileSync(path.join(s.cwd, 'bad', 'docker-compose.yml'), 'services:\n  app:\n    imagez: x\n');
    writeFileSync(path.join(s.cwd, 'automarket.config.json'), JSON.stringify({ services: { [s.name]: { compose: './bad/docker-compose.yml', url: `http://127.0.0.1:${s.port}` } } }));
    const r = await runCli(['service', 'start', s.name], { cwd: s.cwd, env: s.env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/compose file .*is not valid/i);
    expect(r.stderr).toContain('imagez');
    expect(await projectContainers(s.project)).toEqual([]);
  }, LONG);

  test('the engine is not running (DOCKER_HOST at a dead socket): exit 1, says so, for start, status and stop', async () => {
    const s = await setup();
    const env = { ...s.env, DOCKER_HOST: `unix://${path.join(tempDir(), 'dead.sock')}` };
    for (const args of [['service', 'start', s.name], ['service', 'status', s.name], ['service', 'stop', s.name]]) {
      const r = await runCli([...args, '--json'], { cwd: s.cwd, env });
      expect(r.exitCode).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'DOCKER_DOWN', message: `The Docker engine is not running or not reachable at ${env.DOCKER_HOST}` } });
    }
    const list = await runCli(['service', 'list'], { cwd: s.cwd, env });
    expect(list.exitCode).toBe(0); // the list still prints, with a warning
    expect(list.stderr).toMatch(/warning: docker ps failed/);
  }, LONG);

  test('a provider bound to a service with autoStart starts it when needed', async () => {
    const s = await setup();
    projects.push(s.project);
    // In process: the same check generate runs before a service-backed provider.
    const { Context } = await import('../../src/context.js');
    const { ensureProviderService } = await import('../../src/services/ensure-running.js');
    const { PassThrough } = await import('node:stream');
    writeFileSync(path.join(s.cwd, 'automarket.config.json'), JSON.stringify({
      services: { [s.name]: { compose: TTS_COMPOSE, url: `http://127.0.0.1:${s.port}`, health: '/health', startTimeout: 60 } },
      providers: { tts: { service: s.name, autoStart: true } },
    }));
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (c: Buffer) => (said += c.toString()));
    const ctx = new Context({ env: { ...process.env, ...s.env, AUTOMARKET_HOME: tempDir() }, cwd: s.cwd, io: { stdin: new PassThrough(), stdout: new PassThrough(), stderr }, signal: new AbortController().signal, options: { verbose: false, color: false, json: false, quiet: false } });
    const entry = { manifest: { id: 'tts', displayName: 'tts', type: 'service' as const, capabilities: ['text-to-audio' as const] }, origin: 'config' as const, load: async () => { throw new Error('unused'); } };
    await ensureProviderService(ctx, entry);
    expect(said).toContain(`Service ${s.name} is not running: starting it (providers.tts.autoStart)`);
    expect((await fetch(`http://127.0.0.1:${s.port}/health`)).status).toBe(200);
    await runCli(['service', 'stop', s.name], { cwd: s.cwd, env: s.env });
    expect(await projectContainers(s.project)).toEqual([]);
  }, LONG);
});

describeDocker('built-in services', () => {
  const dirs = readdirSync(path.join(ROOT, 'services'));

  test.each(dirs)('%s: its compose files (and the GPU variant) pass `compose config`', async (name) => {
    const base = path.join(ROOT, 'services', name, 'docker-compose.yml');
    const gpu = path.join(ROOT, 'services', name, 'docker-compose.gpu.yml');
    for (const files of [[base], [base, gpu]]) {
      const r = await execa(COMPOSE[0], [...COMPOSE.slice(1), ...files.flatMap((f) => ['-f', f]), 'config', '-q'], { reject: false });
      expect({ files, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ files, stderr: '', exitCode: 0 });
    }
  });

  test.each(dirs)('%s: publishes ports on 127.0.0.1 only, keeps models in named volumes', (name) => {
    for (const file of ['docker-compose.yml', 'docker-compose.gpu.yml']) {
      const text = readFileSync(path.join(ROOT, 'services', name, file), 'utf8');
      const ports = [...text.matchAll(/^(\s+)ports:\n((?:\1\s+- .*\n)+)/gm)].flatMap((m) => m[2]!.trim().split('\n').map((l) => l.trim().replace(/^- /, '').replace(/"/g, '')));
      if (file === 'docker-compose.yml') expect(ports.length).toBeGreaterThan(0);
      for (const p of ports) expect(p).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
      expect(text).not.toMatch(/network_mode:\s*"?host/); // host networking would bypass the 127.0.0.1 binding
      expect(text).not.toMatch(/published:|host_ip:/); // long port syntax would dodge this check: keep the short one
    }
    const base = readFileSync(path.join(ROOT, 'services', name, 'docker-compose.yml'), 'utf8');
    const volume = /^volumes:\n\s+([\w-]+):/m.exec(base)?.[1];
    expect(volume).toBeDefined();
    expect(base).toContain(`- ${volume}:/`);
    const json = JSON.parse(readFileSync(path.join(ROOT, 'services', name, 'service.json'), 'utf8')) as { url: string };
    expect(json.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});

describe('without Docker', () => {
  test('"Docker is not installed" (exit 1) when neither docker nor docker-compose is on PATH', async () => {
    const r = await runCli(['service', 'start', 'ollama'], { env: { PATH: tempDir() } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/error: Docker is not installed/);
    expect(r.stderr).toMatch(/hint: install Docker/);
  });

  test('an unknown service name: exit 2, with the names that exist', async () => {
    const r = await runCli(['service', 'status', 'nope', '--json']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'UNKNOWN_SERVICE', message: 'Unknown service "nope"', hint: expect.stringContaining('kokoro') } });
  });
});
