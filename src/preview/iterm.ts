/** iTerm2's inline images (also WezTerm and mintty): one OSC 1337 File sequence with the bytes. */
export function encodeIterm(png: Uint8Array, name = 'preview.png'): string {
  const bytes = Buffer.from(png);
  const label = Buffer.from(name).toString('base64');
  return `\x1b]1337;File=name=${label};size=${bytes.length};inline=1;preserveAspectRatio=1:${bytes.toString('base64')}\x07\n`;
}
