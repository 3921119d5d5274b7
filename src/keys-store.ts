/**
 * Writes keys.json in AUTOMARKET_HOME (what `automarket keys set` and the interactive setup store).
 * Mode 0600 from the first byte: the file is written under a temp name created 0600, then renamed.
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readStoredKeys } from './keys.js';

export function storeKey(keysFile: string, providerId: string, key: string): void {
  const keys = { ...readStoredKeys(keysFile), [providerId]: key };
  writeKeys(keysFile, keys);
}

export function removeStoredKey(keysFile: string, providerId: string): boolean {
  const keys = readStoredKeys(keysFile);
  if (!(providerId in keys)) return false;
  delete keys[providerId];
  writeKeys(keysFile, keys);
  return true;
}

function writeKeys(keysFile: string, keys: Record<string, string>): void {
  mkdirSync(path.dirname(keysFile), { recursive: true, mode: 0o700 });
  const tmp = `${keysFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600); // the umask may have narrowed it further, never widened; be explicit anyway
  renameSync(tmp, keysFile);
}
