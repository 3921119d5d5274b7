/**
 * Providers declared in config with `"type": "openai-compatible"`, through the built binary, against
 * a fake local server that speaks like Kokoro-FastAPI (speech, WAV), Ollama's /v1 (chat) and
 * speaches (transcription), with a /v1/models list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir, ROOT } from '../helpers/cli.js';
import { startFakeServer, sendJson, type FakeServer } from '../helpers/fake-server.js';
import { parseMultipart, field } from '../helpers/multipart-parse.js';

const FIX = path.join(ROOT, 'test/fixtures/openai');
const WAV = readFileSync(path.join(FIX, 'talk.wav'));

let fake: FakeServer;

beforeAll(async () => {
  fake = await startFakeServer((req, res) => {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /v1/models') {
      return sendJson(res, 200, { object: 'list', data: [{ id: 'kokoro', object: 'model', created: 1, owned_by: 'kokoro' }, { id: 'llama3.2', object: 'model', created: 1, owned_by: 'library' }, { id: 'Systran/faster-whisper-small', object: 'model', created: 1, owned_by: 'Systran' }] });
    }
    if (route === 'POST /v1/audio/speech') {
      const body = req.json as { voice?: string; input?: string };
      if (body.voice === 'nobody') return sendJson(res, 400, { detail: { error: 'validation_error', message: 'Voice not found: nobody', type: 'invalid_request_error' } });
      // Kokoro streams by default: chunked, no content-length.
      res.writeHead(200, { 'content-type': 'audio/wav' });
      res.write(WAV.subarray(0, 4096));
      res.end(WAV.subarray(4096));
      return;
    }
    if (route === 'POST /v1/chat/completions') {
      return sendJson(res, 200, { id: 'chatcmpl-7', object: 'chat.completion', created: 1, model: 'llama3.2', system_fingerprint: 'fp_ollama', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi from llama.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 } });
    }
    if (route === 'POST /v1/audio/transcriptions') {
      const parts = parseMultipart(req.body, req.headers['content-type']);
      if (!parts.find((p) => p.name === 'file')?.data.equals(WAV)) return sendJson(res, 400, { detail: 'file missing or damaged' });
      return sendJson(res, 200, { text: `heard ${field(parts, 'model')}` });
    }
    return sendJson(res, 404, { detail: 'Not Found' });
  });
});

afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

function project(providers: Record<string, unknown>): string {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'automarket.config.json'), JSON.stringify({ providers }));
  return cwd;
}

const compat = (extra: Record<string, unknown>) => ({ type: 'openai-compatible', baseUrl: `${fake.url}/v1`, ...extra });

describe('openai-compatible providers declared in config', () => {
  test('they register: providers list shows their type, capabilities, origin and service', async () => {
    const cwd = project({ kokoro: compat({ capabilities: ['text-to-audio'], service: 'kokoro' }), ollama: compat({ capabilities: ['text-to-text'] }) });
    const r = await runCli(['providers', 'list', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.find((x) => x.id === 'kokoro')).toMatchObject({ type: 'service', capabilities: ['text-to-audio'], configured: true, origin: 'config', service: 'kokoro' });
    expect(rows.find((x) => x.id === 'ollama')).toMatchObject({ type: 'remote', capabilities: ['text-to-text'], origin: 'config' });
    expect(fake.requests).toHaveLength(0); // listing providers reads no server
  });

  test('Kokoro-like speech: the model comes from /v1/models, the WAV is streamed to disk', async () => {
    // No `service` here: a provider bound to one is checked against the service's own URL first (services-generate tests that).
    const cwd = project({ kokoro: compat({ capabilities: ['text-to-audio'] }) });
    const r = await runCli(['generate', 'audio', 'hello there', '-p', 'kokoro', '--voice', 'af_heart', '--format', 'wav', '-o', 'hi.wav', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'hi.wav')).equals(WAV)).toBe(true);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ provider: 'kokoro', model: 'kokoro', mediaType: 'audio/wav', kind: 'audio' });
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /v1/models', 'POST /v1/audio/speech']);
    expect(fake.requests[1]!.json).toEqual({ model: 'kokoro', input: 'hello there', voice: 'af_heart', response_format: 'wav' });
    expect(fake.requests[1]!.headers.authorization).toBeUndefined();
  });

  test('options the server cannot use are warned about; a configured apiKey is sent as a bearer token', async () => {
    const cwd = project({ tts: compat({ capabilities: ['text-to-audio'], models: ['kokoro'], apiKey: 'local-secret' }) });
    const r = await runCli(['generate', 'audio', 'hi', '-p', 'tts', '--seed', '3', '--size', '64x64', '-o', 'a.mp3', '--json'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]!.warnings).toEqual(['kokoro does not support --size; it was ignored', 'kokoro does not support --seed; it was ignored']);
    expect(fake.requests.map((q) => q.path)).toEqual(['/v1/audio/speech']); // models named in config: no discovery
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer local-secret');
    expect(r.stdout + r.stderr).not.toMatch(/local-secret/);
  });

  test('Ollama-like chat prints the answer', async () => {
    const cwd = project({ ollama: compat({ capabilities: ['text-to-text'], defaultModel: 'llama3.2' }) });
    const r = await runCli(['generate', 'text', 'say hi', '-p', 'ollama'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('Hi from llama.\n');
    expect(fake.requests[0]!.json).toEqual({ model: 'llama3.2', messages: [{ role: 'user', content: 'say hi' }] });
  });

  test('speaches-like transcription: the model picked from /v1/models by what it does', async () => {
    const cwd = project({ speaches: compat({ capabilities: ['audio-to-text', 'text-to-audio'] }) });
    const r = await runCli(['generate', 'text', '-i', path.join(FIX, 'talk.wav'), '-p', 'speaches'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('heard Systran/faster-whisper-small\n');
    const upload = fake.requests.find((q) => q.path === '/v1/audio/transcriptions')!;
    expect(field(parseMultipart(upload.body, upload.headers['content-type']), 'response_format')).toBe('json');
  });

  test("a FastAPI-style error body is reported in one line (Kokoro's detail)", async () => {
    const cwd = project({ kokoro: compat({ capabilities: ['text-to-audio'], models: ['kokoro'] }) });
    const r = await runCli(['generate', 'audio', 'hi', '-p', 'kokoro', '--voice', 'nobody', '-o', 'x.mp3'], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/kokoro error 400: Voice not found: nobody/);
  });

  test('a server that is down: exit 1, saying which service to start', async () => {
    const cwd = project({ kokoro: { type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', capabilities: ['text-to-audio'], service: 'kokoro' } });
    const r = await runCli(['generate', 'audio', 'hi', '-p', 'kokoro'], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/cannot connect to 127\.0\.0\.1:9/);
    expect(r.stderr).toMatch(/automarket service start kokoro/);
  });

  test('a declaration without baseUrl or capabilities is a config error naming the key', async () => {
    const noUrl = await runCli(['providers', 'list'], { cwd: project({ x: { type: 'openai-compatible', capabilities: ['text-to-text'] } }) });
    expect(noUrl.exitCode).toBe(2);
    expect(noUrl.stderr).toMatch(/providers\.x\.baseUrl is required/);
    const noCaps = await runCli(['providers', 'list'], { cwd: project({ x: { type: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1' } }) });
    expect(noCaps.exitCode).toBe(2);
    expect(noCaps.stderr).toMatch(/providers\.x\.capabilities is required/);
  });
});
