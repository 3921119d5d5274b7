/** `automarket generate <kind> [prompt]` (design.md section 4). */
import type { Command } from 'commander';
import { Option } from '../src/vendor/commander.js';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { GenerateFlags } from '../src/generate/run-generate.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command, runEnv: RunEnvironment): void {
  program
    .command('generate')
    .alias('gen')
    .description('make an image, video, audio or text file from a prompt and/or inputs')
    .argument('<kind>', 'image | video | audio | text')
    .argument('[prompt]', 'text prompt; "-" or omitted with piped stdin reads stdin')
    .option('-p, --provider <id>', 'provider (default: config defaults.<kind>, else the first configured, else local)')
    .option('-m, --model <id>', 'model id, or provider:model')
    .option('-i, --input <path|url>', 'input file or URL, repeatable ("-" reads stdin)', collect)
    .option('-o, --output <path>', 'file, directory (existing or ending in /), or "-" for raw bytes on stdout')
    .option('-n, --count <n>', 'number of outputs')
    .option('--size <WxH>', 'output size, e.g. 1024x768')
    .option('--aspect <W:H>', 'aspect ratio, e.g. 16:9')
    .option('--seed <n>', 'random seed')
    .option('--duration <s>', 'duration in seconds (video, audio)')
    .option('--voice <id>', 'voice (speech)')
    .option('--format <ext>', 'output format: png, jpeg, webp, mp3, wav, srt, ...')
    .option('--at <s>', 'frame time in seconds (video-to-image)')
    .option('-P, --param <key=value>', 'provider-specific input, repeatable; JSON values parsed', collect)
    .option('--json', 'one JSON line per written asset on stdout')
    .option('--dry-run', 'print the resolved provider, model, request and cost estimate; no network, no file')
    .option('--max-cost <usd>', 'refuse (exit 2) when the estimated cost is over this many USD')
    .option('--timeout <s>', 'seconds to wait before giving up (the job stays resumable)')
    .option('--force', 'overwrite existing files')
    .option('-q, --quiet', 'no spinner or notes on stderr')
    .addOption(new Option('--preview', 'show an inline thumbnail on terminals that can'))
    .action(
      action(runEnv, async (ctx, flags: GenerateFlags, kind: string, prompt: string | undefined) => {
        const { generateCommand } = await import('../src/generate/run-generate.js');
        await generateCommand(ctx, kind, prompt, flags);
      }),
    );
}
