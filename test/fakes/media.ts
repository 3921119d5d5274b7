/** Small real media files for fakes to serve: a PNG made by sharp, an MP4-shaped box, an MP3 frame. */
import sharp from 'sharp';

export async function pngBytes(width = 64, height = 48, color = '#c0392b'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
}

/** An ISO-BMFF file: an `ftyp` box then an `mdat` box of filler (enough for sniffing and byte checks). */
export function mp4Bytes(size = 4096): Buffer {
  const ftyp = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');
  const mdat = Buffer.alloc(size - ftyp.length);
  mdat.writeUInt32BE(mdat.length, 0);
  mdat.write('mdat', 4, 'latin1');
  for (let i = 8; i < mdat.length; i++) mdat[i] = (i * 31) & 0xff;
  return Buffer.concat([ftyp, mdat]);
}

/** An ID3-tagged MP3 prefix. */
export function mp3Bytes(size = 2048): Buffer {
  const b = Buffer.alloc(size);
  b.write('ID3', 0, 'latin1');
  b[3] = 4;
  for (let i = 10; i < size; i++) b[i] = (i * 7) & 0xff;
  return b;
}

/**
 * A PNG of seeded noise, stored uncompressed: tens of KB, so a download can be cut half-way and
 * resumed, and two seeds never give the same bytes.
 */
export async function makeNoisePng(width = 128, height = 96, seed = 1): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = seed;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = x & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
