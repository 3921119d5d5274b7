/**
 * Local image generation: an openai-compatible provider bound to the `localai` service, through the
 * built binary, against a node:http fake that answers like LocalAI: /readyz, /v1/models, and
 * /v1/images/generations with base64 images (response_format b64_json) or URLs under
 * /generated-images/ (its default), and LocalAI's error shape.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir, ROOT } from '../helpers/cli.js';
import { sendBytes, sendJson, startFakeServer, type FakeServer } from '../helpers/fake-server.js';

const PNG = readFileSync(path.join(ROOT, 'test/fixtures/openai/red.png'));
let fake: FakeServer;

beforeAll(async () => {
  fake = await startFakeServer((req, res) => {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /readyz') return sendJson(res, 200, { status: 'ok' });
    if (route === 'GET /v1/models') return sendJson(res, 200, { object: 'list', data: [{ id: 'stablediffusion', object: 'model' }] });
    if (route === 'GET /generated-images/b641.png' || route === 'GET /generated-images/b642.png') return sendBytes(res, 200, PNG, 'image/png');
    if (route === 'POST /v1/images/generations') {
      const body = req.json as { model?: string; prompt?: string; n?: number; response_format?: string };
      if (body.model !== 'stablediffusion') return sendJson(res, 500, { error: { code: 500, message: `could not load model: rpc error: code = Unknown desc = model ${body.model} not found`, type: '' } });
      const n = body.n ?? 1;
      const data =
        body.response_format === 'b64_json'
          ? Array.from({ length: n }, () => ({ b64_json: PNG.toString('base64') }))
          : // LocalAI's default: URLs on its own host (a bare path here for the second, as some versions answer).
            Array.from({ length: n }, (_, i) => ({ url: i === 0 ? `${fake.url}/generated-images/b641.png` : '/generated-images/b642.png' }));
      return sendJson(res, 200, { created: 1763900000, id: 'c9d0e3a4-localai', data, usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } });
    }
    return sendJson(res, 404, { error: { code: 404, message: `no route ${route}`, type: '' } });
  });
});
afterAll(() => fake.close());
beforeEach(() => (fake.requests.length = 0));

function project(up = true): string {
  const cwd = tempDir();
  writeFileSync(
    path.join(cwd, 'automarket.config.json'),
    JSON.stringify({
      services: { localai: { compose: './unused/docker-compose.yml', url: up ? fake.url : 'http://127.0.0.1:9', health: '/readyz' } },
      providers: { localai: { type: 'openai-compatible', baseUrl: `${(up ? fake.url : 'http://127.0.0.1:9')}/v1`, capabilities: ['text-to-image'], service: 'localai', models: ['stablediffusion'] } },
    }),
  );
  return cwd;
}

const generations = () => fake.requests.filter((r) => r.path === '/v1/images/generations');

describe('local images through LocalAI (openai-compatible, service-bound)', () => {
  test('base64 answer: the PNG is written; size and LocalAI params (step) are sent', async () => {
    const cwd = project();
    const r = await runCli(['generate', 'image', 'a cute baby sea otter', '-p', 'localai', '--size', '256x256', '-P', 'step=10', '-o', 'otter.png', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'otter.png')).equals(PNG)).toBe(true);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ provider: 'localai', model: 'stablediffusion', kind: 'image', mediaType: 'image/png' });
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /readyz', 'POST /v1/images/generations']);
    expect(generations()[0]!.json).toEqual({ model: 'stablediffusion', prompt: 'a cute baby sea otter', n: 1, size: '256x256', response_format: 'b64_json', step: 10 });
  });

  test('URL answers (LocalAI default), absolute or a bare path, are downloaded from the server', async () => {
    const cwd = project();
    const r = await runCli(['generate', 'image', 'otters', '-p', 'localai', '-n', '2', '-P', 'response_format=url', '-o', 'out/', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(readFileSync(String(line.path)).equals(PNG)).toBe(true);
    expect(generations()[0]!.json).toMatchObject({ n: 2, response_format: 'url' });
    expect(fake.requests.filter((q) => q.path.startsWith('/generated-images/')).map((q) => q.path).sort()).toEqual(['/generated-images/b641.png', '/generated-images/b642.png']);
  });

  test("LocalAI's error shape: exit 1 with its message, nothing written", async () => {
    const cwd = project();
    const r = await runCli(['generate', 'image', 'x', '-p', 'localai', '-m', 'sdxl', '-o', 'x.png'], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/could not load model/);
    expect(existsSync(path.join(cwd, 'x.png'))).toBe(false);
  });

  test('service down: generate says to start localai (exit 1)', async () => {
    const cwd = project(false);
    const r = await runCli(['generate', 'image', 'x', '-p', 'localai', '-o', 'x.png'], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/automarket service start localai/);
    expect(existsSync(path.join(cwd, 'x.png'))).toBe(false);
  });
});
