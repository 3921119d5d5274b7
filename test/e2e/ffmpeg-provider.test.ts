/**
 * The ffmpeg provider through the built binary: inputs made with ffmpeg, outputs checked with
 * ffprobe (duration, streams, size, codecs) and, for frames, pixels.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonLines, runCli, tempDir } from '../helpers/cli.js';
import { audioStream, makeClip, makeImage, makeSolidClip, near, probe, rawFrame, videoStream } from '../helpers/media.js';

let dir: string;

beforeAll(async () => {
  dir = tempDir('automarket-ffmpeg-');
  await makeClip(path.join(dir, 'clip.mp4'), { seconds: 4, size: '320x240', tone: 440 });
  await makeClip(path.join(dir, 'silent.mp4'), { seconds: 2, size: '160x120' });
  await makeImage(path.join(dir, 'still.png'), 'green', '400x300');
  await makeSolidClip(path.join(dir, 'blue.mp4'), 'blue', '64x48', 2);
});

const gen = (args: string[]) => runCli(['generate', ...args, '-p', 'ffmpeg', '--json'], { cwd: dir });

describe('ffmpeg provider', () => {
  test('video-to-audio extracts the track as mp3 by default, or --format wav', async () => {
    const r = await gen(['audio', '-i', 'clip.mp4', '-o', 'track.mp3']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(line).toMatchObject({ path: path.join(dir, 'track.mp3'), kind: 'audio', mediaType: 'audio/mpeg', provider: 'ffmpeg', model: 'extract-audio' });
    const p = await probe(path.join(dir, 'track.mp3'));
    expect(p.streams).toHaveLength(1);
    expect(audioStream(p)!.codec_name).toBe('mp3');
    expect(p.durationSeconds).toBeGreaterThan(3.8);
    expect(p.durationSeconds).toBeLessThan(4.2);

    const w = await gen(['audio', '-i', 'clip.mp4', '--format', 'wav', '--at', '1', '--duration', '2', '-o', 'part.wav']);
    expect(w.exitCode).toBe(0);
    const pw = await probe(path.join(dir, 'part.wav'));
    expect(audioStream(pw)!.codec_name).toBe('pcm_s16le');
    expect(pw.durationSeconds).toBeCloseTo(2, 1);
  });

  test('video-to-audio on a clip with no sound is an input error (exit 2), nothing written', async () => {
    const r = await gen(['audio', '-i', 'silent.mp4', '-o', 'none.mp3']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/has no audio track/);
    expect(existsSync(path.join(dir, 'none.mp3'))).toBe(false);
  });

  test('video-to-image: one frame at --at with the right pixels; -n 3 gives three frames; --size resizes', async () => {
    const r = await gen(['image', '-i', 'blue.mp4', '--at', '1', '-o', 'frame.png']);
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ mediaType: 'image/png', width: 64, height: 48 });
    const frame = await rawFrame(path.join(dir, 'frame.png'), 0);
    expect(near(frame.pixel(32, 24), [0, 0, 255], 30)).toBe(true);

    const many = await gen(['image', '-i', 'clip.mp4', '-n', '3', '--size', '160x90', '--format', 'jpeg', '-o', 'frames/']);
    expect(many.exitCode).toBe(0);
    const lines = jsonLines(many.stdout);
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(l.mediaType).toBe('image/jpeg');
      const v = videoStream(await probe(String(l.path)))!;
      expect([v.codec_name, v.width, v.height]).toEqual(['mjpeg', 160, 90]);
    }
    // testsrc draws a moving counter: the three frames differ.
    const bytes = lines.map((l) => readFileSync(String(l.path)).toString('base64'));
    expect(new Set(bytes).size).toBe(3);
  });

  test('--at past the end is an input error naming the length', async () => {
    const r = await gen(['image', '-i', 'clip.mp4', '--at', '9', '-o', 'late.png']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/past the end of clip\.mp4 \(4\.00 s long\)/);
  });

  test('image-to-video animates a still for --duration at --size (Ken Burns), as h264 mp4', async () => {
    const r = await gen(['video', '-i', 'still.png', 'slow pan left', '--duration', '2', '--size', '320x180', '-o', 'kb.mp4']);
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ kind: 'video', mediaType: 'video/mp4', model: 'ken-burns', width: 320, height: 180 });
    const p = await probe(path.join(dir, 'kb.mp4'));
    const v = videoStream(p)!;
    expect([v.codec_name, v.width, v.height]).toEqual(['h264', 320, 180]);
    expect(p.durationSeconds).toBeCloseTo(2, 1);
    expect(audioStream(p)).toBeUndefined();
    const frame = await rawFrame(path.join(dir, 'kb.mp4'), 1);
    expect(near(frame.pixel(160, 90), [0, 128, 0], 30)).toBe(true);
  });

  test('image-to-video: a bad direction is a usage error', async () => {
    const r = await gen(['video', '-i', 'still.png', 'x', '-P', 'direction=sideways', '-o', 'bad.mp4']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout).error.hint).toMatch(/direction=in\|out\|left\|right\|up\|down/);
  });

  test('video-to-video converts to webm (vp9 + opus) at --size; audio-to-audio to ogg', async () => {
    const r = await gen(['video', '-i', 'clip.mp4', '--format', 'webm', '--size', '160x120', '-o', 'small.webm']);
    expect(r.exitCode).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ mediaType: 'video/webm', model: 'convert' });
    const p = await probe(path.join(dir, 'small.webm'));
    expect(videoStream(p)).toMatchObject({ codec_name: 'vp9', width: 160, height: 120 });
    expect(audioStream(p)!.codec_name).toBe('opus');
    expect(p.durationSeconds).toBeCloseTo(4, 0);

    const a = await gen(['audio', '-i', 'track.mp3', '--format', 'ogg', '-o', 'track.ogg']);
    expect(a.exitCode).toBe(0);
    expect(jsonLines(a.stdout)[0]).toMatchObject({ mediaType: 'audio/ogg', model: 'convert' });
    expect(audioStream(await probe(path.join(dir, 'track.ogg')))!.codec_name).toBe('vorbis');
  });

  test('a format of the wrong kind is a usage error listing the right ones', async () => {
    const r = await gen(['audio', '-i', 'track.mp3', '--format', 'png', '-o', 'x.png']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout).error.hint).toMatch(/mp3, wav, ogg, opus, flac, m4a, aac/);
  });

  test('generate text -p ffmpeg prints the metadata as JSON', async () => {
    const r = await runCli(['generate', 'text', '-i', 'clip.mp4', '-p', 'ffmpeg'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const meta = JSON.parse(r.stdout);
    expect(meta).toMatchObject({ file: 'clip.mp4', isImage: false, video: { codec: 'h264', width: 320, height: 240, fps: 25 }, audio: { codec: 'aac', sampleRate: 44100, channels: 1 } });
    expect(meta.durationSeconds).toBeCloseTo(4, 1);
    expect(meta.ffprobe.streams).toHaveLength(2);
    const img = JSON.parse((await runCli(['generate', 'text', '-i', 'still.png', '-p', 'ffmpeg'], { cwd: dir })).stdout);
    expect(img).toMatchObject({ isImage: true, video: { codec: 'png', width: 400, height: 300 } });
  });

  test('a missing ffmpeg names the install commands and the config keys (exit 1)', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, '.automarketrc.json'), JSON.stringify({ providers: { ffmpeg: { path: '/nonexistent/bin/ffmpeg' } } }));
    const r = await runCli(['generate', 'audio', '-i', path.join(dir, 'clip.mp4'), '-p', 'ffmpeg', '-o', 'a.mp3'], { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/ffprobe was not found \(\/nonexistent\/bin\/ffprobe does not exist\)/);
    expect(r.stderr).toMatch(/apt-get install ffmpeg/);
    expect(r.stderr).toMatch(/brew install ffmpeg/);
    expect(r.stderr).toMatch(/providers\.ffmpeg\.path/);
    const onPath = await runCli(['generate', 'text', '-i', path.join(dir, 'clip.mp4'), '-p', 'ffmpeg'], { cwd: tempDir(), env: { PATH: tempDir() } });
    expect(onPath.exitCode).toBe(1);
    expect(onPath.stderr).toMatch(/ffprobe is not on PATH/);
    expect(readdirSync(cwd)).toEqual(['.automarketrc.json']);
  });
});
