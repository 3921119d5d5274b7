/** Units of the ffmpeg plumbing: progress parsing (and a real encode's percents), escaping, spec checks, frame times. */
import path from 'node:path';
import { createExec } from '../../src/exec.js';
import { progressTracker, runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { concatListLine, escapeForGraph, filterArg, quoteFilterValue } from '../../src/media/escape.js';
import { parseSpec } from '../../src/compose/spec.js';
import { overlayPosition } from '../../src/compose/graph.js';
import { frameTimes } from '../../providers/ffmpeg/frames.js';
import { directionInPrompt } from '../../providers/ffmpeg/ken-burns.js';
import type { MediaTools } from '../../src/media/tools.js';
import { InputError } from '../../src/errors.js';

describe('progress', () => {
  test('out_time_us lines become whole, changing percents', () => {
    const seen: number[] = [];
    const track = progressTracker(10, (p) => seen.push(p));
    for (const line of ['frame=1', 'out_time_us=1000000', 'out_time_us=1050000', 'out_time_ms=5500000', 'out_time_us=N/A', 'out_time_us=20000000']) track(line);
    expect(seen).toEqual([10, 55, 99]);
  });

  test('a real encode reports rising percents and ends at 100', async () => {
    const exec = createExec(new AbortController().signal, process.env);
    const tools: MediaTools = {
      ffmpeg: 'ffmpeg',
      ffprobe: 'ffprobe',
      run: async (file, args, options) => {
        const r = await exec(file, args, { onStdoutLine: options?.onStdoutLine });
        if (r.exitCode !== 0) throw new Error(r.stderr);
        return r;
      },
    };
    const seen: number[] = [];
    await runFfmpeg(tools, ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=25:duration=3', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'null', '-'], { durationSeconds: 3, onPercent: (p) => seen.push(p), what: 'test' });
    expect(seen[seen.length - 1]).toBe(100);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe('filter-graph escaping', () => {
  test('values are single-quoted, then graph specials are backslashed', () => {
    expect(quoteFilterValue("/tmp/it's.srt")).toBe(`'/tmp/it'\\''s.srt'`);
    expect(escapeForGraph("a'b[c],d;e\\f")).toBe("a\\'b\\[c\\]\\,d\\;e\\\\f");
    expect(filterArg('/tmp/a:b.srt')).toBe("\\'/tmp/a:b.srt\\'");
  });

  test('concat list lines quote the name and refuse line breaks', () => {
    expect(concatListLine("/x/it's.mp4")).toBe(`file '/x/it'\\''s.mp4'`);
    expect(() => concatListLine('/x/a\nb.mp4')).toThrow(/line break/);
  });
});

describe('compose spec', () => {
  test('relative paths are relative to the spec file; defaults fill in', () => {
    const spec = parseSpec({ clips: ['a.mp4', { path: 'b.png', duration: 2 }], overlay: 'logo.png', audio: { path: 'bed.mp3', volume: 0.3 } }, '/work/specs');
    expect(spec.clips).toEqual([{ path: '/work/specs/a.mp4' }, { path: '/work/specs/b.png', duration: 2 }]);
    expect(spec.overlay).toEqual({ path: path.resolve('/work/specs/logo.png'), corner: 'top-right', opacity: 1, margin: 16 });
    expect(spec.audio).toEqual({ path: '/work/specs/bed.mp3', volume: 0.3, loop: true, mode: 'mix' });
  });

  test.each([
    [{ clips: 'a.mp4' }, /clips must be a list/],
    [{ clips: [{ path: 'a.mp4', start: 2, end: 1 }] }, /clips\[0\]\.end must be after start/],
    [{ clips: ['a.mp4'], audio: { path: 'x.mp3', mode: 'over' } }, /audio\.mode must be "mix" or "replace"/],
    [{ clips: ['a.mp4'], colour: 'red' }, /colour is not a spec field/],
  ])('%j is refused with a message naming the field', (raw, message) => {
    expect(() => parseSpec(raw, '/w')).toThrow(InputError);
    expect(() => parseSpec(raw, '/w')).toThrow(message);
  });

  test('overlay corners', () => {
    expect(overlayPosition('top-left', 8)).toBe('x=8:y=8');
    expect(overlayPosition('bottom-right', 0)).toBe('x=W-w-0:y=H-h-0');
  });
});

describe('frame times', () => {
  test('one frame: --at, else the middle; never at or past the last frame', () => {
    expect(frameTimes(4, 25, 1, 1, 'c')).toEqual([1]);
    expect(frameTimes(4, 25, 1, undefined, 'c')).toEqual([2]);
    expect(frameTimes(4, 25, 1, 3.99, 'c')).toEqual([3.96]);
    expect(() => frameTimes(4, 25, 1, 4, 'c.mp4')).toThrow(/past the end of c\.mp4/);
  });

  test('several: spread evenly, from --at when given', () => {
    expect(frameTimes(4, 25, 4, undefined, 'c')).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(frameTimes(4, 25, 2, 2, 'c')).toEqual([2, 3]);
  });
});

test('a Ken Burns prompt may name the motion', () => {
  expect(directionInPrompt('slow pan left over the hills')).toBe('left');
  expect(directionInPrompt('Zoom out gently')).toBe('out');
  expect(directionInPrompt('zoom into the door')).toBe('in');
  expect(directionInPrompt('a calm shot')).toBeUndefined();
});
