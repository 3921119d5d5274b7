/**
 * --preview escape sequences, checked byte for byte against recordings in test/fixtures/preview
 * (re-record with RECORD_PREVIEW=1 only after checking the new output in a real terminal),
 * and the sixel output decoded back to pixels.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeKitty } from '../../src/preview/kitty.js';
import { encodeIterm } from '../../src/preview/iterm.js';
import { encodeSixel, type RgbImage } from '../../src/preview/sixel.js';
import { detectPreviewProtocol } from '../../src/preview/detect.js';

const fixtures = path.resolve('test/fixtures/preview');
const tinyPng = readFileSync(path.join(fixtures, 'tiny.png'));

/** The same 8x7 pattern tiny.png holds: a red ramp across, green down, blue checkers. */
function pattern(): RgbImage {
  const width = 8;
  const height = 7;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = x * 32;
      data[i + 1] = y * 40;
      data[i + 2] = (x + y) % 2 ? 255 : 0;
    }
  }
  return { width, height, data };
}

function recorded(name: string, actual: string): string {
  const file = path.join(fixtures, name);
  if (process.env.RECORD_PREVIEW === '1') writeFileSync(file, actual);
  return readFileSync(file, 'utf8');
}

describe('kitty graphics protocol', () => {
  it('matches the recording', () => {
    expect(encodeKitty(tinyPng)).toBe(recorded('kitty.txt', encodeKitty(tinyPng)));
  });

  it('splits large images into 4096-byte chunks, the last with m=0', () => {
    const out = encodeKitty(Buffer.alloc(10_000, 7));
    const chunks = out.trim().split('\x1b\\').filter(Boolean);
    expect(chunks).toHaveLength(Math.ceil(Buffer.alloc(10_000).toString('base64').length / 4096));
    expect(chunks[0]).toMatch(/^\x1b_Ga=T,f=100,q=2,m=1;/);
    expect(chunks[chunks.length - 1]).toMatch(/^\x1b_Gm=0;/);
    for (const c of chunks) expect(c.slice(c.indexOf(';') + 1).length).toBeLessThanOrEqual(4096);
  });
});

describe('iTerm2 inline images', () => {
  it('matches the recording and carries the exact bytes', () => {
    const out = encodeIterm(tinyPng);
    expect(out).toBe(recorded('iterm.txt', out));
    const payload = /^\x1b\]1337;File=name=[^;]+;size=(\d+);inline=1;preserveAspectRatio=1:([A-Za-z0-9+/=]+)\x07\n$/.exec(out);
    expect(payload).not.toBeNull();
    expect(Number(payload![1])).toBe(tinyPng.length);
    expect(Buffer.from(payload![2]!, 'base64').equals(tinyPng)).toBe(true);
  });
});

describe('sixel', () => {
  it('matches the recording', () => {
    const out = encodeSixel(pattern());
    expect(out).toBe(recorded('sixel.txt', out));
  });

  it('decodes back to the quantised pixels', () => {
    const image = pattern();
    const decoded = decodeSixel(encodeSixel(image));
    expect(decoded.width).toBe(image.width);
    expect(decoded.height).toBe(image.height);
    for (let p = 0; p < image.width * image.height; p++) {
      const [r, g, b] = decoded.palette.get(decoded.pixels[p]!)!;
      // Each channel within half a cube step (20 %) of the source.
      expect(Math.abs(r - (image.data[p * 3]! / 255) * 100)).toBeLessThanOrEqual(10.5);
      expect(Math.abs(g - (image.data[p * 3 + 1]! / 255) * 100)).toBeLessThanOrEqual(10.5);
      expect(Math.abs(b - (image.data[p * 3 + 2]! / 255) * 100)).toBeLessThanOrEqual(10.5);
    }
  });
});

describe('terminal detection', () => {
  it.each([
    [{ TERM: 'xterm-kitty' }, 'kitty'],
    [{ KITTY_WINDOW_ID: '1', TERM: 'xterm-256color' }, 'kitty'],
    [{ TERM_PROGRAM: 'iTerm.app' }, 'iterm'],
    [{ TERM_PROGRAM: 'WezTerm' }, 'iterm'],
    [{ TERM: 'foot' }, 'sixel'],
    [{ TERM: 'xterm-sixel' }, 'sixel'],
    [{ TERM: 'xterm-256color' }, undefined],
    [{ TERM: 'xterm-kitty', TMUX: '/tmp/tmux-0/default,1,0' }, undefined],
    [{ TERM: 'xterm-256color', AUTOMARKET_PREVIEW: 'sixel' }, 'sixel'],
    [{ TERM: 'xterm-kitty', AUTOMARKET_PREVIEW: 'none' }, undefined],
  ])('%j → %s', (env, expected) => {
    expect(detectPreviewProtocol(env)).toBe(expected);
  });
});

/** A minimal sixel reader: enough to check what our encoder writes. */
function decodeSixel(text: string): { width: number; height: number; pixels: number[]; palette: Map<number, [number, number, number]> } {
  const body = text.slice(text.indexOf('q') + 1, text.lastIndexOf('\x1b\\'));
  const raster = /^"1;1;(\d+);(\d+)/.exec(body)!;
  const width = Number(raster[1]);
  const height = Number(raster[2]);
  const pixels = new Array<number>(width * height).fill(-1);
  const palette = new Map<number, [number, number, number]>();
  let i = raster[0].length;
  let colour = 0;
  let x = 0;
  let top = 0;
  const number = () => {
    const m = /^\d+/.exec(body.slice(i))!;
    i += m[0].length;
    return Number(m[0]);
  };
  while (i < body.length) {
    const c = body[i]!;
    if (c === '#') {
      i++;
      colour = number();
      if (body[i] === ';') {
        i++;
        number(); // colour space 2 = RGB
        const rgb: number[] = [];
        for (let k = 0; k < 3; k++) {
          i++;
          rgb.push(number());
        }
        palette.set(colour, rgb as [number, number, number]);
      }
    } else if (c === '$') {
      x = 0;
      i++;
    } else if (c === '-') {
      x = 0;
      top += 6;
      i++;
    } else {
      let repeat = 1;
      if (c === '!') {
        i++;
        repeat = number();
      }
      const bits = body.charCodeAt(i) - 63;
      i++;
      for (let r = 0; r < repeat; r++, x++) {
        for (let k = 0; k < 6; k++) if (bits & (1 << k) && top + k < height) pixels[(top + k) * width + x] = colour;
      }
    }
  }
  return { width, height, pixels, palette };
}
