/**
 * One batch line to one item. JSONL lines are objects; CSV rows map header names to cells (params as
 * a JSON cell). Every problem is an InputError naming the line and the field, found before any work.
 */
import { InputError } from '../errors.js';
import { isKind, KINDS, type Kind } from '../kinds.js';

export interface BatchItem {
  /** From the `id` field, else `line-<n>`. Keys the resume state and the journal. */
  id: string;
  line: number;
  kind: Kind;
  prompt?: string;
  provider?: string;
  model?: string;
  params: Record<string, unknown>;
  output?: string;
  inputs: string[];
  count?: number;
  size?: string;
  aspect?: string;
  seed?: number;
  duration?: number;
  voice?: string;
  format?: string;
}

export interface ItemDefaults {
  kind?: Kind;
  provider?: string;
  model?: string;
}

const FIELDS = new Set(['id', 'kind', 'prompt', 'provider', 'model', 'params', 'output', 'input', 'inputs', 'count', 'size', 'aspect', 'seed', 'duration', 'voice', 'format']);
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function toItem(raw: Record<string, unknown>, line: number, where: string, defaults: ItemDefaults = {}): BatchItem {
  const fail = (message: string, hint?: string): never => {
    throw new InputError(`${where} line ${line}: ${message}`, { hint: hint ?? 'fix the line (fields: id, kind, prompt, provider, model, params, output, inputs, count, size, aspect, seed, duration, voice, format)', data: { line } });
  };
  for (const key of Object.keys(raw)) if (!FIELDS.has(key)) fail(`unknown field "${key}"`);
  const str = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string') fail(`"${key}" must be a string`);
    return v as string;
  };
  const num = (key: string, integer: boolean): number | undefined => {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) fail(`"${key}" must be a ${integer ? 'whole ' : ''}number`);
    return n;
  };
  const id = str('id') ?? `line-${line}`;
  if (!ID.test(id)) fail(`bad id "${id}"`, 'ids are letters, digits, . _ : - (up to 128)');
  const kind = str('kind') ?? defaults.kind;
  if (!kind) fail('no "kind"', `add "kind" (${KINDS.join(', ')}) or pass --kind`);
  if (!isKind(kind!)) fail(`unknown kind "${kind}"`, `use one of: ${KINDS.join(', ')}`);
  let params: Record<string, unknown> = {};
  const rawParams = raw.params;
  if (typeof rawParams === 'string' && rawParams.trim() !== '') {
    try {
      params = JSON.parse(rawParams) as Record<string, unknown>;
    } catch {
      fail('"params" is not valid JSON', 'write params as a JSON object, for example {"steps": 4}');
    }
  } else if (rawParams !== undefined && rawParams !== null && rawParams !== '') {
    params = rawParams as Record<string, unknown>;
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) fail('"params" must be an object');
  const inputs: string[] = [];
  for (const key of ['input', 'inputs']) {
    const v = raw[key];
    if (v === undefined || v === null || v === '') continue;
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split('|') : fail(`"${key}" must be a path or a list of paths`);
    for (const one of list as unknown[]) {
      if (typeof one !== 'string' || one === '') fail(`"${key}" must hold paths or URLs`);
      if (one === '-') fail('an item cannot read stdin ("-")', 'name the input file');
      inputs.push(one as string);
    }
  }
  const prompt = str('prompt');
  if (prompt === undefined && inputs.length === 0) fail('no "prompt"');
  return {
    id,
    line,
    kind: kind as Kind,
    prompt,
    provider: str('provider') ?? defaults.provider,
    model: str('model') ?? defaults.model,
    params,
    output: str('output'),
    inputs,
    count: num('count', true),
    size: str('size'),
    aspect: str('aspect'),
    seed: num('seed', true),
    duration: num('duration', false),
    voice: str('voice'),
    format: str('format'),
  };
}
