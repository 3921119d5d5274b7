/**
 * Where ffmpeg and ffprobe are, and how to run them. Shared by the `ffmpeg` provider and `compose`.
 * Programs always get an argument array (never a shell string), so no file name can inject a command.
 */
import path from 'node:path';
import { AutomarketError, isAbortError, ProviderError } from '../errors.js';

/** Runs a program; throws with `code: 'ENOENT'` when it does not exist, or an Error naming the failure. */
export type ToolRunner = (file: string, args: string[], options?: { onStdoutLine?: (line: string) => void }) => Promise<{ stdout: string; stderr: string }>;

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
  run: ToolRunner;
}

export const INSTALL_HINT = 'install it (apt-get install ffmpeg on Debian/Ubuntu, brew install ffmpeg on macOS), or set providers.ffmpeg.path and providers.ffmpeg.ffprobePath in your config';

/**
 * `providers.ffmpeg.path` / `ffprobePath` from the config, else the names on PATH. When only `path`
 * is set, ffprobe is looked for beside it (the two ship together).
 */
export function toolPaths(settings: Readonly<Record<string, unknown>> | undefined): { ffmpeg: string; ffprobe: string } {
  const ffmpeg = typeof settings?.path === 'string' && settings.path.trim() ? settings.path : 'ffmpeg';
  let ffprobe = typeof settings?.ffprobePath === 'string' && settings.ffprobePath.trim() ? settings.ffprobePath : undefined;
  if (!ffprobe) ffprobe = ffmpeg.includes('/') || ffmpeg.includes('\\') ? path.join(path.dirname(ffmpeg), 'ffprobe') : 'ffprobe';
  return { ffmpeg, ffprobe };
}

export function missingProgramError(program: 'ffmpeg' | 'ffprobe', file: string): ProviderError {
  const looked = file === program ? `${program} is not on PATH` : `${file} does not exist`;
  return new ProviderError(`${program} was not found (${looked})`, { code: 'MISSING_PROGRAM', hint: INSTALL_HINT, data: { program, path: file } });
}

/** Turns a runner failure into a typed error: missing program, interrupt (kept), or the program's own message. */
export function toolError(err: unknown, program: 'ffmpeg' | 'ffprobe', file: string, what: string): Error {
  if (err instanceof AutomarketError || isAbortError(err)) return err as Error;
  if ((err as { code?: string })?.code === 'ENOENT') return missingProgramError(program, file);
  const message = err instanceof Error ? err.message : String(err);
  return new ProviderError(`${what} failed: ${message}`, { code: 'FFMPEG', hint: 'run again with --verbose to see the ffmpeg command line' });
}

/**
 * Why ffmpeg cannot be used now, or undefined when both programs answer `-version`
 * (the provider's checkAvailable and `compose` use this).
 */
export async function checkTools(tools: MediaTools): Promise<string | undefined> {
  for (const program of ['ffmpeg', 'ffprobe'] as const) {
    try {
      await tools.run(tools[program], ['-version']);
    } catch (err) {
      const e = toolError(err, program, tools[program], `${program} -version`);
      if (isAbortError(e)) throw e;
      return e instanceof AutomarketError && e.hint ? `${e.message}: ${e.hint}` : e.message;
    }
  }
  return undefined;
}
