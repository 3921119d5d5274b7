/**
 * The elevenlabs adapter: against ElevenLabs' official spec in Prism (requests accepted, a wrong
 * one refused), and against a fake that returns real bytes and ElevenLabs' error shapes.
 */
import elevenlabs from '../../providers/elevenlabs/index.js';
import { discoverElevenLabs } from '../../providers/elevenlabs/discover.js';
import { HttpStatusError } from '../../src/http.js';
import { ProviderError, UsageError } from '../../src/errors.js';
import type { GenerateRequest } from '../../src/plugin/types.js';
import { providerContext } from '../helpers/provider-ctx.js';
import { startPrism, type Prism } from '../helpers/prism-mock.js';
import { sendBytes, sendJson, startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { mp3Bytes } from '../helpers/media.js';
import { readFileSync } from 'node:fs';
import type { AssetSource } from '../../src/plugin/types.js';

/** The bytes of a streamed (or spooled) asset. */
async function bytesOf(asset: AssetSource): Promise<Buffer> {
  expect(asset.data).toBeUndefined(); // never buffered whole by the provider
  if (asset.filePath) return readFileSync(asset.filePath);
  const chunks: Buffer[] = [];
  for await (const chunk of asset.stream!) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const KEY = 'xi_test_key_123456';

function request(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return { capability: 'text-to-audio', kind: 'audio', model: 'eleven_multilingual_v2', prompt: 'hello there', inputs: [], count: 1, params: {}, signal: new AbortController().signal, ...over };
}

describe('against the official spec (Prism)', () => {
  let prism: Prism;
  beforeAll(async () => {
    prism = await startPrism('elevenlabs.openapi.json');
  }, 120_000);
  afterAll(() => prism?.stop());
  const ctx = () => providerContext({ providerId: 'elevenlabs', baseUrl: prism.url, key: KEY });

  test('text to speech (mp3, wav via pcm, seed, voice settings) is accepted', async () => {
    const mp3 = await elevenlabs.generate(request({ seed: 3, params: { voice_settings: { stability: 0.5, similarity_boost: 0.7 } } }), ctx());
    expect(mp3.assets[0]!.mediaType).toBe('audio/mpeg');
    const wav = await elevenlabs.generate(request({ format: 'wav', voice: 'EXAVITQu4vr4xnSDxMaL' }), ctx());
    expect((await bytesOf(wav.assets[0]!)).subarray(0, 4).toString()).toBe('RIFF');
    await bytesOf(mp3.assets[0]!);
  });

  test('voices and models listing is accepted', async () => {
    const models = await discoverElevenLabs(ctx());
    expect(models.length).toBeGreaterThan(0);
    expect(models.some((m) => m.extra?.type === 'voice')).toBe(true);
  });

  test('validation is live: an unknown output_format and a body without text are refused with 422', async () => {
    const c = ctx();
    const badFormat = await c.http.request({ method: 'POST', url: `${prism.url}/v1/text-to-speech/abc`, searchParams: { output_format: 'mp3_1_1' }, json: { text: 'x' }, responseType: 'buffer', retry: 'none' }).catch((e: unknown) => e);
    expect((badFormat as HttpStatusError).statusCode).toBe(422);
    const noText = await c.http.request({ method: 'POST', url: `${prism.url}/v1/text-to-speech/abc`, json: { model_id: 'm' }, responseType: 'buffer', retry: 'none' }).catch((e: unknown) => e);
    expect((noText as HttpStatusError).statusCode).toBe(422);
  });
});

describe('against a fake with real bytes and error shapes', () => {
  let fake: FakeServer;
  let busy = 0;
  let release: () => void = () => undefined;
  let held = false;
  beforeAll(async () => {
    fake = await startFakeServer(async (req, res) => {
      if (req.headers['xi-api-key'] !== KEY) return sendJson(res, 401, { detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
      if (req.path === '/v1/voices') return sendJson(res, 200, { voices: [{ voice_id: 'JBFqnCBsd6RMkjVDRZzb', name: 'George', category: 'premade' }, { voice_id: 'EXAVITQu4vr4xnSDxMaL', name: 'Sarah - soft', category: 'premade' }] });
      const m = /^\/v1\/text-to-speech\/([^/]+)$/.exec(req.path);
      if (m && req.method === 'POST') {
        const body = req.json as { text?: string; model_id?: string };
        if (!body.text) return sendJson(res, 422, { detail: [{ loc: ['body', 'text'], msg: 'Field required', type: 'missing' }] });
        if (m[1] === 'nope0000000000000000') return sendJson(res, 404, { detail: { status: 'voice_not_found', message: 'A voice with that ID does not exist.' } });
        if (body.text === 'busy' && busy-- > 0) return sendJson(res, 429, { detail: { status: 'too_many_concurrent_requests', message: 'Too many concurrent requests' } }, { 'retry-after': '0' });
        const format = req.query.get('output_format');
        if (body.text === 'held') {
          // Half the audio now, the rest only when the test says: the provider must answer before the end.
          res.writeHead(200, { 'content-type': format?.startsWith('pcm_') ? 'audio/pcm' : 'audio/mpeg' });
          res.write(Buffer.alloc(300, 7));
          await new Promise<void>((resolve) => {
            release = resolve;
            held = true;
          });
          return res.end(Buffer.alloc(300, 7));
        }
        if (format?.startsWith('pcm_')) return sendBytes(res, 200, Buffer.alloc(200, 1), 'audio/pcm', { 'character-cost': String(body.text.length) });
        return sendBytes(res, 200, mp3Bytes(), 'audio/mpeg', { 'character-cost': String(body.text.length), 'request-id': 'req_el_1' });
      }
      return sendJson(res, 404, { detail: 'Not Found' });
    });
  });
  afterAll(() => fake.close());
  beforeEach(() => (fake.requests.length = 0));
  const ctx = (key = KEY) => providerContext({ providerId: 'elevenlabs', baseUrl: fake.url, key });

  test('POSTs text and model to the voice, with xi-api-key and output_format; returns the mp3 bytes and cost', async () => {
    const result = await elevenlabs.generate(request({ seed: 9 }), ctx());
    const sent = fake.requests[0]!;
    expect(sent.path).toBe('/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM');
    expect(sent.query.get('output_format')).toBe('mp3_44100_128');
    expect(sent.headers['xi-api-key']).toBe(KEY);
    expect(sent.json).toEqual({ text: 'hello there', model_id: 'eleven_multilingual_v2', seed: 9 });
    expect((await bytesOf(result.assets[0]!)).equals(mp3Bytes())).toBe(true);
    expect(result.requestId).toBe('req_el_1');
    expect(result.costUsd).toBeCloseTo(0.0011);
  });

  test('a voice name is looked up in /v1/voices; an unknown one is a usage error listing names', async () => {
    await elevenlabs.generate(request({ voice: 'sarah' }), ctx());
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/voices', '/v1/text-to-speech/EXAVITQu4vr4xnSDxMaL']);
    const err = await elevenlabs.generate(request({ voice: 'Bob' }), ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).hint).toMatch(/George, Sarah - soft/);
  });

  test('--format wav asks for pcm_44100 and wraps it as WAV; an unsupported format warns', async () => {
    const wav = await elevenlabs.generate(request({ format: 'wav' }), ctx());
    expect(fake.requests[0]!.query.get('output_format')).toBe('pcm_44100');
    const bytes = await bytesOf(wav.assets[0]!);
    expect(bytes.subarray(8, 12).toString()).toBe('WAVE');
    expect(bytes.readUInt32LE(24)).toBe(44100);
    expect(bytes.readUInt32LE(40)).toBe(200);
    const flac = await elevenlabs.generate(request({ format: 'flac' }), ctx());
    expect(flac.warnings!.join()).toMatch(/--format flac was ignored/);
  });

  test('the audio is streamed: generate returns while the server is still sending, then the stream completes', async () => {
    const result = await elevenlabs.generate(request({ prompt: 'held' }), ctx());
    const bytes = bytesOf(result.assets[0]!);
    release();
    expect((await bytes).length).toBe(600);
  });

  test('WAV of unknown length (chunked PCM) is spooled to a temp file and gets a correct header', async () => {
    held = false;
    const pending = elevenlabs.generate(request({ prompt: 'held', outputExtension: 'wav' }), ctx());
    // The spool finishes only once the server sends the rest (its length is known only then).
    while (!held) await new Promise((r) => setTimeout(r, 10));
    release();
    const result = await pending;
    expect(fake.requests[0]!.query.get('output_format')).toBe('pcm_44100');
    const asset = result.assets[0]!;
    expect(asset.filePath).toBeDefined();
    const bytes = await bytesOf(asset);
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    expect(bytes.readUInt32LE(4)).toBe(36 + 600);
    expect(bytes.readUInt32LE(40)).toBe(600);
    expect(bytes.length).toBe(644);
  });

  test('the -o extension picks the format when --format is absent; an unknown one warns and keeps mp3', async () => {
    await bytesOf((await elevenlabs.generate(request({ outputExtension: 'ogg' }), ctx())).assets[0]!);
    const m4a = await elevenlabs.generate(request({ outputExtension: 'm4a' }), ctx());
    await bytesOf(m4a.assets[0]!);
    expect(fake.requests.map((r) => r.query.get('output_format'))).toEqual(['opus_48000_128', 'mp3_44100_128']);
    expect(m4a.warnings).toEqual([expect.stringMatching(/not m4a: the file gets mp3 bytes/)]);
  });

  test('a 429 refusal is sent again after Retry-After (the submit never started)', async () => {
    busy = 1;
    const result = await elevenlabs.generate(request({ prompt: 'busy' }), ctx());
    expect((await bytesOf(result.assets[0]!)).equals(mp3Bytes())).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  test("error shapes: 422 detail list names the field; detail object gives status and message", async () => {
    const e422 = (await elevenlabs.generate(request({ prompt: '' }), ctx()).catch((e: unknown) => e)) as ProviderError;
    expect(e422.message).toMatch(/422\): text: Field required/);
    const e404 = (await elevenlabs.generate(request({ voice: 'nope0000000000000000' }), ctx()).catch((e: unknown) => e)) as ProviderError;
    expect(e404.message).toMatch(/voice_not_found.*does not exist/);
    expect(e404.hint).toMatch(/models discover elevenlabs/);
    const e401 = (await elevenlabs.generate(request(), ctx('bad-key-000000')).catch((e: unknown) => e)) as ProviderError;
    expect(e401.message).toMatch(/invalid_api_key/);
    expect(e401.hint).toMatch(/ELEVENLABS_API_KEY/);
  });
});
