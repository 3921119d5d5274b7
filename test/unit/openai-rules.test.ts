import { Readable } from 'node:stream';
import { planImage, imageFamily } from '../../providers/openai/image-rules.js';
import { buildMultipart } from '../../providers/openai/multipart.js';
import { guessCapabilities, toModelInfos } from '../../providers/openai/discover.js';
import { OPENAI_MODELS } from '../../providers/openai/models.js';
import { parseMultipart, field } from '../helpers/multipart-parse.js';
import type { GenerateRequest } from '../../src/plugin/types.js';

const req = (partial: Partial<GenerateRequest>): GenerateRequest => ({
  capability: 'text-to-image',
  kind: 'image',
  model: 'gpt-image-1',
  prompt: 'x',
  inputs: [],
  count: 1,
  params: {},
  signal: new AbortController().signal,
  ...partial,
});

describe('OpenAI image rules per model', () => {
  test('families', () => {
    expect(imageFamily('gpt-image-1-mini', true)).toBe('gpt-image');
    expect(imageFamily('dall-e-3', true)).toBe('dall-e-3');
    expect(imageFamily('dall-e-3', false)).toBe('other');
  });

  test('gpt-image: sizes snap with a warning, quality and format checked, DALL-E options dropped with a warning', () => {
    const plan = planImage(req({ size: { width: 1000, height: 1500 }, format: 'jpg', params: { quality: 'hd', style: 'vivid', background: 'opaque' } }), 'gpt-image', false);
    expect(plan.fields).toEqual({ size: '1024x1536', output_format: 'jpeg', background: 'opaque' });
    expect(plan.mediaType).toBe('image/jpeg');
    expect(plan.warnings).toEqual([
      'gpt-image-1 makes 1024x1024, 1536x1024, 1024x1536; --size 1000x1500 became 1024x1536',
      'gpt-image-1 takes quality low, medium, high, auto; quality=hd was ignored',
      'style is a DALL-E option; gpt-image-1 ignores it, so it was not sent',
    ]);
  });

  test('gpt-image-2 takes any multiple of 16', () => {
    expect(planImage(req({ model: 'gpt-image-2', size: { width: 1536, height: 864 } }), 'gpt-image', false).fields.size).toBe('1536x864');
  });

  test('dall-e-3: aspect to its sizes, hd quality kept, GPT options dropped, b64_json asked, png only', () => {
    const plan = planImage(req({ model: 'dall-e-3', aspect: { width: 9, height: 16 }, format: 'webp', params: { quality: 'hd', output_format: 'webp' } }), 'dall-e-3', false);
    expect(plan.fields).toEqual({ size: '1024x1792', quality: 'hd', response_format: 'b64_json' });
    expect(plan.warnings).toEqual(['dall-e-3 writes png; --format webp was ignored', 'output_format is a GPT image option; dall-e-3 ignores it, so it was not sent']);
  });

  test('dall-e-2: the nearest square', () => {
    const plan = planImage(req({ model: 'dall-e-2', size: { width: 500, height: 520 } }), 'dall-e-2', false);
    expect(plan.fields.size).toBe('512x512');
  });

  test('a transparent jpeg is a usage error', () => {
    expect(() => planImage(req({ format: 'jpeg', params: { background: 'transparent' } }), 'gpt-image', false)).toThrow(/transparent background needs png or webp/);
  });
});

describe('streamed multipart', () => {
  test('file bytes are pulled from their stream while the body is read, never gathered first', async () => {
    const chunk = Buffer.alloc(64 * 1024, 7);
    let produced = 0;
    let opened = false;
    const source = () => {
      opened = true;
      return Readable.from(
        (function* () {
          for (let i = 0; i < 64; i++) {
            produced++;
            yield chunk;
          }
        })(),
      );
    };
    const mp = buildMultipart([['model', 'whisper-1']], [{ name: 'file', fileName: 'a.wav', mediaType: 'audio/wav', bytes: chunk.length * 64, open: source }]);
    expect(opened).toBe(false); // nothing read until the request consumes the body
    const received: Buffer[] = [];
    let producedWhenFirstFileBytesArrived = -1;
    for await (const piece of mp.body) {
      received.push(piece as Buffer);
      if (producedWhenFirstFileBytesArrived < 0 && produced > 0) producedWhenFirstFileBytesArrived = produced;
    }
    expect(producedWhenFirstFileBytesArrived).toBeLessThan(64);
    const body = Buffer.concat(received);
    expect(body.length).toBe(mp.contentLength);
    const parts = parseMultipart(body, mp.contentType);
    expect(field(parts, 'model')).toBe('whisper-1');
    expect(parts[1]!.data.length).toBe(chunk.length * 64);
  });
});

describe('model discovery', () => {
  test('capabilities from ids; embeddings left out; catalogue facts kept; --kind filters', () => {
    expect(guessCapabilities('whisper-1')).toEqual(['audio-to-text']);
    expect(guessCapabilities('tts-1-hd')).toEqual(['text-to-audio']);
    expect(guessCapabilities('text-embedding-3-small')).toEqual([]);
    expect(guessCapabilities('llama3.2')).toEqual(['text-to-text']);
    const list = [{ id: 'gpt-image-1' }, { id: 'whisper-1' }, { id: 'text-embedding-3-small' }, { id: 'gpt-5' }];
    const all = toModelInfos(list, OPENAI_MODELS, {});
    expect(all.map((m) => m.id)).toEqual(['gpt-image-1', 'whisper-1', 'gpt-5']);
    expect(all[0]).toMatchObject({ price: { usd: 0.042, per: 'image' }, source: 'discovered' });
    expect(toModelInfos(list, OPENAI_MODELS, { kind: 'text' }).map((m) => m.id)).toEqual(['whisper-1', 'gpt-5']);
    // A server configured for speech only: a name that says nothing is taken as speech.
    expect(toModelInfos([{ id: 'my-voice-engine' }, { id: 'llama3' }], [], {}, ['text-to-audio']).map((m) => [m.id, m.capabilities])).toEqual([
      ['my-voice-engine', ['text-to-audio']],
      ['llama3', ['text-to-audio']],
    ]);
  });
});
