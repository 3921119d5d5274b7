/** `automarket models list [provider]`, `models discover [provider]` and `models pull provider:model` (design.md section 4). */
import type { Command } from 'commander';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { ModelsListFlags } from '../src/models/list.js';
import type { DiscoverFlags } from '../src/models/discover.js';
import type { PullFlags } from '../src/models/pull.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  const models = program.command('models').description('what each provider offers: the offline catalogue, or the live list');
  models
    .command('list', { isDefault: true })
    .description('offline catalogue (with prices) plus cached discoveries; no network')
    .argument('[provider]', 'only this provider')
    .option('--kind <kind>', 'only models that make this kind: image | video | audio | text')
    .option('--json', 'one JSON line per model')
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
    .option('--json', 'one JSON line per model')
    .action(
      action(runEnv, async (ctx, flags: DiscoverFlags, provider: string | undefined) => {
        const { modelsDiscover } = await import('../src/models/discover.js');
        await modelsDiscover(ctx, provider, flags);
      }),
    );
  models
    .command('pull')
    .description('fetch a model onto a local server, with progress (ollama)')
    .argument('<provider:model>', 'for example ollama:llama3.2')
    .option('--json', 'one JSON line when done')
    .action(
      action(runEnv, async (ctx, flags: PullFlags, ref: string) => {
        const { modelsPull } = await import('../src/models/pull.js');
        await modelsPull(ctx, ref, flags);
      }),
    );
}
