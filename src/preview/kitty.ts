/**
 * The kitty graphics protocol: a PNG sent base64 in chunks of at most 4096 bytes
 * (`a=T` transmit and show, `f=100` PNG, `q=2` so the terminal sends no reply into our stdin).
 */
const CHUNK = 4096;

export function encodeKitty(png: Uint8Array): string {
  const data = Buffer.from(png).toString('base64');
  const parts: string[] = [];
  for (let i = 0; i < data.length; i += CHUNK) {
    const more = i + CHUNK < data.length ? 1 : 0;
    const control = i === 0 ? `a=T,f=100,q=2,m=${more}` : `m=${more}`;
    parts.push(`\x1b_G${control};${data.slice(i, i + CHUNK)}\x1b\\`);
  }
  return `${parts.join('')}\n`;
}
