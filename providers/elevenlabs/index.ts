/** Provider `elevenlabs`: text to speech with ElevenLabs voices. */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type GenerateRequest, type GenerateResult, type ProviderContext } from '../../src/plugin/types.js';
import { elevenlabsManifest } from './manifest.js';
import { ELEVENLABS_MODELS } from './models.js';
import { resolveVoice, speechFormat, synthesize } from './speech.js';
import { discoverElevenLabs } from './discover.js';

export default defineProvider({
  ...elevenlabsManifest,
  apiVersion: PLUGIN_API_VERSION,
  models: ELEVENLABS_MODELS,
  async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
    const key = ctx.apiKey();
    const warnings: string[] = [];
    if (request.inputs.length) warnings.push('ElevenLabs text to speech takes no input files; -i was ignored');
    const format = speechFormat(request, request.params.output_format, warnings);
    const voiceId = await resolveVoice(ctx, key, request.voice);
    const speech = await synthesize(ctx, key, request, voiceId, format);
    const price = ELEVENLABS_MODELS.find((m) => m.id === request.model)?.price;
    const chars = speech.characterCost ?? request.prompt.length;
    return {
      assets: [{ kind: 'audio', mediaType: speech.mediaType, ...(speech.filePath ? { filePath: speech.filePath } : { stream: speech.stream! }) }],
      warnings,
      ...(speech.requestId ? { requestId: speech.requestId } : {}),
      ...(price ? { costUsd: Math.round(((price.usd * chars) / 1000) * 1e6) / 1e6 } : {}),
      metadata: { voiceId, outputFormat: format.outputFormat, ...(speech.characterCost !== undefined ? { characterCost: speech.characterCost } : {}) },
    };
  },
  discoverModels: (ctx: ProviderContext) => discoverElevenLabs(ctx),
});
