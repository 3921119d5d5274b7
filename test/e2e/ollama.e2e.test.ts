/**
 * The built-in `ollama` provider through the built binary, against a stateful node:http fake that
 * speaks Ollama's protocol: /api/version (health), /api/tags, /api/pull (NDJSON progress, an error
 * line for an unknown model), and the OpenAI-compatible /v1/chat/completions that answers 404 for a
 * model that is not pulled.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';
import { sendJson, startFakeServer, type FakeServer } from '../helpers/fake-server.js';

let fake: FakeServer;
let pulled: Set<string>;

const tag = (name: string, families: string[] = ['llama']) => ({
  name,
  model: name,
  modified_at: '2026-11-20T10:00:00Z',
  size: 2_019_393_189,
  digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
  details: { parent_model: '', format: 'gguf', family: families[0], families, parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
});

/** Ollama names a model without a tag as `:latest`. */
const full = (name: string) => (name.includes(':') ? name : `${name}:latest`);

beforeAll(async () => {
  fake = await startFakeServer(async (req, res) => {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /api/version') return sendJson(res, 200, { version: '0.12.6' });
    if (route === 'GET /api/tags') return sendJson(res, 200, { models: [...pulled].map((n) => (n.startsWith('llava') ? tag(n, ['llama', 'clip']) : tag(n))) });
    if (route === 'POST /api/pull') {
      const { model } = req.json as { model: string };
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const line = (o: unknown) => `${JSON.stringify(o)}\n`;
      res.write(line({ status: 'pulling manifest' }));
      if (model === 'nosuchmodel') return res.end(line({ error: 'pull model manifest: file does not exist' }));
      const digest = 'sha256:74701a8c35f6c8d9a4b91f3f3497643001d63e0c7a84e085bed452548fa88d45';
      const total = 397_807_936;
      // A line split across two writes: the client must join them.
      const half = line({ status: `pulling ${digest.slice(7, 19)}`, digest, total, completed: total / 4 });
      res.write(line({ status: `pulling ${digest.slice(7, 19)}`, digest, total }));
      res.write(half.slice(0, 20));
      await new Promise((r) => setTimeout(r, 20));
      res.write(half.slice(20));
      res.write(line({ status: `pulling ${digest.slice(7, 19)}`, digest, total, completed: total }));
      for (const status of ['verifying sha256 digest', 'writing manifest', 'success']) res.write(line({ status }));
      pulled.add(full(model));
      return res.end();
    }
    if (route === 'POST /v1/chat/completions') {
      const body = req.json as { model: string; messages: Array<{ content: string }> };
      if (!pulled.has(full(body.model))) return sendJson(res, 404, { error: { message: `model "${body.model}" not found, try pulling it first`, type: 'api_error', param: null, code: null } });
      return sendJson(res, 200, { id: 'chatcmpl-42', object: 'chat.completion', created: 1, model: body.model, system_fingerprint: 'fp_ollama', choices: [{ index: 0, message: { role: 'assistant', content: `${body.model} says hi` }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 } });
    }
    return sendJson(res, 404, { error: `no route ${route}` });
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  pulled = new Set(['llama3.2:latest', 'llava:7b']);
});

/** A project whose `ollama` service and provider point at the fake. */
function project(): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir();
  writeFileSync(
    path.join(cwd, 'automarket.config.json'),
    JSON.stringify({
      services: { ollama: { compose: './unused/docker-compose.yml', url: fake.url, health: '/api/version' } },
      providers: { ollama: { baseUrl: `${fake.url}/v1` } },
    }),
  );
  return { cwd, env: { AUTOMARKET_HOME: tempDir('automarket-home-') } };
}

const routes = () => fake.requests.map((r) => `${r.method} ${r.path}`);

describe('ollama (built in)', () => {
  test('models discover ollama lists the pulled models from /api/tags, vision ones as image-to-text too', async () => {
    const { cwd, env } = project();
    const r = await runCli(['models', 'discover', 'ollama', '--json'], { cwd, env });
    expect(r.exitCode).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['llama3.2:latest', 'llava:7b']);
    expect(rows[0]).toMatchObject({ provider: 'ollama' });
    expect(JSON.stringify(rows[1])).toContain('image-to-text');
    expect(routes()).toEqual(['GET /api/tags']);
  });

  test('models pull ollama:<model> streams progress, then discover shows the new model (the cache is dropped)', async () => {
    const { cwd, env } = project();
    expect((await runCli(['models', 'discover', 'ollama', '--json'], { cwd, env })).exitCode).toBe(0); // fills the cache
    const pull = await runCli(['models', 'pull', 'ollama:qwen2.5:0.5b'], { cwd, env });
    expect(pull.stderr).not.toMatch(/error/i);
    expect(pull.exitCode).toBe(0);
    expect(pull.stdout).toBe('ollama:qwen2.5:0.5b\n');
    expect(pull.stderr).toMatch(/pulling manifest/);
    expect(pull.stderr).toMatch(/pulling 74701a8c35f6 0%/);
    expect(pull.stderr).toMatch(/pulling 74701a8c35f6 25%/);
    expect(pull.stderr).toMatch(/pulling 74701a8c35f6 100%/);
    expect(pull.stderr).toMatch(/success/);
    const sent = fake.requests.find((q) => q.path === '/api/pull')!;
    expect(sent.json).toEqual({ model: 'qwen2.5:0.5b', stream: true });
    const again = await runCli(['models', 'discover', 'ollama', '--json'], { cwd, env });
    expect(jsonLines(again.stdout).map((x) => x.id)).toContain('qwen2.5:0.5b');
  });

  test('a model that does not exist: the error line from /api/pull fails the pull (exit 1)', async () => {
    const { cwd, env } = project();
    const r = await runCli(['models', 'pull', 'ollama:nosuchmodel'], { cwd, env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/could not pull nosuchmodel: pull model manifest: file does not exist/);
    expect(r.stdout).toBe('');
  });

  test('models pull needs provider:model, and a provider that can pull', async () => {
    const { cwd, env } = project();
    expect(await runCli(['models', 'pull', 'llama3.2'], { cwd, env })).toMatchObject({ exitCode: 2 });
    const r = await runCli(['models', 'pull', 'openai:gpt-image-1'], { cwd, env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/openai cannot pull models/);
  });

  test('generate text with a model not pulled says how to pull it; -P pull=true pulls, then answers', async () => {
    const { cwd, env } = project();
    const missing = await runCli(['generate', 'text', 'hi', '-p', 'ollama', '-m', 'qwen2.5:0.5b'], { cwd, env });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/not found, try pulling it first/);
    expect(missing.stderr).toMatch(/automarket models pull ollama:/);

    fake.requests.length = 0;
    const r = await runCli(['generate', 'text', 'hi', '-p', 'ollama', '-m', 'qwen2.5:0.5b', '-P', 'pull=true'], { cwd, env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('qwen2.5:0.5b says hi\n');
    expect(routes()).toEqual(['GET /api/version', 'POST /api/pull', 'POST /v1/chat/completions']);
    // `pull` is ours, not a chat field.
    expect(fake.requests[2]!.json).toEqual({ model: 'qwen2.5:0.5b', messages: [{ role: 'user', content: 'hi' }] });
  });

  test('the default model goes through /v1 with no key', async () => {
    const { cwd, env } = project();
    const r = await runCli(['generate', 'text', 'hello', '-p', 'ollama'], { cwd, env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('llama3.2 says hi\n');
    expect(fake.requests.at(-1)!.headers.authorization).toBeUndefined();
  });

  test('providers list: configured while its service answers; otherwise says how to start it', async () => {
    const { cwd, env } = project();
    const up = jsonLines((await runCli(['providers', 'list', '--json'], { cwd, env })).stdout).find((x) => x.id === 'ollama');
    expect(up).toMatchObject({ type: 'service', configured: true, service: 'ollama', origin: 'builtin' });
    // No project config: the built-in service at 127.0.0.1:11434, which is not running here.
    const down = jsonLines((await runCli(['providers', 'list', '--json'], { cwd: tempDir(), env })).stdout).find((x) => x.id === 'ollama');
    expect(down).toMatchObject({ configured: false, reason: 'service ollama is not running: automarket service start ollama' });
  });

  test('models discover with no provider asks ollama only while its service answers', async () => {
    const { cwd, env } = project();
    const up = await runCli(['models', 'discover', '--json'], { cwd, env });
    expect(jsonLines(up.stdout).filter((x) => x.provider === 'ollama').map((x) => x.id)).toEqual(['llama3.2:latest', 'llava:7b']);
    const down = await runCli(['models', 'discover', '--json'], { cwd: tempDir(), env: { AUTOMARKET_HOME: tempDir('automarket-home-') } });
    expect(down.stderr).toMatch(/Skipped \(not configured\): .*ollama/);
    expect(down.stderr).not.toMatch(/ollama: model discovery failed/);
  });
});
