/** The optional `<asset>.json` beside each file: how it was made, never a key. */
import { promises as fs } from 'node:fs';
import { writeAtomically } from '../assets/write.js';
import type { Secrets } from '../secrets.js';

export async function writeSidecar(assetPath: string, data: Record<string, unknown>, force: boolean, secrets: Secrets): Promise<string> {
  const file = `${assetPath}.json`;
  const body = `${JSON.stringify(secrets.redactValue(data), null, 2)}\n`;
  await writeAtomically(file, force, (tmp) => fs.writeFile(tmp, body, { mode: 0o644 }));
  return file;
}
