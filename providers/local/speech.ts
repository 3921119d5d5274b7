/** Speech through espeak-ng (a system program), as WAV. */
import path from 'node:path';
import type { GenerateRequest, GenerateResult, ProviderContext } from '../../src/plugin/types.js';
import { ProviderError } from '../../src/errors.js';

export async function synthesizeSpeech(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
  const warnings: string[] = [];
  if (request.format && request.format !== 'wav') warnings.push(`local speech is WAV only; --format ${request.format} was ignored (convert with -p ffmpeg)`);
  const program = typeof ctx.settings.espeakPath === 'string' ? ctx.settings.espeakPath : 'espeak-ng';
  const assets = [];
  for (let i = 0; i < request.count; i++) {
    const out = path.join(ctx.tempDir, `speech-${Date.now()}-${i}.wav`);
    const args = ['-w', out];
    if (request.voice) args.push('-v', request.voice);
    const speed = request.params.speed;
    if (typeof speed === 'number') args.push('-s', String(Math.round(speed)));
    // "--" ends the options, so a prompt starting with "-" is read as text.
    args.push('--', request.prompt);
    try {
      await ctx.exec(program, args);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') {
        throw new ProviderError('espeak-ng is not installed, so the local provider cannot speak', {
          exitCode: 1,
          hint: 'install it (apt-get install espeak-ng, brew install espeak-ng) or use a speech provider: -p openai, -p elevenlabs, or a kokoro service',
        });
      }
      throw new ProviderError(`espeak-ng failed: ${(err as Error).message}`, { hint: request.voice ? 'check --voice (espeak-ng --voices lists them)' : undefined });
    }
    assets.push({ kind: 'audio' as const, mediaType: 'audio/wav', filePath: out });
  }
  return { assets, warnings, costUsd: 0 };
}
