/**
 * Examples shown at the end of a command's --help. Kept in one table, not in each command file, so
 * they read as a set (same voice, same style) and a command file stays only its flags.
 */
import type { Command } from 'commander';

export const HELP_EXAMPLES: Record<string, string[]> = {
  generate: [
    'automarket generate image "a lighthouse at dusk"',
    'automarket generate image "a fox" -p fal -n 4 -o shots/ --json',
    'automarket generate audio "hello" -p openai -o hello.mp3',
    'automarket generate text -i talk.wav -p openai --format srt -o talk.srt',
    'automarket generate video -i still.png "slow pan" -p fal',
  ],
  batch: [
    'automarket batch items.jsonl --dry-run           # check every line, print the estimate',
    'automarket batch items.csv -o out/ --concurrency 8',
    'cat items.jsonl | automarket batch - --yes --json',
  ],
  compose: [
    'automarket compose intro.mp4 scene.mp4 title.png -a music.mp3 --audio-volume 0.3 -o final.mp4',
    'automarket compose clip.mp4 --overlay logo.png --captions voice.srt -o final.mp4',
    'automarket compose edit.json --dry-run',
  ],
  models: ['automarket models list fal --kind image', 'automarket models discover replicate --refresh --json', 'automarket models pull ollama:llama3.2'],
  service: ['automarket service start kokoro', 'automarket service status kokoro --json', 'automarket service logs kokoro --tail 50 -f', 'automarket service stop kokoro'],
  jobs: ['automarket jobs list', 'automarket jobs resume --all', 'automarket jobs cancel <id>'],
  history: ['automarket history -n 10', "automarket history --json | jq -r '.paths[]'"],
  gallery: ['automarket gallery --open', 'automarket gallery --port 0 --dir automarket-output'],
  config: ['automarket config show', 'automarket config validate automarket.config.json'],
  init: ['automarket init', 'automarket init --yes -o automarket.config.json'],
  keys: ['automarket keys set fal                  # asks for the key, hidden', 'printf %s "$KEY" | automarket keys set fal', 'automarket keys list'],
  completion: ['eval "$(automarket completion bash)"     # in ~/.bashrc', 'automarket completion fish > ~/.config/fish/completions/automarket.fish'],
};

export function addHelpExamples(program: Command): void {
  for (const cmd of program.commands) {
    const examples = HELP_EXAMPLES[cmd.name()];
    if (examples) cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  }
}
