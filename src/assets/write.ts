/**
 * Atomic writes: bytes go to a hidden temp file beside the target and are moved into place only when
 * complete, so no half-written file is ever left, even on Ctrl-C or a crash. Without --force an
 * existing file is never replaced (link() refuses atomically when the name is taken).
 *
 * The metadata calls here (mkdir of a directory that exists, lstat, link, rename, unlink) are made
 * synchronously on purpose: the kernel answers them from its caches in microseconds, while each
 * thread-pool round trip of the async form costs several times that in CPU, on every asset.
 * Only the bytes (written by the caller's `produce`) go through the thread pool.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, promises as fs, renameSync, unlinkSync, writeFileSync } from 'node:fs';
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
  for (const tmp of inFlight) removeQuietly(tmp);
  inFlight.clear();
}

export async function ensureDirectory(dir: string): Promise<void> {
  try {
    mkdirSync(dir, { recursive: true });
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
  let stat;
  try {
    stat = lstatSync(target, { throwIfNoEntry: false });
  } catch {
    return; // unreadable parent and the like: the write itself will say what is wrong
  }
  if (!stat || stat.isDirectory()) return; // a directory target is handled elsewhere
  throw new InputError(`${target} already exists`, { hint: 'pass --force to overwrite it, or choose another -o' });
}

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
}

/**
 * Runs `produce(tmpPath)` and moves the result to `target`. On any failure the temp file is removed
 * and nothing appears at `target`.
 */
export async function writeAtomically<T>(target: string, force: boolean, produce: (tmpPath: string) => Promise<T>): Promise<T> {
  return viaTempFile(target, produce, async (tmp, value) => {
    await commit(tmp, target, force);
    return value;
  });
}

/**
 * The frame both writers share: a temp file beside `target` (removed on exit whatever happens), its
 * bytes from `produce`, then `place` moves it. The temp name never outlives the call: after a rename
 * it is gone already, after link() it is a second name to drop, after a failure the partial file.
 */
async function viaTempFile<T, R>(target: string, produce: (tmpPath: string) => Promise<T>, place: (tmpPath: string, value: T) => Promise<R>): Promise<R> {
  await ensureDirectory(path.dirname(target));
  const tmp = tempPathFor(target);
  track(tmp);
  try {
    return await place(tmp, await produce(tmp));
  } finally {
    inFlight.delete(tmp);
    removeQuietly(tmp);
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}

async function commit(tmp: string, target: string, force: boolean): Promise<void> {
  if (force) {
    renameSync(tmp, target);
    return;
  }
  try {
    linkSync(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputError(`${target} already exists`, { hint: 'pass --force to overwrite it, or choose another -o' });
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
      // A filesystem without hard links: check, then rename (a tiny race, but never a partial file).
      await assertWritable(target, false);
      renameSync(tmp, target);
      return;
    }
    throw err;
  }
}

/**
 * Like writeAtomically without --force, but a taken name is not an error: the file goes to the first
 * free one of "a.png", "a-2.png", "a-3.png"... (template names). The name is claimed by link(), which
 * fails atomically when it exists, so concurrent runs (a batch of items with one prompt) never pick
 * the same name and never fail for it. Returns the name used.
 */
export async function writeToFreeName<T>(target: string, produce: (tmpPath: string) => Promise<T>): Promise<{ value: T; path: string }> {
  return viaTempFile(target, produce, async (tmp, value) => {
    const ext = path.extname(target);
    const stem = target.slice(0, target.length - ext.length);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? target : `${stem}-${n}${ext}`;
      try {
        await commit(tmp, candidate, false);
        return { value, path: candidate };
      } catch (err) {
        if (!(err instanceof InputError)) throw err; // "already exists": try the next name
      }
    }
  });
}

/**
 * Small outputs (most speech clips, JPEG and WebP images) are written synchronously: creating and
 * filling a 100 KiB file takes the kernel well under a millisecond, while the async form is three
 * thread-pool round trips (open, write, close), each a wake-up of a worker and then of the main
 * thread; in a batch at concurrency 16 those waits queued behind each other and added ~6 ms to every
 * item. Larger outputs go through the thread pool so they never stall other jobs' progress.
 */
export const SYNC_WRITE_MAX_BYTES = 256 * 1024;

export async function writeBytes(file: string, data: Uint8Array): Promise<void> {
  if (data.byteLength <= SYNC_WRITE_MAX_BYTES) writeFileSync(file, data, { mode: 0o644 });
  else await fs.writeFile(file, data, { mode: 0o644 });
}
