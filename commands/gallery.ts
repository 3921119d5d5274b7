/** `automarket gallery [--port n] [--open] [--dir d]`: a local web page of everything generated. */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { GalleryFlags } from '../src/commands/gallery.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command, runEnv: RunEnvironment): void {
  program
    .command('gallery')
    .description('browse everything generated in a local web page (127.0.0.1 only)')
    .option('--port <n>', 'port on 127.0.0.1 (default 7788; 0 picks a free one)')
    .option('--open', 'open it in the default browser')
    .option('--dir <dir>', 'show the files of this output directory instead of the journal, repeatable', collect)
    .option('--json', 'one JSON line: {"url","assets","roots"}')
    .action(
      action(runEnv, async (ctx, flags: GalleryFlags) => {
        const { galleryCommand } = await import('../src/commands/gallery.js');
        await galleryCommand(ctx, flags);
      }),
    );
}
