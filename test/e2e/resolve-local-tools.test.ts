/**
 * With no key and no config, a request only a local tool can serve goes to that tool (ffmpeg), and
 * the keyless main job still goes to `local`: the built binary, real media made with ffmpeg.
 */
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';
import { audioStream, makeClip, makeImage, probe } from '../helpers/media.js';

let dir: string;

beforeAll(async () => {
  dir = tempDir('automarket-resolve-local-');
  await makeClip(path.join(dir, 'clip.mp4'), { seconds: 2, size: '160x120', tone: 440 });
  await makeImage(path.join(dir, 'still.png'), 'green', '160x120');
});

describe('no provider named, nothing configured', () => {
  test('generate audio -i clip.mp4 extracts the sound with ffmpeg', async () => {
    const r = await runCli(['generate', 'audio', '-i', 'clip.mp4', '-o', 'voice.mp3', '--json'], { cwd: dir });
    expect({ exit: r.exitCode, stderr: r.stderr }).toEqual({ exit: 0, stderr: '' });
    expect(jsonLines(r.stdout)[0]).toMatchObject({ provider: 'ffmpeg', kind: 'audio', path: path.join(dir, 'voice.mp3') });
    expect(audioStream(await probe(path.join(dir, 'voice.mp3')))!.codec_name).toBe('mp3');
  });

  test.each([
    ['image', 'clip.mp4', []],
    ['audio', 'voice.mp3', ['--format', 'wav']],
    ['video', 'clip.mp4', ['--format', 'webm']],
    ['video', 'still.png', ['slow pan left']],
  ])('generate %s -i %s resolves to ffmpeg', async (kind, input, rest) => {
    const r = await runCli(['generate', kind, '-i', input, ...(rest as string[]), '--dry-run', '--json'], { cwd: dir });
    expect({ exit: r.exitCode, stderr: r.stderr }).toEqual({ exit: 0, stderr: '' });
    expect(jsonLines(r.stdout)[0]).toMatchObject({ provider: 'ffmpeg' });
  });

  test('generate image "x" still falls back to local', async () => {
    const r = await runCli(['generate', 'image', 'a lighthouse', '--dry-run', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ provider: 'local' });
  });
});
