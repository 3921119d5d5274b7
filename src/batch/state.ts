/**
 * Per-batch resume state: `<state dir>/batches/<batch id>.jsonl`, one line per finished item with the
 * paths it wrote. A rerun skips an item whose paths all still exist. Appended with fsync, like the
 * journal, so a crash never records an item that was not written.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { journalPatches } from '../jobs/read.js';

export class BatchState {
  readonly file: string;
  private done = new Map<string, string[]>();

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
    mkdirSync(path.dirname(this.file), { recursive: true });
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify({ id: itemId, paths, at: new Date().toISOString() })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // Not kept in memory: this run will not ask about the same item again.
  }
}
