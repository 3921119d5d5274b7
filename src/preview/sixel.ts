/**
 * Sixel (xterm -ti vt340, foot, mlterm, WezTerm, Windows Terminal): the image in bands six pixels
 * high, one pass per colour, run-length encoded. Colours are mapped to a fixed 6x6x6 cube, which
 * is plenty for a thumbnail and keeps the encoder deterministic (so it is testable byte for byte).
 */
export interface RgbImage {
  width: number;
  height: number;
  /** Packed RGB, 3 bytes a pixel, row by row. */
  data: Uint8Array;
}

const LEVELS = 6;

function cubeIndex(r: number, g: number, b: number): number {
  const q = (v: number) => Math.round((v / 255) * (LEVELS - 1));
  return q(r) * LEVELS * LEVELS + q(g) * LEVELS + q(b);
}

function cubePercent(index: number): [number, number, number] {
  const level = (n: number) => Math.round((n / (LEVELS - 1)) * 100);
  return [level(Math.floor(index / 36)), level(Math.floor(index / 6) % 6), level(index % 6)];
}

function runLength(char: string, count: number): string {
  if (count >= 4) return `!${count}${char}`;
  return char.repeat(count);
}

export function encodeSixel(image: RgbImage): string {
  const { width, height, data } = image;
  const indices = new Uint8Array(width * height);
  const used = new Set<number>();
  for (let p = 0; p < width * height; p++) {
    const index = cubeIndex(data[p * 3]!, data[p * 3 + 1]!, data[p * 3 + 2]!);
    indices[p] = index;
    used.add(index);
  }
  const palette = [...used].sort((a, b) => a - b);
  let out = `\x1bP0;1;0q"1;1;${width};${height}`;
  for (const index of palette) out += `#${index};2;${cubePercent(index).join(';')}`;
  for (let top = 0; top < height; top += 6) {
    const bandColours = new Set<number>();
    for (let y = top; y < Math.min(top + 6, height); y++) for (let x = 0; x < width; x++) bandColours.add(indices[y * width + x]!);
    const colours = [...bandColours].sort((a, b) => a - b);
    colours.forEach((colour, n) => {
      let line = `#${colour}`;
      let previous = '';
      let run = 0;
      for (let x = 0; x < width; x++) {
        let bits = 0;
        for (let k = 0; k < 6 && top + k < height; k++) if (indices[(top + k) * width + x] === colour) bits |= 1 << k;
        const char = String.fromCharCode(63 + bits);
        if (char === previous) run++;
        else {
          if (run) line += runLength(previous, run);
          previous = char;
          run = 1;
        }
      }
      line += runLength(previous, run);
      out += line + (n < colours.length - 1 ? '$' : '');
    });
    if (top + 6 < height) out += '-';
  }
  return `${out}\x1b\\\n`;
}
