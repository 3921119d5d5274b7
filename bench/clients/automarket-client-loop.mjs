/**
 * N sequential generations through automarket's client API (createClient: config, registry and
 * journal set up once, as the SDK scripts set up their client once), after a warm-up.
 * Usage: node automarket-client-loop.mjs <n> <outDir> <json GenerateOptions> ({i} in "output" is the index)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeLoop } from '../lib/loop.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { createClient } = await import(path.join(root, 'dist/src/index.js'));
const [n, outDir, json] = process.argv.slice(2);
const template = JSON.parse(json);
const client = createClient({ cwd: outDir, env: process.env });

async function once(i) {
  await client.generate({ ...template, output: template.output.replaceAll('{i}', String(i)).replaceAll('{out}', outDir) });
}

await timeLoop(Number(n), once);
client.close();
