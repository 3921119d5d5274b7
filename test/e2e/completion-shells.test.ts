/**
 * The zsh and fish completion scripts loaded into the real shells, asked for candidates the way a
 * Tab press does: zsh through compinit in a pseudo-terminal (test/helpers/zsh-complete.zsh types the
 * line and a Tab and records what compadd kept), fish through `complete -C`. Both are run with no
 * user config (`zsh -f`, `fish --no-config`) and a private HOME. bash's function is called the way
 * bash calls it on Tab, with COMP_WORDS split as bash splits them (at ':' too).
 */
import { execa } from 'execa';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const ZSH_COMPLETE = path.join(ROOT, 'test/helpers/zsh-complete.zsh');
const COMMANDS = ['generate', 'gen', 'batch', 'config', 'keys', 'history', 'completion', 'init', 'providers', 'models'];
const PROVIDERS = ['local', 'fal', 'replicate', 'openai', 'together', 'elevenlabs', 'ffmpeg', 'ollama'];

async function has(shell: string): Promise<boolean> {
  const r = await execa(shell, ['--version'], { reject: false }).catch(() => undefined);
  const found = r?.exitCode === 0;
  // Skipped only on a developer machine without the shell; in CI (.ci/run installs it) a missing shell fails.
  if (!found && process.env.CI) throw new Error(`${shell} is required for the completion tests in CI`);
  return found;
}

