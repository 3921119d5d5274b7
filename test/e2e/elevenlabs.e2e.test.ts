/** `generate audio -p elevenlabs`, end to end: the built binary against an ElevenLabs fake. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';
import { sendBytes, sendJson, startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { mp3Bytes } from '../helpers/media.js';

const KEY = 'xi_e2e_key_123456';
let fake: FakeServer;
beforeAll(async () => {
  fake = await startFakeServer((req, res) => {
    if (req.headers['xi-api-key'] !== KEY) return sendJson(res, 401, { detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
    if (req.method === 'POST' && req.path.startsWith('/v1/text-to-speech/')) {
      const pcm = req.query.get('output_format')?.startsWith('pcm_');
      if (pcm && (req.json as { text?: string }).text === 'chunked') {
        // Streamed PCM with no content-length, as a long answer comes.
        res.writeHead(200, { 'content-type': 'audio/pcm' });
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000, i));
        return res.end();
      }
      return pcm ? sendBytes(res, 200, Buffer.alloc(441 * 2, 0), 'audio/pcm') : sendBytes(res, 200, mp3Bytes(), 'audio/mpeg', { 'character-cost': '5' });
    }
    return sendJson(res, 404, { detail: 'Not Found' });
  });
});
afterAll(() => fake.close());

function project(): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, '.automarketrc.json'), JSON.stringify({ providers: { elevenlabs: { baseUrl: fake.url } } }));
  return { cwd, env: { ELEVENLABS_API_KEY: KEY } };
}

test('generate audio "hello" -p elevenlabs -o hello.mp3 writes the MP3 and reports cost', async () => {
  const { cwd, env } = project();
  const r = await runCli(['generate', 'audio', 'hello', '-p', 'elevenlabs', '-o', 'hello.mp3', '--json'], { cwd, env });
  expect(r.exitCode).toBe(0);
  const [line] = jsonLines(r.stdout);
  expect(line).toMatchObject({ path: path.join(cwd, 'hello.mp3'), kind: 'audio', mediaType: 'audio/mpeg', provider: 'elevenlabs', model: 'eleven_multilingual_v2' });
  expect(line!.costUsd).toBeCloseTo(0.0005);
  expect(readFileSync(path.join(cwd, 'hello.mp3')).equals(mp3Bytes())).toBe(true);
  expect(fake.requests.at(-1)!.json).toEqual({ text: 'hello', model_id: 'eleven_multilingual_v2' });
});

test('--format wav writes a playable WAV (PCM from the API with a RIFF header)', async () => {
  const { cwd, env } = project();
  const r = await runCli(['generate', 'audio', 'hello', '-p', 'elevenlabs', '--format', 'wav', '-o', 'hello.wav'], { cwd, env });
  expect(r.exitCode).toBe(0);
  const wav = readFileSync(path.join(cwd, 'hello.wav'));
  expect(wav.subarray(0, 4).toString()).toBe('RIFF');
  expect(wav.length).toBe(44 + 882);
});

test('-o hello.wav without --format asks for PCM and writes a WAV; chunked PCM of unknown length too', async () => {
  const { cwd, env } = project();
  const r = await runCli(['generate', 'audio', 'hello', '-p', 'elevenlabs', '-o', 'hello.wav', '--json'], { cwd, env });
  expect(r.exitCode).toBe(0);
  expect(fake.requests.at(-1)!.query.get('output_format')).toBe('pcm_44100');
  expect(jsonLines(r.stdout)[0]).toMatchObject({ mediaType: 'audio/wav', bytes: 44 + 882 });
  const long = await runCli(['generate', 'audio', 'chunked', '-p', 'elevenlabs', '-o', 'long.wav'], { cwd, env });
  expect(long.exitCode).toBe(0);
  const wav = readFileSync(path.join(cwd, 'long.wav'));
  expect(wav.subarray(8, 12).toString()).toBe('WAVE');
  expect(wav.readUInt32LE(40)).toBe(10_000);
  expect(wav.length).toBe(44 + 10_000);
  expect(wav[44 + 9999]).toBe(9);
});

test('a refused key exits 1 with the ElevenLabs message and a hint', async () => {
  const { cwd } = project();
  const r = await runCli(['generate', 'audio', 'hello', '-p', 'elevenlabs', '-o', 'x.mp3'], { cwd, env: { ELEVENLABS_API_KEY: 'wrong_key_000000' } });
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(/invalid_api_key/);
  expect(r.stderr).toMatch(/ELEVENLABS_API_KEY/);
});
