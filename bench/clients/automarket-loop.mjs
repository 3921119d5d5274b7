/**
 * N sequential generations through automarket's own entry point, in one process (as `batch` or a
 * script embedding automarket runs them), after a warm-up. Prints CPU and wall time per request.
 * Usage: node automarket-loop.mjs <n> <outDir> -- <automarket args...> ({i} in args is the index)
 */
import { Writable, Readable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeLoop } from '../lib/loop.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { run } = await import(path.join(root, 'dist/src/run.js'));
const [n, outDir, sep, ...template] = process.argv.slice(2);
if (sep !== '--') throw new Error('usage: automarket-loop.mjs <n> <outDir> -- args');
const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
const io = { stdin: Readable.from([]), stdout: sink(), stderr: sink() };

async function once(i) {
  const args = template.map((a) => a.replaceAll('{i}', String(i)).replaceAll('{out}', outDir));
  const code = await run(args, { io, env: process.env, cwd: outDir, signal: new AbortController().signal });
  if (code !== 0) throw new Error(`automarket ${args.join(' ')} exited ${code}`);
}

await timeLoop(Number(n), once);
