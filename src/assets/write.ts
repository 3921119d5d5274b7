/**
 * Atomic writes: bytes go to a hidden temp file beside the target and are moved into place only when
 * complete, so no half-written file is ever left, even on Ctrl-C or a crash. Without --force an
 * existing file is never replaced (link() refuses atomically when the name is taken).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, unlinkSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/** Temp files in flight, removed on exit whatever happens. */
const inFlight = new Set<string>();
let exitHookInstalled = false;

function track(tmp: string): void {
  inFlight.add(tmp);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', removeAllTempFiles);
  }
}

export function removeAllTempFiles(): void {
  for (const tmp of inFlight) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
  inFlight.clear();
}

export async function ensureDirectory(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`Cannot create output directory ${dir} (${code ?? 'error'})`, {
      hint: 'choose an output path in a directory you can write (-o)',
    });
  }
}

/** Fails early (before any network call) when the target exists and --force was not given. */
export async function assertWritable(target: string, force: boolean): Promise<void> {
  if (force) return;
  try {
    const stat = await fs.lstat(target);
    if (stat.isDirectory()) return; // handled as a directory target elsewhere
    throw new InputError(`${target} already exists`, { hint: 'pass --force to overwrite it, or choose another -o' });
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
}

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
}

/**
 * Runs `produce(tmpPath)` and moves the result to `target`. On any failure the temp file is removed
 * and nothing appears at `target`.
 */
export async function writeAtomically<T>(target: string, force: boolean, produce: (tmpPath: string) => Promise<T>): Promise<T> {
  await ensureDirectory(path.dirname(target));
  const tmp = tempPathFor(target);
  track(tmp);
  let committed = false;
  try {
    const result = await produce(tmp);
    await commit(tmp, target, force);
    committed = true;
    return result;
  } finally {
    inFlight.delete(tmp);
    // After a rename the temp name is gone; after link() it is a second name to drop.
    if (!committed || !force) await fs.rm(tmp, { force: true });
  }
}

async function commit(tmp: string, target: string, force: boolean): Promise<void> {
  if (force) {
    await fs.rename(tmp, target);
    return;
  }
  try {
    await fs.link(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputError(`${target} already exists`, { hint: 'pass --force to overwrite it, or choose another -o' });
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
      // A filesystem without hard links: check, then rename (a tiny race, but never a partial file).
      await assertWritable(target, false);
      await fs.rename(tmp, target);
      return;
    }
    throw err;
  }
}

/** A name that is not taken yet: "a.png", else "a-2.png", "a-3.png"... (template names only). */
export async function firstFreePath(target: string): Promise<string> {
  const ext = path.extname(target);
  const stem = target.slice(0, target.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? target : `${stem}-${n}${ext}`;
    try {
      await fs.lstat(candidate);
    } catch {
      return candidate;
    }
  }
}
