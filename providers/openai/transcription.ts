/**
 * Transcription: `POST /audio/transcriptions`, multipart with the recording streamed from disk (or
 * from its URL). --format picks json, text, srt, vtt or verbose_json; with no --format the plain
 * transcript is returned (asked as json, which every model answers). The prompt, when given, is
 * sent as OpenAI's `prompt` (context for spelling and style).
 */
import type { GenerateRequest, GenerateResult } from '../../src/plugin/types.js';
import { InputError, ProviderError } from '../../src/errors.js';
import type { Endpoint } from './endpoint.js';
import { authHeaders } from './errors.js';
import { buildMultipart } from './multipart.js';
import { inputPart } from './input-file.js';
import { ignoredOptionWarnings } from './warnings.js';
import { headerValue } from './images.js';

export const TRANSCRIPT_FORMATS: Record<string, string> = {
  text: 'text/plain',
  txt: 'text/plain',
  json: 'application/json',
  verbose_json: 'application/json',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
};

export async function transcribe(request: GenerateRequest, ep: Endpoint): Promise<GenerateResult> {
  const warnings = ignoredOptionWarnings(request, ['format'], ep.catalogue);
  const audio = request.inputs.find((i) => i.kind === 'audio' || i.kind === 'video');
  if (!audio) throw new InputError('Transcription needs an audio file', { hint: 'pass one with -i talk.wav' });
  if (request.inputs.length > 1) warnings.push(`${request.model} transcribes one file; only ${audio.name} was sent`);

  let wanted = request.format === 'txt' ? 'text' : request.format;
  if (wanted && !(wanted in TRANSCRIPT_FORMATS)) {
    warnings.push(`transcripts come as text, json, verbose_json, srt or vtt; --format ${request.format} was ignored`);
    wanted = undefined;
  }
  // gpt-4o transcribe models answer json only: keep the request valid and say what was lost.
  const jsonOnly = ep.openaiRules && /^gpt-4o/.test(request.model) && !request.model.includes('diarize');
  if (jsonOnly && wanted && wanted !== 'json' && wanted !== 'text') {
    warnings.push(`${request.model} only answers json; --format ${wanted} was ignored and the plain transcript written (whisper-1 makes ${wanted})`);
    wanted = 'text';
  }
  const responseFormat = !wanted || wanted === 'text' ? (jsonOnly || !wanted ? 'json' : 'text') : wanted;

  const fields: Array<[string, string]> = [
    ['model', request.model],
    ['response_format', responseFormat],
  ];
  if (request.prompt) fields.push(['prompt', request.prompt]);
  for (const [key, value] of Object.entries(request.params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) fields.push([`${key}[]`, String(v)]);
    else fields.push([key, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  ep.ctx.progress({ phase: 'uploading', name: audio.name });
  const multipart = buildMultipart(fields, [inputPart(audio, ep.ctx, 'file')]);
  const res = await ep.ctx.http.request<string>({
    method: 'POST',
    url: `${ep.baseUrl}/audio/transcriptions`,
    headers: {
      ...authHeaders(ep.key),
      accept: 'application/json, text/plain',
      'content-type': multipart.contentType,
      ...(multipart.contentLength !== undefined ? { 'content-length': String(multipart.contentLength) } : {}),
    },
    body: multipart.body,
    responseType: 'text',
    retry: 'none', // the body is a one-shot stream
    timeoutMs: 600_000,
    signal: request.signal,
    describeError: ep.describeError,
  });
  const raw = res.body ?? '';
  let text: string;
  let mediaType: string;
  if (responseFormat === 'json' && wanted !== 'json') {
    text = transcriptText(raw, ep.label);
    mediaType = 'text/plain';
  } else {
    text = raw;
    mediaType = TRANSCRIPT_FORMATS[responseFormat]!;
  }
  if (mediaType === 'text/plain' && !text.endsWith('\n')) text += '\n';
  return { assets: [{ kind: 'text', text, mediaType }], warnings, requestId: headerValue(res.headers['x-request-id']) };
}

function transcriptText(raw: string, label: string): string {
  try {
    const parsed = JSON.parse(raw) as { text?: unknown };
    if (typeof parsed.text === 'string') return parsed.text;
  } catch {
    // Some servers answer plain text even when asked for json.
    if (raw.trim() && !raw.trim().startsWith('{')) return raw;
  }
  throw new ProviderError(`${label} answered the transcription without a text field: ${raw.slice(0, 120)}`);
}
