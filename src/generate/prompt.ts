/** The prompt: the argument, or stdin when it is "-" or omitted and stdin is not a terminal. */
import type { Readable } from 'node:stream';

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

export async function readPrompt(arg: string | undefined, stdin: Readable & { isTTY?: boolean }, stdinBusy: boolean): Promise<string | undefined> {
  if (arg === '-') return (await readAll(stdin)).trim();
  if (arg !== undefined) return arg.trim();
  if (!stdin.isTTY && !stdinBusy) {
    const text = (await readAll(stdin)).trim();
    return text === '' ? undefined : text;
  }
  return undefined;
}
