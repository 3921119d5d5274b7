/**
 * Where a batch comes from: a .jsonl or .csv file, or "-" (stdin, spooled to a temp file so it can be
 * read twice: once to check and estimate, once to run). Items are streamed, never all held.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { InputError, UsageError } from '../errors.js';
import { parseCsvRecord } from './csv.js';
import { FIELDS, toItem, type BatchItem, type ItemDefaults } from './items.js';

export interface BatchSource {
  file: string;
  /** What error messages call it. */
  where: string;
  format: 'jsonl' | 'csv';
  /** Keys the resume state and the journal: the file's absolute path, or the content of stdin. */
  batchId: string;
}

export async function openBatchSource(arg: string, deps: { cwd: string; stdin: Readable & { isTTY?: boolean }; tempDir: () => string }): Promise<BatchSource> {
  if (arg === '-') {
    if (deps.stdin.isTTY) throw new UsageError('batch - reads the batch from stdin, but stdin is a terminal', { hint: 'pipe it in (cat items.jsonl | automarket batch -) or name the file' });
    const file = path.join(deps.tempDir(), 'batch-stdin');
    const hash = createHash('sha256');
    const out = createWriteStream(file);
    for await (const chunk of deps.stdin) {
      hash.update(chunk as Buffer);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return { file, where: 'stdin', format: await sniffFormat(file), batchId: `stdin-${hash.digest('hex').slice(0, 16)}` };
  }
  const file = path.resolve(deps.cwd, arg);
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new InputError(`Batch file not found: ${arg}`, { hint: 'name a .jsonl or .csv file, or "-" for stdin' });
  if (!stat.isFile()) throw new InputError(`${arg} is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}, not a batch file`, { hint: 'name a .jsonl or .csv file, or "-" for stdin' });
  const ext = path.extname(file).toLowerCase();
  const format = ext === '.csv' ? 'csv' : ext === '.jsonl' || ext === '.ndjson' || ext === '.json' ? 'jsonl' : await sniffFormat(file);
  return { file, where: path.basename(file), format, batchId: `file-${createHash('sha256').update(file).digest('hex').slice(0, 16)}` };
}

/** JSON lines start with "{"; anything else is taken as CSV with a header row. */
async function sniffFormat(file: string): Promise<'jsonl' | 'csv'> {
  const handle = await fs.open(file, 'r');
  const head = Buffer.alloc(512);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  await handle.close();
  return head.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

const ONE_OBJECT_HINT = 'each line must be one JSON object, for example {"kind":"image","prompt":"a fox"}';
/** The common mistake: a JSON array of items instead of JSON lines. */
const JSON_ARRAY_HINT = 'a batch is JSON lines (one object per line), not a JSON array: jq -c \'.[]\' items.json > items.jsonl';

export async function* readItems(source: BatchSource, defaults: ItemDefaults = {}): AsyncGenerator<BatchItem> {
  const lines = createInterface({ input: createReadStream(source.file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  if (source.format === 'jsonl') {
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new InputError(`${source.where} line ${lineNo}: not valid JSON`, { hint: line.trimStart().startsWith('[') ? JSON_ARRAY_HINT : ONE_OBJECT_HINT, data: { line: lineNo } });
      }
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${source.where} line ${lineNo}: not a JSON object`, { hint: Array.isArray(raw) ? JSON_ARRAY_HINT : ONE_OBJECT_HINT, data: { line: lineNo } });
      yield toItem(raw as Record<string, unknown>, lineNo, source.where, defaults);
    }
    return;
  }
  let header: string[] | undefined;
  let pending = '';
  let startLine = 0;
  for await (const line of lines) {
    lineNo++;
    if (pending === '' && !line.trim()) continue;
    if (pending === '') startLine = lineNo;
    pending = pending === '' ? line : `${pending}\n${line}`;
    const cells = parseCsvRecord(pending);
    if (!cells) continue;
    pending = '';
    if (!header) {
      header = cells.map((c) => c.trim().replace(/^\uFEFF/, ''));
      checkHeader(header, startLine, source.where);
      continue;
    }
    if (cells.length > header.length) throw new InputError(`${source.where} line ${startLine}: ${cells.length} cells but the header has ${header.length}`, { hint: 'quote cells that contain commas' });
    const raw: Record<string, unknown> = {};
    header.forEach((name, i) => {
      if (cells[i] !== undefined && cells[i] !== '') raw[name] = cells[i];
    });
    yield toItem(raw, startLine, source.where, defaults);
  }
  if (pending !== '') throw new InputError(`${source.where} line ${startLine}: a quoted cell is never closed`, { hint: 'close the quote' });
}

/**
 * The header row is checked on its own line, so a wrong separator (`kind;prompt`) or a file that is
 * not CSV at all is reported where it is, not as "no items" or a field error on line 2.
 */
function checkHeader(header: string[], line: number, where: string): void {
  const unknown = header.find((name) => !FIELDS.has(name));
  if (unknown === undefined) return;
  const hint = /[;\t|]/.test(unknown)
    ? 'separate the header and cells with commas'
    : `the first line of a CSV batch names the fields: ${[...FIELDS].filter((f) => f !== 'input').join(', ')} (or use JSON lines)`;
  throw new InputError(`${where} line ${line}: unknown field "${unknown}" in the CSV header`, { hint, data: { line } });
}
