/**
 * Per-batch resume state: `<state dir>/batches/<batch id>.jsonl`, one line per finished item with the
 * paths it wrote. A rerun skips an item whose paths all still exist. A line is appended only after
 * the item's files are in place, so a crash never records an item that was not written.
 *
 * Not fsync'd: the files it points to are renamed into place without an fsync, so after a power cut
 * a durable line could name a file the disk lost; a lost line only means the rerun finds the item
 * through its journalled job or its files instead. (An fsync per item on the main thread also held
 * up every other item of the batch.)
 */
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { journalPatches } from '../jobs/read.js';

export class BatchState {
  readonly file: string;
  private done = new Map<string, string[]>();
  private fd?: number;

  constructor(stateDir: string, batchId: string) {
    this.file = path.join(stateDir, 'batches', `${batchId}.jsonl`);
  }

  async load(): Promise<void> {
    // Same line format rules as the journal (one JSON object a line, torn lines skipped).
    for await (const entry of journalPatches(this.file)) {
      const paths = (entry as unknown as { paths?: string[] }).paths;
      if (Array.isArray(paths)) this.done.set(entry.id, paths);
    }
  }

  /** The paths an earlier run wrote for this item, when every one of them is still there. */
  written(itemId: string): string[] | undefined {
    const paths = this.done.get(itemId);
    if (!paths || paths.length === 0) return undefined;
    return paths.every((p) => existsSync(p)) ? paths : undefined;
  }

  record(itemId: string, paths: string[]): void {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a', 0o600);
    }
    writeSync(this.fd, `${JSON.stringify({ id: itemId, paths, at: new Date().toISOString() })}\n`);
    // Not kept in memory: this run will not ask about the same item again.
    this.done.delete(itemId);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
