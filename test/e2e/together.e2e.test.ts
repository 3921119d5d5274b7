/** Together through the built binary against a fake server: base64 images decoded, chat, error shape. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir, ROOT } from '../helpers/cli.js';
import { startFakeServer, sendJson, type FakeServer } from '../helpers/fake-server.js';

const PNG = readFileSync(path.join(ROOT, 'test/fixtures/openai/red.png'));
let fake: FakeServer;

beforeAll(async () => {
  fake = await startFakeServer((req, res) => {
    if (req.headers.authorization !== 'Bearer tg-e2e') return sendJson(res, 401, { error: { message: 'Invalid API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    const route = `${req.method} ${req.path}`;
    if (route === 'POST /v1/images/generations') {
      const body = req.json as { n?: number; model: string };
      if (body.model === 'nope/model') return sendJson(res, 404, { error: { message: 'Unable to access model nope/model.', type: 'invalid_request_error', param: null, code: 'model_not_available' } });
      return sendJson(res, 200, { id: 'img-123', model: body.model, object: 'list', data: Array.from({ length: body.n ?? 1 }, (_, index) => ({ index, type: 'b64_json', b64_json: PNG.toString('base64') })) });
    }
    if (route === 'POST /v1/chat/completions') return sendJson(res, 200, { id: 'tg-chat-1', object: 'chat.completion', created: 1, model: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from Together.' }, finish_reason: 'stop' }] });
    return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } });
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

function setup(): { cwd: string; args: string[] } {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'together.json'), JSON.stringify({ providers: { together: { baseUrl: `${fake.url}/v1` } } }));
  return { cwd, args: ['--config', 'together.json'] };
}

describe('together through the built binary', () => {
  test('generate image -n 2 with --aspect and --seed: base64 asked, decoded, PNGs written; cost from the catalogue', async () => {
    const { cwd, args } = setup();
    const r = await runCli([...args, 'generate', 'image', 'a fox', '-p', 'together', '-n', '2', '--aspect', '16:9', '--seed', '7', '--format', 'png', '-o', 'out/', '--json'], { cwd, env: { TOGETHER_API_KEY: 'tg-e2e' } });
    expect(r.exitCode).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ provider: 'together', model: 'black-forest-labs/FLUX.1-schnell', mediaType: 'image/png', seed: 7, requestId: 'img-123', width: 64, height: 48 });
    expect(typeof lines[0]!.costUsd).toBe('number');
    expect(readFileSync(String(lines[1]!.path)).equals(PNG)).toBe(true);
    expect(fake.requests[0]!.json).toEqual({ model: 'black-forest-labs/FLUX.1-schnell', prompt: 'a fox', width: 1360, height: 768, n: 2, response_format: 'base64', steps: 4, seed: 7, output_format: 'png' });
  });

  test('generate text prints the chat answer', async () => {
    const { cwd, args } = setup();
    const r = await runCli([...args, 'generate', 'text', 'hi', '-p', 'together'], { cwd, env: { TOGETHER_API_KEY: 'tg-e2e' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('Hello from Together.\n');
    expect((fake.requests[0]!.json as { model: string }).model).toBe('meta-llama/Llama-3.3-70B-Instruct-Turbo');
  });

  test("Together's error shape in one line; a missing key names TOGETHER_API_KEY", async () => {
    const { cwd, args } = setup();
    const r = await runCli([...args, 'generate', 'image', 'x', '-p', 'together', '-m', 'nope/model'], { cwd, env: { TOGETHER_API_KEY: 'tg-e2e' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/Together error 404 model_not_available: Unable to access model nope\/model/);
    expect(r.stderr).toMatch(/check the model id/);
    const none = await runCli([...args, 'generate', 'image', 'x', '-p', 'together'], { cwd });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/TOGETHER_API_KEY/);
  });
});
