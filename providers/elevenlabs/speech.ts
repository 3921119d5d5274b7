/**
 * Text to speech: `POST /v1/text-to-speech/{voice_id}?output_format=...` with `xi-api-key`.
 * --format picks the output format; wav is PCM from the API with a RIFF header added here.
 */
import type { GenerateRequest, ProviderContext } from '../../src/plugin/types.js';
import { ProviderError, UsageError } from '../../src/errors.js';
import { describeElevenLabsError } from './errors.js';
import { DEFAULT_VOICE } from './models.js';

export interface SpeechFormat {
  outputFormat: string;
  mediaType: string;
  /** PCM sample rate when the bytes must be wrapped as WAV. */
  wavRate?: number;
}

const FORMATS: Record<string, SpeechFormat> = {
  mp3: { outputFormat: 'mp3_44100_128', mediaType: 'audio/mpeg' },
  opus: { outputFormat: 'opus_48000_128', mediaType: 'audio/ogg' },
  ogg: { outputFormat: 'opus_48000_128', mediaType: 'audio/ogg' },
  wav: { outputFormat: 'pcm_44100', mediaType: 'audio/wav', wavRate: 44100 },
};

export function headers(key: string): Record<string, string> {
  return { 'xi-api-key': key };
}

/** The output format for --format (and an explicit `-P output_format=...`, which wins). */
export function speechFormat(format: string | undefined, explicit: unknown, warnings: string[]): SpeechFormat {
  if (typeof explicit === 'string') {
    const pcm = /^pcm_(\d+)$/.exec(explicit);
    if (pcm) return { outputFormat: explicit, mediaType: 'audio/wav', wavRate: Number(pcm[1]) };
    return { outputFormat: explicit, mediaType: explicit.startsWith('opus') ? 'audio/ogg' : explicit.startsWith('mp3') ? 'audio/mpeg' : 'audio/basic' };
  }
  if (!format) return FORMATS.mp3!;
  const known = FORMATS[format];
  if (known) return known;
  warnings.push(`ElevenLabs writes mp3, opus or wav; --format ${format} was ignored (mp3 written)`);
  return FORMATS.mp3!;
}

/** A voice id as given, or a voice name looked up in /v1/voices. */
export async function resolveVoice(ctx: ProviderContext, key: string, voice: string | undefined): Promise<string> {
  const wanted = voice ?? (typeof ctx.settings.voice === 'string' ? ctx.settings.voice : undefined);
  if (!wanted) return DEFAULT_VOICE;
  if (/^[A-Za-z0-9]{20}$/.test(wanted)) return wanted;
  const res = await ctx.http.request<{ voices?: Array<{ voice_id: string; name?: string }> }>({
    url: `${ctx.baseUrl}/v1/voices`,
    headers: headers(key),
    retry: 'idempotent',
    describeError: describeElevenLabsError,
  });
  const voices = res.body?.voices ?? [];
  const lower = wanted.toLowerCase();
  const match = voices.find((v) => v.name?.toLowerCase() === lower) ?? voices.find((v) => v.name?.toLowerCase().split(/[\s-]/)[0] === lower);
  if (!match) {
    const names = voices.map((v) => v.name).filter(Boolean).slice(0, 12).join(', ');
    throw new UsageError(`ElevenLabs has no voice named "${wanted}"`, { hint: `use a voice id or one of: ${names || '(none)'} (automarket models discover elevenlabs)` });
  }
  return match.voice_id;
}

export interface SpeechResult {
  data: Uint8Array;
  mediaType: string;
  characterCost?: number;
  requestId?: string;
}

export async function synthesize(ctx: ProviderContext, key: string, request: GenerateRequest, voiceId: string, format: SpeechFormat): Promise<SpeechResult> {
  const { output_format: _ignored, ...params } = request.params;
  void _ignored;
  const body: Record<string, unknown> = { text: request.prompt, model_id: request.model };
  if (request.seed !== undefined) body.seed = request.seed;
  Object.assign(body, params);
  ctx.progress({ phase: 'submitting' });
  // TTS answers are short clips; the http layer hands back the body whole.
  const res = await ctx.http.request<Buffer>({
    method: 'POST',
    url: `${ctx.baseUrl}/v1/text-to-speech/${encodeURIComponent(voiceId)}`,
    searchParams: { output_format: format.outputFormat },
    headers: { ...headers(key), 'content-type': 'application/json', accept: format.wavRate ? '*/*' : format.mediaType },
    json: body,
    responseType: 'buffer',
    retry: 'submit',
    timeoutMs: 300_000,
    signal: request.signal,
    describeError: describeElevenLabsError,
  });
  const bytes = res.body;
  if (!bytes?.length) throw new ProviderError('ElevenLabs returned no audio');
  const cost = Number(first(res.headers['character-cost']));
  const requestId = first(res.headers['request-id']) ?? first(res.headers['x-request-id']);
  return {
    data: format.wavRate ? wavFromPcm(bytes, format.wavRate) : bytes,
    mediaType: format.mediaType,
    ...(Number.isFinite(cost) ? { characterCost: cost } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** 16-bit little-endian mono PCM (what pcm_* formats are) with a 44-byte RIFF/WAVE header. */
export function wavFromPcm(pcm: Uint8Array, rate: number): Uint8Array {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
