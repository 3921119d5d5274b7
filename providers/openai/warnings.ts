/**
 * Options a request set that an endpoint cannot use become warnings, never silent drops. The engine
 * already warns for models whose catalogue entry lists `supports`; this covers models it does not
 * know (a new OpenAI model, anything on an OpenAI-compatible server).
 */
import type { GenerateRequest, ModelInfo, StandardOption } from '../../src/plugin/types.js';

const FLAGS: Record<StandardOption, string> = { size: '--size', aspect: '--aspect', seed: '--seed', count: '--count', duration: '--duration', voice: '--voice', format: '--format', at: '--at' };

export function ignoredOptionWarnings(request: GenerateRequest, honoured: StandardOption[], catalogue: ModelInfo[]): string[] {
  const known = catalogue.find((m) => m.id === request.model);
  if (known?.supports) return []; // the engine warned already, with the same rule
  const set: Record<StandardOption, unknown> = {
    size: request.size,
    aspect: request.aspect,
    seed: request.seed,
    count: request.count > 1 ? request.count : undefined,
    duration: request.durationSeconds,
    voice: request.voice,
    format: request.format,
    at: request.atSeconds,
  };
  return (Object.keys(set) as StandardOption[])
    .filter((k) => set[k] !== undefined && !honoured.includes(k))
    .map((k) => `${request.model} does not support ${FLAGS[k]}; it was ignored`);
}
