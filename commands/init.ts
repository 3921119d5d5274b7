/** `automarket init`: write automarket.config.json (asks on a terminal; --yes takes the defaults). */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { InitFlags } from '../src/init/run-init.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  program
    .command('init')
    .description('write automarket.config.json: providers (keys as ${ENV} references), defaults, output dir')
    .option('-y, --yes', 'no questions: every built-in remote provider, defaults for those with a key')
    .option('--force', 'replace an existing config file')
    .option('-o, --output <file>', `file to write (default: ./automarket.config.json)`)
    .action(
      action(runEnv, async (ctx, flags: InitFlags) => {
        const { initCommand } = await import('../src/init/run-init.js');
        await initCommand(ctx, flags);
      }),
    );
}