async function script(shell: 'zsh' | 'fish'): Promise<string> {
  const r = await runCli(['completion', shell]);
  expect(r.exitCode).toBe(0);
  const file = path.join(tempDir(), `automarket.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

/** Candidates both shells must agree on: kinds, provider ids, provider:model ids, flags, subcommands. */
async function expectSharedCandidates(complete: (line: string) => Promise<string[]>): Promise<void> {
    expect(await complete('automarket generate ')).toEqual(['audio', 'image', 'text', 'video']);
    expect(await complete('automarket gen v')).toEqual(['video']);
    expect(await complete('automarket generate image -p ')).toEqual([...PROVIDERS].sort());
    expect(await complete('automarket generate image "a fox" --provider f')).toEqual(['fal', 'ffmpeg']);
    expect(await complete('automarket generate image -m fal:fal-ai/flux/')).toEqual(['fal:fal-ai/flux/dev', 'fal:fal-ai/flux/dev/image-to-image', 'fal:fal-ai/flux/schnell']);
    expect(await complete('automarket generate image -m local:')).toEqual(['local:draft', 'local:draft-edit', 'local:espeak']);
    expect(await complete('automarket generate image --dr')).toEqual(['--dry-run']);
    expect(await complete('automarket batch items.jsonl --')).toEqual(expect.arrayContaining(['--concurrency', '--dry-run', '--max-cost', '--json', '--kind']));
    expect(await complete('automarket keys ')).toEqual(['list', 'remove', 'set']);
    expect(await complete('automarket keys set fa')).toEqual(['fal']);
    expect(await complete('automarket --config x.json config v')).toEqual(['validate']);
    expect(await complete('automarket completion ')).toEqual(['bash', 'fish', 'zsh']);
}

const shellEnv = () => ({ HOME: tempDir('automarket-shell-home-'), PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'dumb', LANG: 'C.UTF-8' });

describe('zsh completion (compinit, real Tab in a pty)', () => {
  let available = true;
  let file = '';
  beforeAll(async () => {
    available = await has('zsh');
    if (available) file = await script('zsh');
  });

  /** The candidates for `line` (the cursor at its end); `source` is the script file or an $fpath directory. */
  async function complete(line: string, source = file, cwd = tempDir()): Promise<string[]> {
    const r = await execa('zsh', ['-f', ZSH_COMPLETE, source, line], { env: shellEnv(), extendEnv: false, timeout: 20_000, cwd });
    return r.stdout.split('\n').filter(Boolean).sort();
  }

  test('subcommands, kinds, provider ids, provider:model ids and a subcommand\'s flags', async () => {
    if (!available) return;
    expect(await complete('automarket ')).toEqual(expect.arrayContaining(COMMANDS));
    expect(await complete('automarket h')).toEqual(['history']);
    await expectSharedCandidates(complete);
    expect(await complete('automarket batch items.jsonl --c')).toEqual(['--concurrency']);
  });

  test('file arguments complete files; kinds do not', async () => {
    if (!available) return;
    const dir = tempDir();
    writeFileSync(path.join(dir, 'items.jsonl'), '');
    expect(await complete('automarket batch it', file, dir)).toEqual(['items.jsonl']);
    expect(await complete('automarket generate image -o it', file, dir)).toEqual(['items.jsonl']);
    expect(await complete('automarket generate it', file, dir)).toEqual([]);
  });

  test('saved as _automarket on $fpath, the first Tab already completes', async () => {
    if (!available) return;
    const fpath = tempDir();
    mkdirSync(fpath, { recursive: true });
    copyFileSync(file, path.join(fpath, '_automarket'));
    expect(await complete('automarket generate ', fpath)).toEqual(['audio', 'image', 'text', 'video']);
    expect(await complete('automarket generate image -p l', fpath)).toEqual(['local']);
  });
});

describe('fish completion (complete -C)', () => {
  let available = true;
  let file = '';
  beforeAll(async () => {
    available = await has('fish');
    if (available) file = await script('fish');
  });

  /** Candidate values for `line` (fish prints "value<TAB>description"). */
  async function complete(line: string, cwd = tempDir()): Promise<string[]> {
    const r = await execa('fish', ['--no-config', '-c', 'source $argv[1]; and complete -C $argv[2]', file, line], { env: shellEnv(), extendEnv: false, timeout: 20_000, cwd });
    expect(r.stderr).toBe('');
    return r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!)
      .sort();
  }

  test('subcommands, kinds, provider ids, provider:model ids and a subcommand\'s flags', async () => {
    if (!available) return;
    expect(await complete('automarket ')).toEqual(expect.arrayContaining(COMMANDS.filter((c) => c !== 'gen')));
    expect(await complete('automarket h')).toEqual(['history']);
    await expectSharedCandidates(complete);
    expect(await complete('automarket batch items.jsonl --c')).toEqual(expect.arrayContaining(['--concurrency', '--config']));
  });

  test('file arguments complete files; kinds and subcommands do not', async () => {
    if (!available) return;
    const dir = tempDir();
    writeFileSync(path.join(dir, 'items.jsonl'), '');
    expect(await complete('automarket batch it', dir)).toEqual(['items.jsonl']);
    expect(await complete('automarket generate it', dir)).toEqual([]);
  });
});

describe('bash completion (the function bash calls on Tab, given the words bash makes of the line)', () => {
  let file = '';
  beforeAll(async () => {
    const r = await runCli(['completion', 'bash']);
    expect(r.exitCode).toBe(0);
    file = path.join(tempDir(), 'automarket.bash');
    writeFileSync(file, r.stdout);
  });

  /**
   * COMP_WORDS as bash builds them: the line is split at blanks outside quotes, and at ':' (in the
   * default COMP_WORDBREAKS), which becomes a word of its own: "-m fal:fal-ai/x" is -m, fal, :, fal-ai/x.
   */
  function compWords(line: string): string[] {
    const words: string[] = [];
    let word = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      if (!quoted && (ch === ' ' || ch === ':')) {
        if (word) words.push(word);
        word = '';
        if (ch === ':') words.push(':');
        continue;
      }
      word += ch;
    }
    if (word || line.endsWith(' ')) words.push(word);
    return words;
  }

  /** What Tab would offer: each reply put where bash puts it, after the last ':' of the word. */
  async function complete(line: string, cwd = tempDir()): Promise<string[]> {
    const words = compWords(line);
    const harness = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _automarket; printf "%s\\n" "${COMPREPLY[@]}"';
    const r = await execa('bash', ['--norc', '--noprofile', '-c', harness, 'bash', file, ...words], { env: { ...shellEnv(), COMP_WORDBREAKS: ' \t\n"\'><=;|&(:' }, extendEnv: false, timeout: 20_000, cwd });
    expect(r.stderr).toBe('');
    const current = line.slice(line.lastIndexOf(' ') + 1);
    const kept = current.includes(':') ? current.slice(0, current.lastIndexOf(':') + 1) : '';
    return r.stdout
      .split('\n')
      .filter(Boolean)
      .map((reply) => kept + reply)
      .sort();
  }

  test('subcommands, kinds, provider ids, provider:model ids (split at the colon by bash) and flags', async () => {
    expect(compWords('automarket generate image -m fal:fal-ai/flux/')).toEqual(['automarket', 'generate', 'image', '-m', 'fal', ':', 'fal-ai/flux/']);
    expect(await complete('automarket ')).toEqual(expect.arrayContaining(COMMANDS));
    expect(await complete('automarket h')).toEqual(['history']);
    await expectSharedCandidates(complete);
    expect(await complete('automarket generate image -m openai:gpt-image-1.')).toEqual(['openai:gpt-image-1.5']);
    expect(await complete('automarket batch items.jsonl --c')).toEqual(['--concurrency']);
  });

  test('file arguments complete files; kinds do not', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'items.jsonl'), '');
    expect(await complete('automarket batch it', dir)).toEqual(['items.jsonl']);
    expect(await complete('automarket generate image -o it', dir)).toEqual(['items.jsonl']);
    expect(await complete('automarket generate it', dir)).toEqual([]);
  });
});
