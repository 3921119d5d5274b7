/**
 * `generate --preview` on a real pseudo-terminal (util-linux `script` gives the binary a TTY and
 * records every byte it writes), for each protocol; and nothing at all when stdout is a pipe.
 */
import { execa } from 'execa';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { BIN, cliEnv, runCli, tempDir } from '../helpers/cli.js';
import { makeThumbnail } from '../../src/preview/thumbnail.js';
import { createExec } from '../../src/exec.js';

const PNG_BASE64_START = 'iVBORw0KGgo'; // base64 of the PNG signature

/** Runs the CLI under a pseudo-terminal and returns everything it printed there. */
async function onTerminal(args: string[], env: Record<string, string>): Promise<{ exitCode: number; output: string }> {
  const command = ['node', BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = await execa('script', ['-q', '-e', '-c', command, '/dev/null'], { env: cliEnv(env), reject: false, stdin: 'ignore' });
  return { exitCode: result.exitCode ?? -1, output: result.stdout };
}

describe('generate --preview', () => {
  const dir = tempDir();

  it.each([
    ['kitty', { TERM: 'xterm-kitty' }, (out: string) => expect(out).toMatch(new RegExp(`\\x1b_Ga=T,f=100,q=2,m=[01];${PNG_BASE64_START}`))],
    ['iterm', { TERM: 'xterm-256color', TERM_PROGRAM: 'iTerm.app' }, (out: string) => expect(out).toMatch(new RegExp(`\\x1b\\]1337;File=name=[^;]+;size=\\d+;inline=1;preserveAspectRatio=1:${PNG_BASE64_START}`))],
    ['sixel', { TERM: 'foot' }, (out: string) => expect(out).toMatch(/\x1bP0;1;0q"1;1;256;256#\d+;2;/)],
  ])('draws the image inline with %s', async (name, env, check) => {
    const file = path.join(dir, `${name}.png`);
    const { exitCode, output } = await onTerminal(['generate', 'image', 'a lighthouse at dusk', '-p', 'local', '-o', file, '--preview'], { ...env, NO_COLOR: '1' });
    expect(exitCode).toBe(0);
    expect(output).toContain(file);
    check(output);
  });

  it('says nothing on a terminal it does not recognise', async () => {
    const file = path.join(dir, 'plain.png');
    const { exitCode, output } = await onTerminal(['generate', 'image', 'a fox', '-p', 'local', '-o', file, '--preview'], { TERM: 'xterm-256color', NO_COLOR: '1' });
    expect(exitCode).toBe(0);
    expect(output).not.toMatch(/\x1b_G|\x1b\]1337|\x1bP/);
  });

  it('is absent when stdout is not a TTY', async () => {
    const file = path.join(dir, 'piped.png');
    const result = await runCli(['generate', 'image', 'a fox', '-p', 'local', '-o', file, '--preview'], { env: { TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${file}\n`);
    expect(existsSync(file)).toBe(true);
  });

  it('takes a video’s first frame as the thumbnail', async () => {
    const video = path.join(dir, 'clip.mp4');
    await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=10:duration=1', '-pix_fmt', 'yuv420p', video]);
    const controller = new AbortController();
    const thumbnail = await makeThumbnail(video, 'video/mp4', { exec: createExec(controller.signal, { ...process.env }), tempDir: () => dir });
    expect(thumbnail).toBeDefined();
    expect(thumbnail!.rgb.width).toBe(256);
    expect(thumbnail!.rgb.height).toBe(144);
    expect(thumbnail!.png.subarray(1, 4).toString()).toBe('PNG');
  });
});
