/** `automarket plugins list`: installed plugins, what they add, and why any failed to load. */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  const plugins = program.command('plugins').description('list the plugins in your config and whether they load');
  plugins
    .command('list', { isDefault: true })
    .description('name, version, providers and services each adds, load errors (imports each plugin to check it)')
    .option('--json', 'one JSON object per plugin')
    .action(
      action(runEnv, async (ctx) => {
        const { pluginsList } = await import('../src/commands/plugins-list.js');
        await pluginsList(ctx);
      }),
    );
}
