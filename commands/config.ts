/** `automarket config show | path | validate [file]`. */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  const config = program.command('config').description('see and check the config in effect');
  config
    .command('show', { isDefault: true })
    .description('the merged config, where each top-level key comes from, keys masked')
    .option('--json', 'one JSON object: files, sources, config')
    .action(
      action(runEnv, async (ctx) => {
        const { configShow } = await import('../src/commands/config.js');
        await configShow(ctx);
      }),
    );
  config
    .command('path')
    .description('the config files in effect, one per line (user config first)')
    .option('--json', 'as JSON')
    .action(
      action(runEnv, async (ctx) => {
        const { configPath } = await import('../src/commands/config.js');
        await configPath(ctx);
      }),
    );
  config
    .command('validate')
    .description('check a config file (or the ones in effect) against the schema; exit 2 naming the file and key')
    .argument('[file]', 'config file to check')
    .option('--json', 'one JSON line per valid file')
    .action(
      action(runEnv, async (ctx, _o, file: string | undefined) => {
        const { configValidate } = await import('../src/commands/config.js');
        await configValidate(ctx, file);
      }),
    );
}
