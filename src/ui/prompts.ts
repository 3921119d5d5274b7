/** Interactive questions (TTY only; callers check ctx.canPrompt first). @inquirer/prompts writes to stderr. */
import { InterruptedError } from '../errors.js';

async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (err) {
    if ((err as Error)?.name === 'ExitPromptError' || (err as Error)?.name === 'AbortPromptError') throw new InterruptedError();
    throw err;
  }
}

export async function askText(message: string, defaultValue?: string): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return guard(() => input({ message, default: defaultValue }, { output: process.stderr }));
}

export async function askSecret(message: string): Promise<string> {
  const { password } = await import('@inquirer/prompts');
  return guard(() => password({ message, mask: '*' }, { output: process.stderr }));
}

export async function askConfirm(message: string, defaultValue = false): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return guard(() => confirm({ message, default: defaultValue }, { output: process.stderr }));
}

export async function askSelect<T extends string>(message: string, choices: Array<{ name: string; value: T; description?: string }>): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  return guard(() => select({ message, choices }, { output: process.stderr }));
}

export async function askCheckbox<T extends string>(message: string, choices: Array<{ name: string; value: T; checked?: boolean }>): Promise<T[]> {
  const { checkbox } = await import('@inquirer/prompts');
  return guard(() => checkbox({ message, choices }, { output: process.stderr }));
}
