/**
 * Speech: `POST /audio/speech` (JSON in, audio bytes out). The audio is streamed to disk by the
 * engine, never buffered here. Format from --format, else the -o file's extension (so `-o hi.wav`
 * holds WAV), else mp3; voice from --voice, speed from -P speed.
 */
import type { GenerateRequest, GenerateResult } from '../../src/plugin/types.js';
import { ProviderError, UsageError } from '../../src/errors.js';
import type { Endpoint } from './endpoint.js';
import { authHeaders } from './errors.js';
import { ignoredOptionWarnings } from './warnings.js';
import { headerValue } from './images.js';
import { chooseFormat } from '../../src/plugin/output-format.js';

export const SPEECH_FORMATS: Record<string, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg; codecs=opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** Extensions that name one of the formats above. */
const FORMAT_ALIASES: Record<string, string> = { ogg: 'opus', oga: 'opus' };

export const OPENAI_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];

export async function generateSpeech(request: GenerateRequest, ep: Endpoint, defaultVoice: string): Promise<GenerateResult> {
  const warnings = ignoredOptionWarnings(request, ['voice', 'format'], ep.catalogue);
  const params = { ...request.params };
  let format = 'mp3';
  const chosen = chooseFormat(request, Object.keys(SPEECH_FORMATS), FORMAT_ALIASES);
  if (chosen && chosen.format in SPEECH_FORMATS) format = chosen.format;
  else if (request.format) warnings.push(`${ep.label} speech comes as ${Object.keys(SPEECH_FORMATS).join(', ')}; --format ${request.format} was ignored (mp3 sent)`);
  else if (request.outputExtension && request.outputExtension !== 'mp3') {
    warnings.push(`${ep.label} speech comes as ${Object.keys(SPEECH_FORMATS).join(', ')}, not ${request.outputExtension}: the file gets mp3 bytes (choose with --format)`);
  }
  if (params.speed !== undefined) {
    const speed = Number(params.speed);
    if (!Number.isFinite(speed) || speed < 0.25 || speed > 4) {
      throw new UsageError(`Bad speed ${String(params.speed)}: must be between 0.25 and 4`, { hint: 'for example -P speed=1.25' });
    }
    params.speed = speed;
  }
  if (ep.openaiRules && params.instructions !== undefined && /^tts-1/.test(request.model)) {
    warnings.push(`${request.model} does not take instructions (gpt-4o-mini-tts does); they were not sent`);
    delete params.instructions;
  }
  if (request.count > 1 && !warnings.some((w) => w.includes('--count'))) warnings.push(`${request.model} makes one recording per request; --count was ignored`);
  const voice = request.voice ?? defaultVoice;
  if (ep.openaiRules && request.voice && !OPENAI_VOICES.includes(request.voice) && !request.voice.startsWith('voice_')) {
    warnings.push(`${request.voice} is not one of OpenAI's voices (${OPENAI_VOICES.join(', ')}); sending it anyway`);
  }
  const body = {
    model: request.model,
    input: request.prompt,
    voice: request.voice?.startsWith('voice_') && ep.openaiRules ? { id: request.voice } : voice,
    response_format: format,
    ...params,
  };
  ep.ctx.progress({ phase: 'submitting' });
  const res = await ep.ctx.http.stream({
    method: 'POST',
    url: `${ep.baseUrl}/audio/speech`,
    headers: { ...authHeaders(ep.key), accept: '*/*' },
    json: body,
    timeoutMs: 300_000,
    signal: request.signal,
  });
  if (res.status < 200 || res.status >= 300) {
    const text = await readAll(res.body);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* plain text */
    }
    const described = ep.describeError(res.status, parsed);
    throw new ProviderError(described?.message ?? `${ep.label} answered ${res.status}: ${text.slice(0, 200)}`, { status: res.status, hint: described?.hint });
  }
  const price = ep.catalogue.find((m) => m.id === request.model)?.price;
  const contentType = headerValue(res.headers['content-type']);
  return {
    assets: [{ kind: 'audio', stream: res.body, mediaType: SPEECH_FORMATS[format] ?? contentType, fileName: `speech.${format}` }],
    warnings,
    requestId: headerValue(res.headers['x-request-id']),
    ...(price?.per === '1k-characters' ? { costUsd: Math.round(price.usd * (request.prompt.length / 1000) * 1e6) / 1e6 } : {}),
  };
}

async function readAll(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (total < 65536) chunks.push(b);
    total += b.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}
