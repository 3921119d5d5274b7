/** Runs commands under bench/lib/rusage.py and summarises repeated runs. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUSAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rusage.py');

/** One run: { exit, wall_s, user_s, sys_s, max_rss_kib }. */
export function measure(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile('python3', [RUSAGE, command, ...args], { env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${command} ${args.join(' ')}: ${stderr || err.message}`));
      const result = JSON.parse(stdout.trim().split('\n').pop());
      if (result.exit !== 0 && !options.allowFailure) return reject(new Error(`${command} ${args.join(' ')} exited ${result.exit}`));
      resolve(result);
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time of `runs` runs, after one warm-up run (file cache, JIT of node itself). */
export async function medianWall(command, args, runs, options = {}) {
  await measure(command, args, options);
  const walls = [];
  for (let i = 0; i < runs; i++) walls.push((await measure(command, args, options)).wall_s);
  return median(walls);
}

/** Runs a node script that prints one JSON line of figures on stdout, and returns it. */
export function runJsonScript(script, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, ...args], { env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${path.basename(script)}: ${stderr || err.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}
