/**
 * `automarket compose` through the built binary: clips joined (copied or re-encoded), an audio bed,
 * an overlay (checked pixel by pixel), captions from SRT and VTT, a JSON spec; outputs checked with
 * ffprobe.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';
import { audioStream, makeClip, makeImage, makeSolidClip, makeTone, near, probe, rawFrame, videoStream } from '../helpers/media.js';

let dir: string;

beforeAll(async () => {
  dir = tempDir('automarket-compose-');
  await makeClip(path.join(dir, 'a.mp4'), { seconds: 2, size: '320x240', tone: 440 });
  await makeClip(path.join(dir, 'b.mp4'), { seconds: 2, size: '320x240', tone: 440 });
  await makeClip(path.join(dir, 'wide.mp4'), { seconds: 1.5, size: '640x360', rate: 30 });
  await makeSolidClip(path.join(dir, 'blue.mp4'), 'blue', '320x240', 2);
  await makeSolidClip(path.join(dir, 'black.mp4'), 'black', '320x240', 3);
  await makeImage(path.join(dir, 'logo.png'), 'red', '64x64');
  await makeImage(path.join(dir, 'title.png'), 'yellow', '200x100');
  await makeTone(path.join(dir, 'bed.wav'), 0.7, 220);
  writeFileSync(path.join(dir, 'subs.srt'), '1\n00:00:01,000 --> 00:00:02,000\nWWWWWWWW\n');
  writeFileSync(path.join(dir, 'subs.vtt'), 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nWWWWWWWW\n');
});

const compose = (args: string[]) => runCli(['compose', ...args, '--json'], { cwd: dir });

describe('compose', () => {
  test('clips that match are joined without re-encoding', async () => {
    const r = await compose(['a.mp4', 'b.mp4', '-o', 'joined.mp4']);
    expect(r.exitCode).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(line).toMatchObject({ path: path.join(dir, 'joined.mp4'), kind: 'video', mediaType: 'video/mp4', method: 'copy', width: 320, height: 240 });
    const p = await probe(path.join(dir, 'joined.mp4'));
    expect(p.durationSeconds).toBeGreaterThan(3.9);
    expect(p.durationSeconds).toBeLessThan(4.2);
    expect(videoStream(p)!.codec_name).toBe('h264');
    expect(audioStream(p)!.codec_name).toBe('aac');
  });

  test('clips of other sizes and rates are re-encoded to the first clip size; silent clips get silence', async () => {
    const r = await compose(['a.mp4', 'wide.mp4', 'title.png', '-o', 'mixed.mp4']);
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ method: 'encode', width: 320, height: 240 });
    const p = await probe(path.join(dir, 'mixed.mp4'));
    // 2 s + 1.5 s + a still for 3 s
    expect(p.durationSeconds).toBeCloseTo(6.5, 1);
    expect(videoStream(p)).toMatchObject({ codec_name: 'h264', width: 320, height: 240 });
    expect(audioStream(p)).toMatchObject({ codec_name: 'aac', channels: 2 });
    expect(Number(audioStream(p)!.duration)).toBeCloseTo(6.5, 1);
    // the still is letterboxed: yellow in the middle, black bars above and below
    const still = await rawFrame(path.join(dir, 'mixed.mp4'), 5);
    expect(near(still.pixel(160, 120), [255, 255, 0], 40)).toBe(true);
    expect(near(still.pixel(160, 10), [0, 0, 0], 30)).toBe(true);
  });

  test('--size sets the output size', async () => {
    const r = await compose(['wide.mp4', 'a.mp4', '--size', '256x144', '-o', 'sized.mp4']);
    expect(r.exitCode).toBe(0);
    expect(videoStream(await probe(path.join(dir, 'sized.mp4')))).toMatchObject({ width: 256, height: 144 });
  });

  test('an audio bed is looped to fill a silent video, and trimmed to its end', async () => {
    const r = await compose(['black.mp4', '-a', 'bed.wav', '--audio-volume', '0.5', '-o', 'bed.mp4']);
    expect(r.exitCode).toBe(0);
    const p = await probe(path.join(dir, 'bed.mp4'));
    expect(p.durationSeconds).toBeCloseTo(3, 1);
    const a = audioStream(p)!;
    expect(a.codec_name).toBe('aac');
    expect(Number(a.duration)).toBeCloseTo(3, 1);
    // the looped bed is still sounding near the end (a 0.7 s tone played once would be silent there)
    const { execa } = await import('execa');
    const vol = await execa('ffmpeg', ['-v', 'info', '-ss', '2.3', '-i', path.join(dir, 'bed.mp4'), '-t', '0.4', '-af', 'volumedetect', '-f', 'null', '-']);
    const mean = Number(/mean_volume: (-?[\d.]+) dB/.exec(vol.stderr)?.[1]);
    expect(mean).toBeGreaterThan(-40);
    // with --no-loop the bed plays once and the rest is silence
    const once = await compose(['black.mp4', '-a', 'bed.wav', '--no-loop', '-o', 'bed-once.mp4']);
    expect(once.exitCode).toBe(0);
    const quiet = await execa('ffmpeg', ['-v', 'info', '-ss', '2.3', '-i', path.join(dir, 'bed-once.mp4'), '-t', '0.4', '-af', 'volumedetect', '-f', 'null', '-']);
    expect(Number(/mean_volume: (-?[\d.]+) dB/.exec(quiet.stderr)?.[1])).toBeLessThan(-60);
  });

  test('the overlay sits in its corner with its opacity (pixels of one frame)', async () => {
    const opaque = await compose(['blue.mp4', '--overlay', 'logo.png', '--overlay-corner', 'top-left', '--overlay-margin', '0', '-o', 'logo1.mp4']);
    expect(opaque.exitCode).toBe(0);
    const f1 = await rawFrame(path.join(dir, 'logo1.mp4'), 1);
    expect(near(f1.pixel(32, 32), [255, 0, 0], 40)).toBe(true);
    expect(near(f1.pixel(300, 220), [0, 0, 255], 40)).toBe(true);

    const half = await compose(['blue.mp4', '--overlay', 'logo.png', '--overlay-corner', 'bottom-right', '--overlay-opacity', '0.5', '--overlay-width', '32', '-o', 'logo2.mp4']);
    expect(half.exitCode).toBe(0);
    const f2 = await rawFrame(path.join(dir, 'logo2.mp4'), 1);
    // 32 px wide, 16 px in from the bottom-right corner: centre at (320-16-16, 240-16-16)
    expect(near(f2.pixel(288, 208), [128, 0, 128], 40)).toBe(true);
    expect(near(f2.pixel(20, 20), [0, 0, 255], 40)).toBe(true);
    expect(near(f2.pixel(250, 208), [0, 0, 255], 40)).toBe(true);
  });

  test.each(['srt', 'vtt'])('captions from %s are burned in while they are on screen', async (ext) => {
    const out = `captions-${ext}.mp4`;
    const r = await compose(['black.mp4', '--captions', `subs.${ext}`, '--font-size', '40', '-o', out]);
    expect(r.exitCode).toBe(0);
    const bright = async (at: number) => {
      const f = await rawFrame(path.join(dir, out), at);
      let n = 0;
      for (let y = f.height / 2; y < f.height; y++) for (let x = 0; x < f.width; x++) if (f.pixel(x, y)[0] > 200) n++;
      return n;
    };
    expect(await bright(1.5)).toBeGreaterThan(200);
    expect(await bright(0.5)).toBe(0);
    expect(await bright(2.5)).toBe(0);
  });

  test('a JSON spec describes the full form: trims, stills, bed, overlay, captions', async () => {
    const spec = {
      clips: [{ path: 'a.mp4', start: 0.5, end: 1.5 }, { path: 'title.png', duration: 1 }, 'blue.mp4'],
      size: '320x180',
      fps: 24,
      audio: { path: 'bed.wav', volume: 0.8, mode: 'replace' },
      overlay: { path: 'logo.png', corner: 'top-right', opacity: 0.7, width: 40 },
      captions: 'subs.srt',
      output: 'from-spec.mp4',
    };
    writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(spec));
    const r = await compose(['spec.json']);
    expect(r.exitCode).toBe(0);
    const p = await probe(path.join(dir, 'from-spec.mp4'));
    expect(p.durationSeconds).toBeCloseTo(4, 1);
    expect(videoStream(p)).toMatchObject({ width: 320, height: 180 });
    expect(audioStream(p)).toBeDefined();
  });

  test('bad input is one clear error (exit 2) and writes nothing', async () => {
    const missing = await compose(['a.mp4', 'nope.mp4', '-o', 'x.mp4']);
    expect(missing.exitCode).toBe(2);
    expect(JSON.parse(missing.stdout).error.message).toMatch(/clip not found: .*nope\.mp4/);
    const noOut = await compose(['a.mp4']);
    expect(noOut.exitCode).toBe(2);
    expect(JSON.parse(noOut.stdout).error.hint).toMatch(/-o out\.mp4/);
    const badCorner = await compose(['a.mp4', '--overlay', 'logo.png', '--overlay-corner', 'middle', '-o', 'x.mp4']);
    expect(badCorner.exitCode).toBe(2);
    writeFileSync(path.join(dir, 'bad-spec.json'), JSON.stringify({ clips: ['a.mp4'], overlay: { path: 'logo.png', opacity: 3 } }));
    const badSpec = await compose(['bad-spec.json', '-o', 'x.mp4']);
    expect(badSpec.exitCode).toBe(2);
    expect(JSON.parse(badSpec.stdout).error.message).toMatch(/overlay\.opacity must be a number from 0 to 1/);
    const exists = await compose(['a.mp4', '-o', 'joined.mp4']);
    expect(exists.exitCode).toBe(2);
    expect(JSON.parse(exists.stdout).error.hint).toMatch(/--force/);
    expect(existsSync(path.join(dir, 'x.mp4'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  test('an input ffprobe cannot read: one line naming it and its role, ffprobe\'s own words only with --verbose', async () => {
    writeFileSync(path.join(dir, 'notes.mp4'), 'meeting notes, saved under the wrong name\n');
    writeFileSync(path.join(dir, 'cut.wav'), 'RIFF');
    // PNG-named garbage probes "fine" as a 0x0 picture (and ffmpeg would spin on it for ever).
    writeFileSync(path.join(dir, 'garbage.png'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 97 + 13) & 0xff)));
    const HINT = 'check that it is complete (not cut short by a download) and really holds media; --verbose shows what ffprobe said';
    const cases: Array<[string[], string]> = [
      [['a.mp4', 'notes.mp4', '-o', 'x.mp4'], 'clip notes.mp4'],
      [['garbage.png', '-o', 'x.mp4'], 'clip garbage.png'],
      [['a.mp4', '-a', 'cut.wav', '-o', 'x.mp4'], 'audio bed cut.wav'],
      [['a.mp4', '--overlay', 'garbage.png', '-o', 'x.mp4'], 'overlay garbage.png'],
    ];
    for (const [args, input] of cases) {
      const r = await runCli(['compose', ...args], { cwd: dir });
      expect({ args, exitCode: r.exitCode, stderr: r.stderr }).toEqual({ args, exitCode: 2, stderr: `error: ${input} is not a readable video, image or audio file\n  hint: ${HINT}\n` });
    }
    const verbose = await runCli(['compose', 'a.mp4', 'notes.mp4', '-o', 'x.mp4', '--verbose'], { cwd: dir });
    expect(verbose.exitCode).toBe(2);
    expect(verbose.stderr).toContain('error: clip notes.mp4 is not a readable video, image or audio file\n');
    expect(verbose.stderr).toMatch(/^debug: ffprobe failed: .*notes\.mp4: Invalid data found when processing input$/m);
    const json = await compose(['a.mp4', 'notes.mp4', '-o', 'x.mp4']);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'INPUT', message: 'clip notes.mp4 is not a readable video, image or audio file', hint: HINT } });
    expect(existsSync(path.join(dir, 'x.mp4'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  test('--dry-run prints the plan and the ffmpeg argument array, and writes nothing', async () => {
    const r = await runCli(['compose', 'a.mp4', 'wide.mp4', '--overlay', 'logo.png', '-o', 'dry.mp4', '--dry-run'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({ dryRun: true, method: 'encode', size: '320x240', durationSeconds: 3.5 });
    expect(plan.ffmpegArgs).toContain('-filter_complex');
    expect(existsSync(path.join(dir, 'dry.mp4'))).toBe(false);
  });
});
