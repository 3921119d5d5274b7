/**
 * The format a provider should make: --format when given, else the `-o` file's extension when the
 * provider can make it (`-o hi.wav` asks for WAV, not the provider's default). Exported to plugins.
 */
import type { GenerateRequest } from './types.js';

export interface ChosenFormat {
  /** The provider's own format name (after aliases). */
  format: string;
  from: 'flag' | 'extension';
}

/**
 * `supported` lists the provider's format names; `aliases` maps other extensions onto them
 * (`ogg` → `opus`). Undefined when --format is absent and the extension is unknown or absent.
 * An unsupported --format is returned as is (from: 'flag'): the provider decides how to warn.
 */
export function chooseFormat(request: Pick<GenerateRequest, 'format' | 'outputExtension'>, supported: readonly string[], aliases: Record<string, string> = {}): ChosenFormat | undefined {
  if (request.format) return { format: aliases[request.format] ?? request.format, from: 'flag' };
  const ext = request.outputExtension;
  if (!ext) return undefined;
  const format = supported.includes(ext) ? ext : aliases[ext];
  return format && supported.includes(format) ? { format, from: 'extension' } : undefined;
}
