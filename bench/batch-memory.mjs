#!/usr/bin/env node
/**
 * Batch memory at scale: runs `automarket batch` over N local draft items (default 1,000 and 10,000)
 * and prints wall time and peak RSS of the CLI process for each, so a flat memory profile is visible.
 * Usage: npm run build && node bench/batch-memory.mjs [n ...]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/bin/automarket.js');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
for (const n of sizes.length ? sizes : [1000, 10000]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'automarket-bench-'));
  const file = path.join(dir, 'items.jsonl');
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: `i${i}`, kind: 'image', prompt: `item ${i}`, size: '16x16', output: `out/${i}.png` }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const started = Date.now();
  // GNU time reports the peak RSS of the child; fall back to wall time only where it is missing.
  const hasTime = spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
  const args = ['batch', file, '-c', '8', '-q'];
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, bin, ...args], { cwd: dir, env: { ...process.env, AUTOMARKET_HOME: path.join(dir, 'home') }, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, AUTOMARKET_HOME: path.join(dir, 'home') }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1];
  console.log(`${n} items: exit ${r.status}, ${((Date.now() - started) / 1000).toFixed(1)} s${rss ? `, peak RSS ${(Number(rss) / 1024).toFixed(0)} MB` : ''}`);
  execFileSync('rm', ['-rf', dir]);
}
