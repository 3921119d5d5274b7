/**
 * One request to the OpenAI protocol's endpoint for its capability. Shared by `openai` and every
 * config-declared OpenAI-compatible server, which speak the same API and differ only in endpoint.
 */
import type { GenerateRequest, GenerateResult } from '../../src/plugin/types.js';
import { ProviderError } from '../../src/errors.js';
import type { Endpoint } from './endpoint.js';
import { generateImages } from './images.js';
import { generateSpeech } from './speech.js';
import { transcribe } from './transcription.js';
import { chat } from './chat.js';

export function runOpenAIRequest(request: GenerateRequest, ep: Endpoint, defaultVoice: string, providerLabel: string): Promise<GenerateResult> {
  switch (request.capability) {
    case 'text-to-image':
    case 'image-to-image':
      return generateImages(request, ep);
    case 'text-to-audio':
      return generateSpeech(request, ep, defaultVoice);
    case 'audio-to-text':
      return transcribe(request, ep);
    case 'text-to-text':
    case 'image-to-text':
      return chat(request, ep);
    default:
      throw new ProviderError(`${providerLabel} cannot do ${request.capability}`);
  }
}
