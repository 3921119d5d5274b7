/** `automarket models list [provider]` and `models discover [provider]` (design.md section 4). */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { ModelsListFlags } from '../src/models/list.js';
import type { DiscoverFlags } from '../src/models/discover.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  const models = program.command('models').description('what each provider offers: the offline catalogue, or the live list');
  models
    .command('list', { isDefault: true })
    .description('offline catalogue (with prices) plus cached discoveries; no network')
    .argument('[provider]', 'only this provider')
    .option('--kind <kind>', 'only models that make this kind: image | video | audio | text')
    .option('--json', 'one JSON object per model')
    .action(
      action(runEnv, async (ctx, flags: ModelsListFlags, provider: string | undefined) => {
        const { modelsList } = await import('../src/models/list.js');
        await modelsList(ctx, provider, flags);
      }),
    );
  models
    .command('discover')
    .description("ask providers for their live model lists (cached; --refresh asks again)")
    .argument('[provider]', 'only this provider (default: every configured provider that can list models)')
    .option('--kind <kind>', 'only models that make this kind: image | video | audio | text')
    .option('--refresh', 'ignore the cache and ask the provider')
    .option('--json', 'one JSON object per model')
    .action(
      action(runEnv, async (ctx, flags: DiscoverFlags, provider: string | undefined) => {
        const { modelsDiscover } = await import('../src/models/discover.js');
        await modelsDiscover(ctx, provider, flags);
      }),
    );
}
