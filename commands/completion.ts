/** `automarket completion bash|zsh|fish`: prints a completion script for the shell. */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import { UsageError } from '../src/errors.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, kinds, provider and model ids)')
    .argument('<shell>', 'bash | zsh | fish')
    .action(
      action(runEnv, async (ctx, _o, shell: string) => {
        const scripts = await import('../src/completion/scripts.js');
        const { completionSpec } = await import('../src/completion/spec.js');
        const make = { bash: scripts.bashScript, zsh: scripts.zshScript, fish: scripts.fishScript }[shell];
        if (!make) throw new UsageError(`Unknown shell "${shell}"`, { hint: 'use bash, zsh or fish' });
        ctx.out(make(await completionSpec(ctx, program)));
      }),
    );
}
