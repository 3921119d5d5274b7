/**
 * A file name with spaces, quotes, `;`, `$(...)`, backticks, brackets, commas and `%d` goes through
 * every ffmpeg command unharmed: arguments are arrays (no shell), names embedded in ffmpeg's own
 * syntax are escaped or aliased. Also a temp dir whose path is hostile to the filter-graph parser.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileSync, copyFileSync } from 'node:fs';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';
import { audioStream, makeClip, makeImage, makeTone, probe, videoStream } from '../helpers/media.js';

const NAME = `it's "a [clip], 50%d"; $(touch PWNED) & \`touch PWNED2\``;
let dir: string;
const file = (suffix: string) => `${NAME}${suffix}`;

beforeAll(async () => {
  dir = tempDir('automarket-names-');
  await makeClip(path.join(dir, file('.mp4')), { seconds: 2, size: '160x120', tone: 330 });
  await makeImage(path.join(dir, file('.png')), 'red', '32x32');
  await makeTone(path.join(dir, file('.wav')), 1);
  writeFileSync(path.join(dir, file('.srt')), `1\n00:00:00,200 --> 00:00:01,500\n${NAME}\n`);
});

afterEach(() => {
  expect(existsSync(path.join(dir, 'PWNED'))).toBe(false);
  expect(existsSync(path.join(dir, 'PWNED2'))).toBe(false);
  expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
});

const run = (args: string[], env?: Record<string, string>) => runCli([...args, '--json'], { cwd: dir, env });

describe('hostile file names', () => {
  test.each([
    ['video-to-audio', ['generate', 'audio', '-i', file('.mp4'), '-p', 'ffmpeg', '-o', file(' audio.mp3')], 'audio'],
    ['video-to-image', ['generate', 'image', '-i', file('.mp4'), '-p', 'ffmpeg', '--at', '1', '-o', file(' frame.png')], 'video'],
    ['image-to-video', ['generate', 'video', '-i', file('.png'), '-p', 'ffmpeg', 'zoom', '--duration', '1', '-o', file(' kb.mp4')], 'video'],
    ['video-to-video', ['generate', 'video', '-i', file('.mp4'), '-p', 'ffmpeg', '--format', 'mkv', '-o', file(' conv.mkv')], 'video'],
    ['audio-to-audio', ['generate', 'audio', '-i', file('.wav'), '-p', 'ffmpeg', '--format', 'flac', '-o', file(' conv.flac')], 'audio'],
  ])('%s', async (_name, args, streamKind) => {
    const r = await run(args as string[]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const [line] = jsonLines(r.stdout);
    const out = path.join(dir, (args as string[])[(args as string[]).indexOf('-o') + 1]!);
    expect(line!.path).toBe(out);
    const p = await probe(out);
    expect(streamKind === 'audio' ? audioStream(p) : videoStream(p)).toBeDefined();
  });

  test('probe', async () => {
    const r = await runCli(['generate', 'text', '-i', file('.mp4'), '-p', 'ffmpeg'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).file).toBe(file('.mp4'));
  });

  test('an unreadable input is named as the user wrote it, not by its temp alias', async () => {
    writeFileSync(path.join(dir, file(' broken.mp4')), 'not a video');
    const r = await runCli(['compose', file('.mp4'), file(' broken.mp4'), '-o', file(' never.mp4')], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`error: clip ${file(' broken.mp4')} is not a readable video, image or audio file`);
    expect(existsSync(path.join(dir, file(' never.mp4')))).toBe(false);
  });

  test('compose with every input and the output named so (re-encode and stream copy)', async () => {
    const r = await run(['compose', file('.mp4'), file('.png'), '-a', file('.wav'), '--overlay', file('.png'), '--captions', file('.srt'), '-o', file(' composed.mp4')]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const p = await probe(path.join(dir, file(' composed.mp4')));
    expect(p.durationSeconds).toBeCloseTo(5, 1);
    const copy = await run(['compose', file('.mp4'), file('.mp4'), '-o', file(' copy.mp4')]);
    expect(copy.exitCode).toBe(0);
    expect(jsonLines(copy.stdout)[0]).toMatchObject({ method: 'copy' });
  });

  test('captions staged in a temp dir whose path is full of filter-graph syntax', async () => {
    const tmp = path.join(tempDir(), `tmp it's a:b,c[d];e\\f'g`);
    mkdirSync(tmp);
    copyFileSync(path.join(dir, file('.srt')), path.join(dir, 'plain.srt'));
    const r = await run(['compose', file('.mp4'), '--captions', 'plain.srt', '-o', file(' tmpdir.mp4')], { TMPDIR: tmp });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
