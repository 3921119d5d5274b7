/** A scratch workspace per bench run: an isolated AUTOMARKET_HOME with a config, and an output dir. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'dist/bin/automarket.js');

export function workspace(name, config = {}) {
  const dir = mkdtempSync(path.join(process.env.BENCH_TMP ?? os.tmpdir(), `automarket-bench-${name}-`));
  const home = path.join(dir, 'home');
  const out = path.join(dir, 'out');
  mkdirSync(home, { recursive: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(home, 'config.json'), JSON.stringify(config));
  const env = { ...process.env, AUTOMARKET_HOME: home, NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  for (const key of ['FAL_KEY', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'REPLICATE_API_TOKEN', 'TOGETHER_API_KEY', 'ELEVENLABS_API_KEY']) delete env[key];
  return { dir, home, out, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
