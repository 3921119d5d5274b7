/**
 * Draft images for wiring pipelines without spending credits: a seeded gradient with soft shapes,
 * the prompt laid out in a bitmap font, and a DRAFT banner. Same prompt + seed + size = same pixels,
 * on every machine (no system fonts involved).
 */
import { GLYPHS, GLYPH_HEIGHT, GLYPH_WIDTH } from './font.js';

export interface Canvas {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel. */
  pixels: Buffer;
}

/** A small fast PRNG (mulberry32), so drafts are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the prompt: the seed when none is given. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

type Rgb = [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

export function drawDraft(prompt: string, seed: number, width: number, height: number): Canvas {
  const random = prng(seed ^ hashText(prompt));
  const canvas: Canvas = { width, height, pixels: Buffer.alloc(width * height * 3) };
  const hue = random() * 360;
  const top = hsl(hue, 0.55, 0.35);
  const bottom = hsl((hue + 40 + random() * 80) % 360, 0.6, 0.18);
  for (let y = 0; y < height; y++) {
    const t = y / Math.max(1, height - 1);
    const row: Rgb = [0, 1, 2].map((c) => Math.round(top[c]! * (1 - t) + bottom[c]! * t)) as Rgb;
    for (let x = 0; x < width; x++) canvas.pixels.set(row, (y * width + x) * 3);
  }
  const shapes = 3 + Math.floor(random() * 4);
  for (let i = 0; i < shapes; i++) {
    const r = (0.08 + random() * 0.25) * Math.min(width, height);
    blendCircle(canvas, random() * width, random() * height, r, hsl((hue + 120 + random() * 120) % 360, 0.7, 0.6), 0.25);
  }
  const scale = Math.max(1, Math.floor(Math.min(width, height) / 340));
  const margin = Math.max(8, Math.round(width * 0.05));
  const columns = Math.max(4, Math.floor((width - 2 * margin) / (GLYPH_WIDTH * scale)));
  const lines = wrap(asciiOnly(prompt), columns).slice(0, Math.max(1, Math.floor((height * 0.6) / (GLYPH_HEIGHT * scale))));
  const blockHeight = lines.length * GLYPH_HEIGHT * scale;
  const y0 = Math.round((height - blockHeight) / 2);
  fillRect(canvas, margin / 2, y0 - GLYPH_HEIGHT * scale * 0.5, width - margin, blockHeight + GLYPH_HEIGHT * scale, [0, 0, 0], 0.45);
  lines.forEach((line, i) => {
    const x = Math.round((width - line.length * GLYPH_WIDTH * scale) / 2);
    drawText(canvas, line, x, y0 + i * GLYPH_HEIGHT * scale, scale, [255, 255, 255]);
  });
  const banner = 'DRAFT - automarket local';
  const bannerScale = Math.max(1, Math.round(scale * 0.7));
  fillRect(canvas, 0, height - GLYPH_HEIGHT * bannerScale * 1.6, width, GLYPH_HEIGHT * bannerScale * 1.6, [250, 204, 21], 0.9);
  drawText(canvas, banner.slice(0, Math.floor(width / (GLYPH_WIDTH * bannerScale))), Math.round(GLYPH_WIDTH * bannerScale * 0.5), Math.round(height - GLYPH_HEIGHT * bannerScale * 1.3), bannerScale, [20, 20, 20]);
  return canvas;
}

function asciiOnly(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
}

export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    for (let w = word; w.length > 0; ) {
      const room = current ? columns - current.length - 1 : columns;
      if (w.length <= room) {
        current = current ? `${current} ${w}` : w;
        w = '';
      } else if (!current && w.length > columns) {
        lines.push(w.slice(0, columns));
        w = w.slice(columns);
      } else {
        lines.push(current);
        current = '';
      }
    }
  }
  if (current) lines.push(current);
  return lines.length ? lines : [''];
}

function drawText(canvas: Canvas, text: string, x0: number, y0: number, scale: number, color: Rgb): void {
  for (let i = 0; i < text.length; i++) {
    const glyph = GLYPHS[text.charCodeAt(i) - 32] ?? GLYPHS[31]!;
    for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
      const bits = glyph[gy]!;
      if (!bits) continue;
      for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
        if (!((bits >> (GLYPH_WIDTH - 1 - gx)) & 1)) continue;
        fillRect(canvas, x0 + (i * GLYPH_WIDTH + gx) * scale, y0 + gy * scale, scale, scale, color, 1);
      }
    }
  }
}

function fillRect(canvas: Canvas, x: number, y: number, w: number, h: number, color: Rgb, alpha: number): void {
  const x1 = Math.max(0, Math.round(x));
  const y1 = Math.max(0, Math.round(y));
  const x2 = Math.min(canvas.width, Math.round(x + w));
  const y2 = Math.min(canvas.height, Math.round(y + h));
  for (let py = y1; py < y2; py++) for (let px = x1; px < x2; px++) blend(canvas, px, py, color, alpha);
}

function blendCircle(canvas: Canvas, cx: number, cy: number, r: number, color: Rgb, alpha: number): void {
  const x1 = Math.max(0, Math.floor(cx - r));
  const x2 = Math.min(canvas.width, Math.ceil(cx + r));
  const y1 = Math.max(0, Math.floor(cy - r));
  const y2 = Math.min(canvas.height, Math.ceil(cy + r));
  for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) blend(canvas, x, y, color, alpha);
}

function blend(canvas: Canvas, x: number, y: number, color: Rgb, alpha: number): void {
  const i = (y * canvas.width + x) * 3;
  for (let c = 0; c < 3; c++) canvas.pixels[i + c] = Math.round(canvas.pixels[i + c]! * (1 - alpha) + color[c]! * alpha);
}
