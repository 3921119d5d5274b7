/** `automarket keys set <provider> | list | remove <provider>`. */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  const keys = program.command('keys').description('store provider API keys (mode 0600) and see which key is in effect');
  keys
    .command('set')
    .description('store a key: asked with a hidden prompt on a terminal, else read from stdin')
    .argument('<provider>', 'provider id')
    .action(
      action(runEnv, async (ctx, _o, provider: string) => {
        const { keysSet } = await import('../src/commands/keys.js');
        await keysSet(ctx, provider);
      }),
    );
  keys
    .command('list', { isDefault: true })
    .description('each provider key: where it comes from (config, environment, stored), masked')
    .option('--json', 'one JSON object per provider')
    .action(
      action(runEnv, async (ctx) => {
        const { keysList } = await import('../src/commands/keys.js');
        await keysList(ctx);
      }),
    );
  keys
    .command('remove')
    .description('delete a stored key')
    .argument('<provider>', 'provider id')
    .action(
      action(runEnv, async (ctx, _o, provider: string) => {
        const { keysRemove } = await import('../src/commands/keys.js');
        await keysRemove(ctx, provider);
      }),
    );
}
