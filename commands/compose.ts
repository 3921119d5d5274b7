/** `automarket compose [clips... | spec.json] -o out.mp4`: clips, audio bed, overlay, captions (ffmpeg). */
import type { Command } from 'commander';
import { Option } from '../src/vendor/commander.js';
import { action, type RunEnvironment } from '../src/command-runner.js';
import type { ComposeFlags } from '../src/compose/spec.js';

export function register(program: Command, runEnv: RunEnvironment): void {
  program
    .command('compose')
    .description('build one video from clips (videos or stills), an audio bed, an image overlay and captions, with ffmpeg')
    .argument('[inputs...]', 'clips in order, and/or one .json spec file for the full form')
    .option('-o, --output <path>', 'the video to write (.mp4, .mov, .mkv, .webm)')
    .option('-a, --audio <path>', 'audio laid under the video, looped or trimmed to fit')
    .option('--audio-volume <n>', 'gain on the audio bed (1 = as is, 0.3 = quieter)')
    .option('--replace-audio', "drop the clips' own sound instead of mixing the bed under it")
    .addOption(new Option('--no-loop', 'pad a short audio bed with silence instead of looping it'))
    .option('--overlay <image>', 'image drawn over the video (a logo)')
    .option('--overlay-corner <corner>', 'top-left | top-right | bottom-left | bottom-right (default top-right)')
    .option('--overlay-opacity <0-1>', 'overlay opacity (default 1)')
    .option('--overlay-width <px>', 'scale the overlay to this width')
    .option('--overlay-margin <px>', 'distance from the edges (default 16)')
    .option('--captions <file>', 'burn in captions from an .srt or .vtt file')
    .option('--font-size <n>', 'caption font size')
    .option('--size <WxH>', "output size (default: the first clip's); other clips are fitted and letterboxed")
    .option('--fps <n>', "output frame rate (default: the first clip's)")
    .option('--json', 'one JSON line for the written file')
    .option('--dry-run', 'print the plan and the ffmpeg arguments; write nothing')
    .option('--force', 'overwrite the output file')
    .option('-q, --quiet', 'no spinner or notes on stderr')
    .action(
      action(runEnv, async (ctx, flags: ComposeFlags, inputs: string[]) => {
        const { composeCommand } = await import('../src/compose/run-compose.js');
        await composeCommand(ctx, inputs ?? [], flags);
      }),
    );
}
