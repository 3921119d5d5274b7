/** The ffmpeg provider's view of the shared media tools: paths from its settings, runs through ctx.exec. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { GenerateRequest, InputRef, ProviderContext } from '../../src/plugin/types.js';
import type { Kind } from '../../src/kinds.js';
import { InputError, UsageError } from '../../src/errors.js';
import { toolPaths, type MediaTools } from '../../src/media/tools.js';
import { ffmpegSafePath } from '../../src/media/safe-path.js';
import { formatsOfKind, outputFormat, type OutputFormat } from '../../src/media/formats.js';

export function providerTools(ctx: ProviderContext): MediaTools {
  const { ffmpeg, ffprobe } = toolPaths(ctx.settings);
  return { ffmpeg, ffprobe, run: (file, args, options) => ctx.exec(file, args, { onStdoutLine: options?.onStdoutLine }) };
}

/** The first input, which must be a local file (ffmpeg reads it directly), at a name ffmpeg reads literally. */
export async function localInput(request: GenerateRequest, ctx: ProviderContext): Promise<InputRef & { path: string }> {
  const input = request.inputs[0];
  if (!input) throw new UsageError(`${request.capability} needs an input file`, { hint: 'pass one with -i' });
  if (!input.path) throw new InputError(`ffmpeg works on local files, and ${input.name} is a URL`, { hint: 'download it first and pass the file with -i' });
  if (request.inputs.length > 1) ctx.warn(`ffmpeg uses one input; ${request.inputs.slice(1).map((i) => i.name).join(', ')} ignored (use \`automarket compose\` to combine files)`);
  return { ...input, path: await ffmpegSafePath(input.path, ctx.tempDir) };
}

/** The --format asked for (or the default), checked against what this kind of output can be. */
export function pickFormat(requested: string | undefined, kind: Kind, fallback: string): OutputFormat {
  const format = outputFormat(requested ?? fallback);
  if (!format || format.kind !== kind) {
    throw new UsageError(`ffmpeg cannot write ${kind} as ${requested}`, { hint: `use --format ${formatsOfKind(kind).join(', ')}` });
  }
  return format;
}

/** A fresh file in the run's temp directory (removed on exit, even on Ctrl-C). */
export function tempOutput(ctx: ProviderContext, ext: string): string {
  return path.join(ctx.tempDir, `ffmpeg-${randomBytes(4).toString('hex')}.${ext}`);
}

/** Percent progress onto the spinner. */
export function percentReporter(ctx: ProviderContext): (percent: number) => void {
  return (percent) => ctx.progress({ phase: 'running', percent });
}
