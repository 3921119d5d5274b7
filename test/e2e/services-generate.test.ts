/**
 * `generate` through a provider that lives in a Docker service: the end-to-end path
 * (service start → status healthy → generate audio writes a real WAV → logs → stop).
 *
 * The provider is a config-declared `openai-compatible` one bound to the service. The service
 * lifecycle alone is covered in services-docker.test.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';
import { buildTtsImage, describeDocker, freePort, projectContainers, removeProject, TTS_COMPOSE, uniqueName } from '../helpers/docker.js';

const LONG = 180_000;

async function project(autoStart: boolean) {
  const cwd = tempDir();
  const name = uniqueName('speech');
  const port = await freePort();
  writeFileSync(
    path.join(cwd, 'automarket.config.json'),
    JSON.stringify({
      services: { [name]: { compose: TTS_COMPOSE, url: `http://127.0.0.1:${port}`, health: '/health', provider: 'tts', startTimeout: 60 } },
      providers: { tts: { type: 'openai-compatible', baseUrl: `http://127.0.0.1:${port}/v1`, capabilities: ['text-to-audio'], models: ['kokoro'], service: name, ...(autoStart ? { autoStart: true } : {}) } },
    }),
  );
  return { cwd, name, project: `automarket-${name}`, env: { TTS_PORT: String(port) } };
}

function expectWav(file: string): void {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
  expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
  expect(bytes.length).toBeGreaterThan(1000);
}

describeDocker('generate through a Docker service', () => {
  const projects: string[] = [];
  beforeAll(() => buildTtsImage(), LONG);
  afterAll(async () => {
    for (const p of projects) await removeProject(p);
  }, LONG);

  test('service down: generate says which command starts it (exit 1) and writes nothing', async () => {
    const p = await project(false);
    const r = await runCli(['generate', 'audio', 'hi', '-p', 'tts', '-m', 'kokoro', '--format', 'wav', '-o', 'hi.wav'], { cwd: p.cwd, env: p.env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`Service ${p.name} is not running`);
    expect(r.stderr).toContain(`automarket service start ${p.name}`);
    expect(existsSync(path.join(p.cwd, 'hi.wav'))).toBe(false);
  });

  test('start → status healthy → generate audio writes a real WAV → logs show the request → stop', async () => {
    const p = await project(false);
    projects.push(p.project);
    expect((await runCli(['service', 'start', p.name], { cwd: p.cwd, env: p.env })).exitCode).toBe(0);
    const status = await runCli(['service', 'status', p.name, '--json'], { cwd: p.cwd, env: p.env });
    expect(jsonLines(status.stdout)[0]).toMatchObject({ state: 'running', healthy: true });
    const providers = jsonLines((await runCli(['providers', 'list', '--json'], { cwd: p.cwd, env: p.env })).stdout);
    expect(providers.find((x) => x.id === 'tts')).toMatchObject({ configured: true, service: p.name });

    // No --format: the .wav of -o asks the service for WAV (the exact command line).
    const gen = await runCli(['generate', 'audio', 'hi', '-p', 'tts', '-o', 'hi.wav', '--json'], { cwd: p.cwd, env: p.env });
    expect(gen.stderr).not.toMatch(/error/i);
    expect(gen.exitCode).toBe(0);
    expect(jsonLines(gen.stdout)[0]).toMatchObject({ path: path.join(p.cwd, 'hi.wav'), kind: 'audio', provider: 'tts', model: 'kokoro', prompt: 'hi' });
    expectWav(path.join(p.cwd, 'hi.wav'));

    const logs = await runCli(['service', 'logs', p.name], { cwd: p.cwd, env: p.env });
    expect(logs.stdout).toMatch(/speech: model=kokoro .*format=wav chars=2/);

    expect((await runCli(['service', 'stop', p.name], { cwd: p.cwd, env: p.env })).exitCode).toBe(0);
    expect(await projectContainers(p.project)).toEqual([]);
    const after = jsonLines((await runCli(['providers', 'list', '--json'], { cwd: p.cwd, env: p.env })).stdout);
    expect(after.find((x) => x.id === 'tts')).toMatchObject({ configured: false, reason: `service ${p.name} is not running: automarket service start ${p.name}` });
  }, LONG);

  test('autoStart: true starts the service on the first generate', async () => {
    const p = await project(true);
    projects.push(p.project);
    const gen = await runCli(['generate', 'audio', 'hello', '-p', 'tts', '-m', 'kokoro', '--format', 'wav', '-o', 'hello.wav'], { cwd: p.cwd, env: p.env });
    expect(gen.exitCode).toBe(0);
    expect(gen.stderr).toContain(`Service ${p.name} is not running: starting it`);
    expectWav(path.join(p.cwd, 'hello.wav'));
    await runCli(['service', 'stop', p.name], { cwd: p.cwd, env: p.env });
    expect(await projectContainers(p.project)).toEqual([]);
  }, LONG);
});
