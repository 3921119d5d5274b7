/**
 * `npm run bench`: every figure of issue 9 in one run, side by side on the same local servers.
 * Prints a Markdown table and writes it to bench/results.md.
 *   --quick            fewer runs and smaller files (a smoke run, not the figures of record)
 *   --only a,b         sections: startup, overhead, batch, download
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownTable } from './lib/table.mjs';
import { ROOT } from './sections/workspace.mjs';
import { startup } from './sections/startup.mjs';
import { overhead } from './sections/overhead.mjs';
import { batch } from './sections/batch.mjs';
import { download } from './sections/download.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') ? new Set(onlyArg.split(',')) : undefined;

const settings = quick
  ? { runs: 5, requests: 30, items: 200, memoryItems: 1000, sizesMiB: [64, 256] }
  : { runs: 21, requests: 200, items: 1000, memoryItems: 10000, sizesMiB: [512, 2048] };

const sections = { startup, overhead, batch, download };
const rows = [];
for (const [name, fn] of Object.entries(sections)) {
  if (only && !only.has(name)) continue;
  process.stderr.write(`bench: ${name}...\n`);
  try {
    rows.push(...(await fn(settings)));
  } catch (err) {
    rows.push({ measure: `${name}: failed`, value: String(err.message).split('\n')[0] });
  }
}

const table = markdownTable(rows);
const header = `# automarket benchmarks\n\n${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB${quick ? ' · --quick' : ''}\n\n`;
process.stdout.write(`${table}\n`);
if (!quick && !only) writeFileSync(path.join(ROOT, 'bench', 'results.md'), `${header}${table}\n`);
