/**
 * Writes keys.json in AUTOMARKET_HOME (what `automarket keys set` and the interactive setup store).
 * Mode 0600 from the first byte: the file is written under a temp name created 0600, then renamed.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

export function storeKey(keysFile: string, providerId: string, key: string): void {
  const keys = { ...readKeysForUpdate(keysFile), [providerId]: key };
  writeKeys(keysFile, keys);
}

export function removeStoredKey(keysFile: string, providerId: string): boolean {
  const keys = readKeysForUpdate(keysFile);
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

/**
 * Reading for a rewrite is strict: a keys.json that cannot be parsed may still hold keys the user
 * wants, so it is never silently replaced by a file with one key.
 */
function readKeysForUpdate(keysFile: string): Record<string, string> {
  if (!existsSync(keysFile)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(keysFile, 'utf8'));
  } catch {
    data = undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${keysFile} is not a JSON object of stored keys (left as it is)`, { hint: 'fix it by hand, or delete it to start again (the keys in it are lost)' });
  }
  return data as Record<string, string>;
}

/** Why keys.json cannot be read (it is then ignored when keys are resolved), or undefined. */
export function storedKeysProblem(keysFile: string): string | undefined {
  try {
    readKeysForUpdate(keysFile);
    return undefined;
  } catch (err) {
    return (err as Error).message.replace(' (left as it is)', '');
  }
}
