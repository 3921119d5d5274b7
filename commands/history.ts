/** `automarket history [--json]`: generated files from the job journal. */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { HistoryFlags } from '../src/commands/history.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  program
    .command('history')
    .description('what was generated: when, provider, model, where it was written, cost (from the job journal)')
    .option('-n, --limit <n>', 'the last n entries (default 50)')
    .option('--all', 'every entry, also failed and unfinished jobs')
    .option('--json', 'one JSON line per entry')
    .action(
      action(runEnv, async (ctx, flags: HistoryFlags) => {
        const { historyCommand } = await import('../src/commands/history.js');
        await historyCommand(ctx, flags);
      }),
    );
}
