/**
 * Remembered decisions: "the project config <file> may send keys to <origin>", kept in
 * AUTOMARKET_HOME/trusted-hosts.json so the user confirms once per file and host.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface TrustFile {
  version: 1;
  trusted: Array<{ file: string; origin: string; at: string }>;
}

export class TrustStore {
  constructor(readonly file: string) {}

  private read(): TrustFile {
    if (!existsSync(this.file)) return { version: 1, trusted: [] };
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as TrustFile;
      return Array.isArray(data?.trusted) ? data : { version: 1, trusted: [] };
    } catch {
      return { version: 1, trusted: [] }; // unreadable: trust nothing, ask again
    }
  }

  has(configFile: string, origin: string): boolean {
    const file = path.resolve(configFile);
    return this.read().trusted.some((t) => t.file === file && t.origin === origin);
  }

  add(configFile: string, origin: string): void {
    const data = this.read();
    const file = path.resolve(configFile);
    if (data.trusted.some((t) => t.file === file && t.origin === origin)) return;
    data.trusted.push({ file, origin, at: new Date().toISOString() });
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
