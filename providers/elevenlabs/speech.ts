/**
 * Text to speech: `POST /v1/text-to-speech/{voice_id}?output_format=...` with `xi-api-key`, the
 * answer streamed to disk. --format (else the -o extension) picks the output format; wav is PCM
 * from the API with a RIFF header added here.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { GenerateRequest, ProviderContext } from '../../src/plugin/types.js';
import { ProviderError, UsageError } from '../../src/errors.js';
import { describeElevenLabsError } from './errors.js';
import { chooseFormat } from '../../src/plugin/output-format.js';
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

/** The output format: `-P output_format=...` wins, then --format, then the -o file's extension, else mp3. */
export function speechFormat(request: Pick<GenerateRequest, 'format' | 'outputExtension'>, explicit: unknown, warnings: string[]): SpeechFormat {
  if (typeof explicit === 'string') {
    const pcm = /^pcm_(\d+)$/.exec(explicit);
    if (pcm) return { outputFormat: explicit, mediaType: 'audio/wav', wavRate: Number(pcm[1]) };
    return { outputFormat: explicit, mediaType: explicit.startsWith('opus') ? 'audio/ogg' : explicit.startsWith('mp3') ? 'audio/mpeg' : 'audio/basic' };
  }
  const chosen = chooseFormat(request, Object.keys(FORMATS));
  if (!chosen) {
    if (request.outputExtension && request.outputExtension !== 'mp3') warnings.push(`ElevenLabs writes mp3, opus or wav, not ${request.outputExtension}: the file gets mp3 bytes (choose with --format)`);
    return FORMATS.mp3!;
  }
  const known = FORMATS[chosen.format];
  if (known) return known;
  warnings.push(`ElevenLabs writes mp3, opus or wav; --format ${chosen.format} was ignored (mp3 written)`);
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
  /** The audio as it arrives (mp3, opus, or PCM behind a WAV header of known length)... */
  stream?: Readable;
  /** ...or, for WAV of unknown length, a temp file the PCM was spooled to (its header patched). */
  filePath?: string;
  mediaType: string;
  characterCost?: number;
  requestId?: string;
}

/**
 * Streams the speech to the caller: nothing is held whole in memory. mp3/opus bytes pass through;
 * PCM for WAV gets a RIFF header up front when the answer's length is known, else it is spooled to
 * a temp file whose header is written once the length is.
 */
export async function synthesize(ctx: ProviderContext, key: string, request: GenerateRequest, voiceId: string, format: SpeechFormat): Promise<SpeechResult> {
  const { output_format: _ignored, ...params } = request.params;
  void _ignored;
  const body: Record<string, unknown> = { text: request.prompt, model_id: request.model };
  if (request.seed !== undefined) body.seed = request.seed;
  Object.assign(body, params);
  ctx.progress({ phase: 'submitting' });
  const url = `${ctx.baseUrl}/v1/text-to-speech/${encodeURIComponent(voiceId)}?${new URLSearchParams({ output_format: format.outputFormat })}`;
  const res = await ctx.http.stream({
    method: 'POST',
    url,
    headers: { ...headers(key), accept: format.wavRate ? '*/*' : format.mediaType },
    json: body,
    retry: 'submit',
    timeoutMs: 300_000,
    signal: request.signal,
  });
  if (res.status < 200 || res.status >= 300) throw await ctx.http.streamStatusError({ url, describeError: describeElevenLabsError }, res);
  const cost = Number(first(res.headers['character-cost']));
  const requestId = first(res.headers['request-id']) ?? first(res.headers['x-request-id']);
  const meta = {
    mediaType: format.mediaType,
    ...(Number.isFinite(cost) && first(res.headers['character-cost']) !== undefined ? { characterCost: cost } : {}),
    ...(requestId ? { requestId } : {}),
  };
  if (!format.wavRate) return { stream: res.body, ...meta };
  const length = Number(first(res.headers['content-length']));
  if (Number.isInteger(length) && length > 0 && !res.headers['content-encoding']) {
    return { stream: withWavHeader(res.body, length, format.wavRate), ...meta };
  }
  return { filePath: await spoolWav(res.body, format.wavRate, ctx.tempDir, request.signal), ...meta };
}

/** The PCM stream with a WAV header of a known data length in front. */
function withWavHeader(pcm: Readable, length: number, rate: number): Readable {
  const out = new PassThrough();
  out.write(wavHeader(length, rate));
  pcm.on('error', (err) => out.destroy(err));
  pcm.pipe(out);
  return out;
}

/** Spools PCM of unknown length to a temp file behind a placeholder header, then writes the real header. */
async function spoolWav(pcm: Readable, rate: number, dir: string, signal: AbortSignal): Promise<string> {
  const file = path.join(dir, `elevenlabs-${randomUUID()}.wav`);
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const sink = createWriteStream(file);
  sink.write(Buffer.alloc(44));
  await pipeline(pcm, count, sink, { signal });
  if (bytes === 0) throw new ProviderError('ElevenLabs returned no audio');
  const handle = await open(file, 'r+');
  try {
    await handle.write(wavHeader(bytes, rate), 0, 44, 0);
  } finally {
    await handle.close();
  }
  return file;
}

/** The 44-byte RIFF/WAVE header for 16-bit little-endian mono PCM (what pcm_* formats are). */
export function wavHeader(dataLength: number, rate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataLength, 4);
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
  header.writeUInt32LE(dataLength, 40);
  return header;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
