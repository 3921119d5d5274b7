/** `automarket batch <file.jsonl|file.csv|->`: many generate jobs from a file, resumable. */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { BatchFlags } from '../src/batch/run-batch.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  program
    .command('batch')
    .description('run one generate job per line of a JSONL or CSV file (or stdin); a rerun skips what is written and resumes what was submitted')
    .argument('<file>', 'file.jsonl, file.csv, or "-" for stdin; fields: id, kind, prompt, provider, model, params, output, inputs, count, size, aspect, seed, duration, voice, format')
    .option('-c, --concurrency <n>', 'items at once (default: config batch.concurrency, else 4); providers.<id>.concurrency caps each provider')
    .option('-o, --output <dir>', 'directory for items without their own output')
    .option('--kind <kind>', 'kind for lines without one')
    .option('-p, --provider <id>', 'provider for lines without one')
    .option('-m, --model <id>', 'model for lines without one')
    .option('--dry-run', 'check every line and print the cost estimate; run nothing')
    .option('--max-cost <usd>', 'refuse (exit 2) when the estimated cost is over this many USD')
    .option('-y, --yes', 'do not ask before starting (a terminal asks; scripts never do)')
    .option('--json', 'one JSON line per written asset, with the item id')
    .option('-q, --quiet', 'no progress or summary on stderr')
    .action(
      action(runEnv, async (ctx, flags: BatchFlags, file: string) => {
        const { batchCommand } = await import('../src/batch/run-batch.js');
        await batchCommand(ctx, file, flags);
      }),
    );
}
