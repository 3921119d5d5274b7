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
import { toItem, type BatchItem, type ItemDefaults } from './items.js';

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
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('not a file');
  } catch {
    throw new InputError(`Batch file not found: ${arg}`, { hint: 'name a .jsonl or .csv file, or "-" for stdin' });
  }
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
        throw new InputError(`${source.where} line ${lineNo}: not valid JSON`, { hint: 'each line must be one JSON object, for example {"kind":"image","prompt":"a fox"}', data: { line: lineNo } });
      }
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${source.where} line ${lineNo}: not a JSON object`, { data: { line: lineNo } });
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
