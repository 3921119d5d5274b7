/**
 * Ollama's native API beside its OpenAI-compatible /v1: `GET /api/tags` (the pulled models) and
 * `POST /api/pull` (download one; answers NDJSON status lines, with total/completed per layer).
 */
import type { DiscoverOptions, ModelInfo, ProviderContext } from '../../src/plugin/types.js';
import type { Capability } from '../../src/kinds.js';
import { ProviderError } from '../../src/errors.js';

interface Tag {
  name: string;
  model?: string;
  modified_at?: string;
  size?: number;
  digest?: string;
  details?: { format?: string; family?: string; families?: string[] | null; parameter_size?: string; quantization_level?: string };
}

interface PullLine {
  status?: string;
  digest?: string;
  total?: number;
  completed?: number;
  error?: string;
}

/** The server root: the base URL without its `/v1` (Ollama serves /api next to it). */
export function ollamaRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** Ollama's own error shape `{"error":"..."}` to one line, with the fix for a model not pulled. */
export function describeOllamaError(status: number, body: unknown): { message: string; hint?: string } | undefined {
  const raw = (body as { error?: unknown } | undefined)?.error;
  const text = typeof raw === 'string' ? raw : typeof (raw as { message?: unknown })?.message === 'string' ? String((raw as { message: string }).message) : undefined;
  if (!text) return undefined;
  const notPulled = /not found|pull/i.test(text);
  return {
    message: `ollama error ${status}: ${text}`,
    ...(notPulled ? { hint: 'pull it first: automarket models pull ollama:<model> (or add -P pull=true); pulled models: automarket models discover ollama' } : {}),
  };
}

/** Vision models carry a CLIP projector (`clip`) or are Llama 3.2 vision (`mllama`). */
function capabilitiesOf(tag: Tag): Capability[] {
  const families = [...(tag.details?.families ?? []), tag.details?.family ?? ''];
  return families.some((f) => f === 'clip' || f === 'mllama') ? ['text-to-text', 'image-to-text'] : ['text-to-text'];
}

export async function listPulledModels(ctx: ProviderContext, options: DiscoverOptions): Promise<ModelInfo[]> {
  const res = await ctx.http.request<{ models?: Tag[] }>({
    url: `${ollamaRoot(ctx.baseUrl)}/api/tags`,
    retry: 'idempotent',
    timeoutMs: 15_000,
    describeError: describeOllamaError,
  });
  const models = (res.body?.models ?? []).map((tag): ModelInfo => {
    const d = tag.details ?? {};
    return {
      id: tag.name,
      capabilities: capabilitiesOf(tag),
      displayName: [tag.name, d.parameter_size, d.quantization_level].filter(Boolean).join(' '),
      supports: ['seed'],
      price: { usd: 0, per: 'request' },
      source: 'discovered',
      extra: { size: tag.size, digest: tag.digest, modifiedAt: tag.modified_at, family: d.family, parameterSize: d.parameter_size, quantization: d.quantization_level },
    };
  });
  return options.kind && options.kind !== 'text' ? [] : models;
}

/**
 * Pulls a model, turning each NDJSON line into progress: the status as the log line, and the
 * percent of the layer being downloaded. An `{"error":...}` line (unknown model) is a failure even
 * though the HTTP status was 200.
 */
export async function pullModel(ctx: ProviderContext, model: string, signal: AbortSignal = ctx.signal): Promise<void> {
  const url = `${ollamaRoot(ctx.baseUrl)}/api/pull`;
  ctx.progress({ phase: 'message', text: `Pulling ${model}` });
  const res = await ctx.http.stream({ method: 'POST', url, json: { model, stream: true }, timeoutMs: 120_000, signal, headers: { accept: 'application/x-ndjson' } });
  if (res.status < 200 || res.status >= 300) throw await ctx.http.streamStatusError({ url, describeError: describeOllamaError }, res);
  let buffered = '';
  let last: PullLine | undefined;
  const handle = (text: string) => {
    if (!text.trim()) return;
    let line: PullLine;
    try {
      line = JSON.parse(text) as PullLine;
    } catch {
      throw new ProviderError(`ollama sent a pull line that is not JSON: ${text.slice(0, 120)}`);
    }
    if (line.error) throw new ProviderError(`ollama could not pull ${model}: ${line.error}`, { hint: 'check the name at https://ollama.com/library (for example llama3.2 or qwen2.5:0.5b)' });
    last = line;
    const percent = line.total ? Math.min(100, ((line.completed ?? 0) / line.total) * 100) : undefined;
    ctx.progress({ phase: 'running', ...(percent !== undefined ? { percent } : {}), log: line.status ?? '' });
  };
  for await (const chunk of res.body) {
    buffered += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      handle(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  }
  handle(buffered);
  if (last?.status !== 'success') throw new ProviderError(`ollama stopped pulling ${model} before it finished (last status: ${last?.status ?? 'none'})`, { hint: 'try again: a pull resumes where it stopped' });
}
