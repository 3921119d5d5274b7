/** `automarket providers list`: id, type, capabilities, and whether each is configured (and why not). */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  const providers = program.command('providers').description('list the providers and whether they are ready to use');
  providers
    .command('list', { isDefault: true })
    .description('id, type, capabilities, configured or what is missing')
    .option('--json', 'one JSON line per provider')
    .action(
      action(runEnv, async (ctx) => {
        const { providersList } = await import('../src/commands/providers-list.js');
        await providersList(ctx);
      }),
    );
}
