/**
 * The openai adapter against OpenAI's official spec served by Prism (validating): every request it
 * sends for every capability is accepted (no 422), and a deliberately wrong one is refused, which
 * proves the validation is live.
 */
import { harness, fixture, request, drain, prismSuite } from './harness.js';
import { HttpStatusError } from '../../src/http.js';

const suite = prismSuite('openai.media-subset.openapi.json', (url) => harness('openai', { OPENAI_API_KEY: 'sk-contract-test', OPENAI_BASE_URL: url }));
const accepted = (path: string) => suite.proxy.accepted(path);

describe('openai adapter against the official spec (Prism)', () => {
  test.each([
    ['gpt-image-1', { size: { width: 1536, height: 1024 }, format: 'webp', count: 2, params: { quality: 'high', background: 'transparent', output_compression: 80 } }],
    ['gpt-image-1-mini', { aspect: { width: 9, height: 16 }, format: 'jpeg', params: { background: 'opaque', moderation: 'low' } }],
    ['dall-e-3', { size: { width: 1792, height: 1024 }, count: 2, params: { quality: 'hd', style: 'natural' } }],
    ['dall-e-2', { size: { width: 512, height: 512 }, count: 3 }],
  ])('text-to-image %s', async (model, options) => {
    const result = await suite.h.plugin.generate(request({ capability: 'text-to-image', model, prompt: 'a lighthouse at dusk', ...(options as object) }), suite.h.providerCtx);
    accepted('/images/generations');
    expect(result.assets.length).toBeGreaterThan(0);
    if (model === 'dall-e-3') expect(suite.proxy.exchanges.filter((e) => e.path === '/images/generations')).toHaveLength(2);
  });

  test.each([['gpt-image-1'], ['dall-e-2']])('image-to-image %s (multipart upload)', async (model) => {
    await suite.h.plugin.generate(request({ capability: 'image-to-image', model, prompt: 'make it blue', inputs: [fixture('red.png')], size: { width: 1024, height: 1024 }, params: model === 'gpt-image-1' ? { quality: 'low' } : {} }), suite.h.providerCtx);
    accepted('/images/edits');
  });

  test('image-to-image with several images: sent as image[] like the official SDKs, which this spec copy refuses', async () => {
    // openai-node and openai-python send an array of files as repeated `image[]` parts, and the API
    // takes them; Prism reads the spec's `image: array` as repeated `image` parts. We follow the
    // SDKs (the server's real behaviour) and pin the divergence here so a change on either side shows.
    const err = await suite.h.plugin
      .generate(request({ capability: 'image-to-image', model: 'gpt-image-1', prompt: 'combine', inputs: [fixture('red.png'), fixture('red.png')] }), suite.h.providerCtx)
      .catch((e: unknown) => e);
    expect((err as HttpStatusError).statusCode).toBe(422);
    expect(suite.proxy.exchanges.at(-1)!.body).toMatch(/image/);
  });

  test.each([
    ['tts-1', { voice: 'nova', format: 'wav', params: { speed: 1.5 } }],
    ['gpt-4o-mini-tts', { voice: 'coral', format: 'opus', params: { instructions: 'cheerful' } }],
    ['tts-1-hd', {}],
  ])('text-to-audio %s', async (model, options) => {
    const result = await suite.h.plugin.generate(request({ capability: 'text-to-audio', model, prompt: 'hello there', ...(options as object) }), suite.h.providerCtx);
    await drain(result);
    accepted('/audio/speech');
  });

  test.each([
    ['whisper-1', undefined],
    ['whisper-1', 'srt'],
    ['whisper-1', 'vtt'],
    ['whisper-1', 'text'],
    ['whisper-1', 'verbose_json'],
    ['gpt-4o-transcribe', 'srt'],
  ])('audio-to-text %s --format %s (multipart, streamed)', async (model, format) => {
    await suite.h.plugin.generate(request({ capability: 'audio-to-text', model, inputs: [fixture('talk.wav')], format, prompt: 'automarket', params: { language: 'en', temperature: 0.2 } }), suite.h.providerCtx);
    accepted('/audio/transcriptions');
  });

  test('audio-to-text from an mp3', async () => {
    await suite.h.plugin.generate(request({ capability: 'audio-to-text', model: 'whisper-1', inputs: [fixture('hello.mp3')] }), suite.h.providerCtx);
    accepted('/audio/transcriptions');
  });

  test('text-to-text and image-to-text (chat)', async () => {
    const text = await suite.h.plugin.generate(request({ capability: 'text-to-text', model: 'gpt-4o-mini', prompt: 'say hi', seed: 3, count: 2, params: { system: 'be brief', temperature: 0.5 } }), suite.h.providerCtx);
    expect(text.assets[0]!.text).toBeDefined();
    await suite.h.plugin.generate(request({ capability: 'image-to-text', model: 'gpt-4o-mini', prompt: 'what colour?', inputs: [fixture('red.png')] }), suite.h.providerCtx);
    accepted('/chat/completions');
  });

  test('discoverModels (GET /models)', async () => {
    const models = await suite.h.plugin.discoverModels!(suite.h.providerCtx, {});
    accepted('/models');
    expect(Array.isArray(models)).toBe(true);
  });

  test('validation is live: a wrong value passed through --param is refused with 422 and reported', async () => {
    const err = await suite.h.plugin
      .generate(request({ capability: 'audio-to-text', model: 'whisper-1', inputs: [fixture('talk.wav')], params: { response_format: 'docx' } }), suite.h.providerCtx)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as HttpStatusError).statusCode).toBe(422);
    expect(suite.proxy.exchanges.at(-1)!.status).toBe(422);
    const bad = await suite.h.plugin.generate(request({ capability: 'text-to-image', model: 'gpt-image-1', prompt: 'x', params: { n: 50 } }), suite.h.providerCtx).catch((e: unknown) => e);
    expect((bad as HttpStatusError).statusCode).toBe(422);
  });
});
