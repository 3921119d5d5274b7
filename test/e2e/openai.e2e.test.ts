/**
 * The built binary against a fake OpenAI server (node:http) that answers with real bytes: a real PNG
 * as base64, a real MP3, transcripts in each format. The fake records every request, so the tests
 * check what automarket sent, multipart bodies included.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir, ROOT } from '../helpers/cli.js';
import { startFakeServer, sendJson, sendBytes, type FakeServer, type RecordedRequest } from '../helpers/fake-server.js';
import { parseMultipart, field } from '../helpers/multipart-parse.js';

const FIX = path.join(ROOT, 'test/fixtures/openai');
const PNG = readFileSync(path.join(FIX, 'red.png'));
const MP3 = readFileSync(path.join(FIX, 'hello.mp3'));
const WAV = readFileSync(path.join(FIX, 'talk.wav'));
const SRT = '1\n00:00:00,000 --> 00:00:01,500\nhello from automarket\n';
const VTT = 'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nhello from automarket\n';

let fake: FakeServer;
/** Set by a test to make the next answers fail with OpenAI's error shape. */
let failWith: { status: number; body: unknown } | undefined;

beforeAll(async () => {
  fake = await startFakeServer((req, res) => {
    if (failWith) return sendJson(res, failWith.status, failWith.body);
    if (req.method === 'GET' && req.path === '/media/talk.wav') return sendBytes(res, 200, WAV, 'audio/wav');
    if (req.headers.authorization !== 'Bearer sk-e2e-openai') return sendJson(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    const route = `${req.method} ${req.path}`;
    if (route === 'POST /v1/images/generations' || route === 'POST /v1/images/edits') {
      const n = req.json ? Number((req.json as { n?: number }).n ?? 1) : Number(field(parseMultipart(req.body, req.headers['content-type']), 'n') ?? 1);
      return sendJson(res, 200, { created: 1, data: Array.from({ length: n }, () => ({ b64_json: PNG.toString('base64') })) }, { 'x-request-id': 'req_img_1' });
    }
    if (route === 'POST /v1/audio/speech') {
      // The bytes follow response_format, as OpenAI's do (mp3 by default).
      if ((req.json as { response_format?: string }).response_format === 'wav') return sendBytes(res, 200, WAV, 'audio/wav');
      // Chunked, like OpenAI's streamed audio.
      res.writeHead(200, { 'content-type': 'audio/mpeg', 'x-request-id': 'req_tts_1' });
      res.write(MP3.subarray(0, 1000));
      res.end(MP3.subarray(1000));
      return;
    }
    if (route === 'POST /v1/audio/transcriptions') {
      const format = field(parseMultipart(req.body, req.headers['content-type']), 'response_format');
      if (format === 'srt') return sendBytes(res, 200, Buffer.from(SRT), 'text/plain; charset=utf-8');
      if (format === 'vtt') return sendBytes(res, 200, Buffer.from(VTT), 'text/plain; charset=utf-8');
      if (format === 'text') return sendBytes(res, 200, Buffer.from('hello from automarket\n'), 'text/plain; charset=utf-8');
      return sendJson(res, 200, { text: 'hello from automarket' });
    }
    if (route === 'POST /v1/chat/completions') {
      const body = req.json as { n?: number };
      return sendJson(res, 200, { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: Array.from({ length: body.n ?? 1 }, (_, i) => ({ index: i, message: { role: 'assistant', content: `Hello! (${i})`, refusal: null }, finish_reason: 'stop' })), usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } });
    }
    if (route === 'GET /v1/models') return sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-image-1', object: 'model', created: 1, owned_by: 'system' }, { id: 'whisper-1', object: 'model', created: 1, owned_by: 'system' }, { id: 'text-embedding-3-small', object: 'model', created: 1, owned_by: 'system' }] });
    return sendJson(res, 404, { error: { message: `Unknown route ${route}`, type: 'invalid_request_error', param: null, code: null } });
  });
});

afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  failWith = undefined;
});

const env = () => ({ OPENAI_API_KEY: 'sk-e2e-openai', OPENAI_BASE_URL: `${fake.url}/v1` });
const only = (route: string): RecordedRequest[] => fake.requests.filter((r) => `${r.method} ${r.path}` === route);

describe('openai through the built binary', () => {
  test('generate audio "hello" -p openai -o hello.mp3 streams the MP3 to the file', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'audio', 'hello', '-p', 'openai', '-o', 'hello.mp3', '--voice', 'nova', '-P', 'speed=1.25'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'hello.mp3')).equals(MP3)).toBe(true);
    const [speech] = only('POST /v1/audio/speech');
    expect(speech!.json).toEqual({ model: 'gpt-4o-mini-tts', input: 'hello', voice: 'nova', response_format: 'mp3', speed: 1.25 });
  });

  test('speech options the model cannot use are warnings, in stderr and in --json', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'audio', 'hello', '-p', 'openai', '-m', 'tts-1', '--seed', '4', '--format', 'wav', '-P', 'instructions=calm', '-o', 'x.wav', '--json'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(line!.warnings).toEqual(expect.arrayContaining(['tts-1 does not support --seed; it was ignored', expect.stringMatching(/does not take instructions/)]));
    expect(r.stderr).toMatch(/--seed/);
    const [speech] = only('POST /v1/audio/speech');
    expect(speech!.json).toEqual({ model: 'tts-1', input: 'hello', voice: 'alloy', response_format: 'wav' });
  });

  test('-o x.wav without --format asks for WAV (the file extension picks the format); --format still wins', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'audio', 'hello', '-p', 'openai', '-o', 'x.wav', '--json'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'x.wav')).equals(WAV)).toBe(true);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ mediaType: 'audio/wav' });
    expect(jsonLines(r.stdout)[0]!.warnings).toBeUndefined();
    expect(await runCli(['generate', 'audio', 'hello', '-p', 'openai', '-o', 'x.ogg'], { cwd, env: env() })).toMatchObject({ exitCode: 0 });
    expect(await runCli(['generate', 'audio', 'hello', '-p', 'openai', '-o', 'x.flac', '--format', 'mp3'], { cwd, env: env() })).toMatchObject({ exitCode: 0 });
    expect(await runCli(['generate', 'audio', 'hello', '-p', 'openai', '-o', 'out/'], { cwd, env: env() })).toMatchObject({ exitCode: 0 });
    expect(only('POST /v1/audio/speech').map((q) => (q.json as { response_format: string }).response_format)).toEqual(['wav', 'opus', 'mp3', 'mp3']);
  });

  test('-o with an extension the API cannot make: mp3 is sent, and a warning says so', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'audio', 'hello', '-p', 'openai', '-o', 'x.m4a', '--json'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]!.warnings).toEqual([expect.stringMatching(/not m4a: the file gets mp3 bytes \(choose with --format\)/)]);
    expect((only('POST /v1/audio/speech')[0]!.json as { response_format: string }).response_format).toBe('mp3');
  });

  test('generate text -i talk.wav -p openai prints the transcript; the WAV goes up as a streamed multipart file', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'text', '-i', path.join(FIX, 'talk.wav'), '-p', 'openai'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('hello from automarket\n');
    const [upload] = only('POST /v1/audio/transcriptions');
    expect(upload!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(upload!.headers['content-length'])).toBe(upload!.body.length);
    const parts = parseMultipart(upload!.body, upload!.headers['content-type']);
    expect(field(parts, 'model')).toBe('whisper-1');
    expect(field(parts, 'response_format')).toBe('json');
    const file = parts.find((p) => p.name === 'file')!;
    expect(file.fileName).toBe('talk.wav');
    expect(file.contentType).toBe('audio/wav');
    expect(file.data.equals(WAV)).toBe(true);
  });

  test('an -i URL is streamed from its server into the upload', async () => {
    const r = await runCli(['generate', 'text', '-i', `${fake.url}/media/talk.wav`, '-p', 'openai'], { cwd: tempDir(), env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('hello from automarket\n');
    const [upload] = only('POST /v1/audio/transcriptions');
    expect(upload!.headers['transfer-encoding']).toBe('chunked'); // length unknown: streamed, not spooled
    const file = parseMultipart(upload!.body, upload!.headers['content-type']).find((p) => p.name === 'file')!;
    expect(file.data.equals(WAV)).toBe(true);
  });

  test('--format srt and vtt write subtitle files; --format text too', async () => {
    const cwd = tempDir();
    const srt = await runCli(['generate', 'text', '-i', path.join(FIX, 'hello.mp3'), '-p', 'openai', '--format', 'srt', '-o', 'talk.srt', '--json'], { cwd, env: env() });
    expect(srt.exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'talk.srt'), 'utf8')).toBe(SRT);
    expect(jsonLines(srt.stdout)[0]).toMatchObject({ mediaType: 'application/x-subrip', kind: 'text', provider: 'openai', model: 'whisper-1' });
    const vtt = await runCli(['generate', 'text', '-i', path.join(FIX, 'hello.mp3'), '-p', 'openai', '--format', 'vtt', '-o', 'out/'], { cwd, env: env() });
    expect(vtt.exitCode).toBe(0);
    expect(vtt.stdout.trim()).toMatch(/\.vtt$/);
    expect(readFileSync(vtt.stdout.trim(), 'utf8')).toBe(VTT);
    const text = await runCli(['generate', 'text', '-i', path.join(FIX, 'hello.mp3'), '-p', 'openai', '--format', 'text'], { cwd, env: env() });
    expect(text.stdout).toBe('hello from automarket\n');
    const formats = only('POST /v1/audio/transcriptions').map((r) => field(parseMultipart(r.body, r.headers['content-type']), 'response_format'));
    expect(formats).toEqual(['srt', 'vtt', 'text']);
  });

  test('gpt-4o-transcribe cannot make srt: a warning, and the plain transcript', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'text', '-i', path.join(FIX, 'talk.wav'), '-p', 'openai', '-m', 'gpt-4o-transcribe', '--format', 'srt'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('hello from automarket\n');
    expect(r.stderr).toMatch(/only answers json/);
  });

  test('generate image -n 2 decodes the base64 PNGs; an unsupported --size is mapped with a warning', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'image', 'a red square', '-p', 'openai', '-n', '2', '--size', '800x600', '-o', 'imgs/', '--json', '-P', 'quality=high'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ kind: 'image', mediaType: 'image/png', width: 64, height: 48, provider: 'openai', model: 'gpt-image-1', requestId: 'req_img_1' });
      expect(readFileSync(String(line.path)).equals(PNG)).toBe(true);
      expect(line.warnings).toEqual(['gpt-image-1 makes 1024x1024, 1536x1024, 1024x1536; --size 800x600 became 1536x1024']);
    }
    const [gen] = only('POST /v1/images/generations');
    expect(gen!.json).toEqual({ model: 'gpt-image-1', prompt: 'a red square', n: 2, size: '1536x1024', quality: 'high' });
  });

  test('dall-e-3 makes one image per request: -n 2 sends two requests of n=1, b64_json asked', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'image', 'x', '-p', 'openai', '-m', 'dall-e-3', '-n', '2', '--aspect', '16:9', '-P', 'background=transparent', '-o', 'd/'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    const sent = only('POST /v1/images/generations').map((q) => q.json);
    expect(sent).toEqual([
      { model: 'dall-e-3', prompt: 'x', n: 1, size: '1792x1024', response_format: 'b64_json' },
      { model: 'dall-e-3', prompt: 'x', n: 1, size: '1792x1024', response_format: 'b64_json' },
    ]);
    expect(r.stderr).toMatch(/background is a GPT image option/);
    expect(r.stderr).toMatch(/sending 2 requests/);
  });

  test('a transparent JPEG is refused before any request', async () => {
    const r = await runCli(['generate', 'image', 'x', '-p', 'openai', '--format', 'jpeg', '-P', 'background=transparent'], { cwd: tempDir(), env: env() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/transparent background needs png or webp/);
    expect(fake.requests).toHaveLength(0);
  });

  test('generate image -i red.png edits through /images/edits with the PNG as a multipart part', async () => {
    const cwd = tempDir();
    const r = await runCli(['generate', 'image', 'make it blue', '-p', 'openai', '-i', path.join(FIX, 'red.png'), '--format', 'webp', '-o', 'edit.png'], { cwd, env: env() });
    expect(r.exitCode).toBe(0);
    expect(existsSync(path.join(cwd, 'edit.png'))).toBe(true);
    const [edit] = only('POST /v1/images/edits');
    const parts = parseMultipart(edit!.body, edit!.headers['content-type']);
    expect(field(parts, 'model')).toBe('gpt-image-1');
    expect(field(parts, 'prompt')).toBe('make it blue');
    expect(field(parts, 'output_format')).toBe('webp');
    const image = parts.find((p) => p.name === 'image')!;
    expect(image.contentType).toBe('image/png');
    expect(image.data.equals(PNG)).toBe(true);
  });

  test('generate text "hi" prints the chat answer; -P system adds a system message', async () => {
    const r = await runCli(['generate', 'text', 'hi', '-p', 'openai', '-P', 'system=be brief', '-P', 'temperature=0.2'], { cwd: tempDir(), env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('Hello! (0)\n');
    expect(only('POST /v1/chat/completions')[0]!.json).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }], temperature: 0.2 });
  });

  test('providers.openai.baseUrl in config is honoured over OPENAI_BASE_URL', async () => {
    const cwd = tempDir();
    // An explicit --config file (a project config found by search may need the user's consent to get the key).
    writeFileSync(path.join(cwd, 'my.config.json'), JSON.stringify({ providers: { openai: { baseUrl: `${fake.url}/v1` } } }));
    const r = await runCli(['--config', 'my.config.json', 'generate', 'text', 'hi', '-p', 'openai'], { cwd, env: { OPENAI_API_KEY: 'sk-e2e-openai', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(r.exitCode).toBe(0);
    expect(only('POST /v1/chat/completions')).toHaveLength(1);
  });

  test("OpenAI's error shape becomes one clear line with a hint, exit 1", async () => {
    failWith = { status: 400, body: { error: { message: 'Your request was rejected as a result of our safety system.', type: 'invalid_request_error', param: null, code: 'content_policy_violation' } } };
    const r = await runCli(['generate', 'image', 'x', '-p', 'openai'], { cwd: tempDir(), env: env() });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/OpenAI refused the prompt: Your request was rejected/);
    expect(r.stderr).toMatch(/reword the prompt/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a wrong key: 401 is reported naming OPENAI_API_KEY; no key at all: exit 2 naming it', async () => {
    const wrong = await runCli(['generate', 'text', 'hi', '-p', 'openai', '--json'], { cwd: tempDir(), env: { ...env(), OPENAI_API_KEY: 'sk-wrong' } });
    expect(wrong.exitCode).toBe(1);
    const err = JSON.parse(wrong.stdout.trim()) as { error: { message: string; hint: string } };
    expect(err.error.message).toMatch(/OpenAI refused the key \(401\): Incorrect API key/);
    expect(err.error.hint).toMatch(/OPENAI_API_KEY/);
    expect(wrong.stdout + wrong.stderr).not.toMatch(/sk-wrong/);
    const none = await runCli(['generate', 'text', 'hi', '-p', 'openai'], { cwd: tempDir(), env: { OPENAI_BASE_URL: `${fake.url}/v1` } });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/OPENAI_API_KEY/);
  });
});
