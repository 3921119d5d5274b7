/**
 * Standard request options to a Replicate model input. Common input names (prompt, image, width,
 * height, aspect_ratio, seed, num_outputs, output_format, duration, voice) are used unless the
 * catalogue renames them; anything else comes from --param, which wins.
 */
import type { GenerateRequest, ModelInfo } from '../../src/plugin/types.js';

type Field = 'prompt' | 'image' | 'audio' | 'video' | 'voice';

export interface MappedInput {
  input: Record<string, unknown>;
  warnings: string[];
}

export function mapReplicateInput(request: GenerateRequest, uploaded: string[], model: ModelInfo | undefined): MappedInput {
  const fields = { prompt: 'prompt', image: 'image', audio: 'audio', video: 'video', voice: 'voice', ...((model?.extra?.fields as Partial<Record<Field, string>>) ?? {}) };
  // A catalogued model gets only the options it takes (the engine already warned about the rest);
  // an unknown model gets every option the user set, under the common names.
  const takes = (option: NonNullable<ModelInfo['supports']>[number]) => !model?.supports || model.supports.includes(option);
  const input: Record<string, unknown> = {};
  const warnings: string[] = [];
  const sent: string[] = [];
  if (request.prompt) input[fields.prompt] = request.prompt;
  if (request.size && takes('size')) {
    input.width = request.size.width;
    input.height = request.size.height;
    sent.push('--size as width/height');
  }
  if (request.aspect && takes('aspect')) {
    input.aspect_ratio = `${request.aspect.width}:${request.aspect.height}`;
    sent.push('--aspect as aspect_ratio');
  }
  if (request.seed !== undefined && takes('seed')) input.seed = request.seed;
  if (request.count > 1 && takes('count')) {
    input.num_outputs = request.count;
    sent.push('--count as num_outputs');
  }
  if (request.format && takes('format')) {
    // Replicate's image models spell JPEG "jpg".
    input.output_format = request.kind === 'image' && request.format === 'jpeg' ? 'jpg' : request.format;
    sent.push('--format as output_format');
  }
  if (request.durationSeconds !== undefined && takes('duration')) {
    input.duration = Math.round(request.durationSeconds);
    sent.push('--duration as duration');
  }
  if (request.voice && takes('voice')) input[fields.voice] = request.voice;
  request.inputs.forEach((ref, i) => {
    const field = ref.kind === 'image' ? fields.image : ref.kind === 'audio' ? fields.audio : ref.kind === 'video' ? fields.video : undefined;
    if (field && input[field] === undefined) input[field] = uploaded[i];
    else if (field) warnings.push(`Replicate models take one ${ref.kind} under "${field}"; extra input ${ref.name} was ignored (use --param to name other fields)`);
  });
  if (!model && sent.length) {
    warnings.push(`${request.model} is not in automarket's catalogue: sent ${sent.join(', ')}; if the model names them otherwise, use --param`);
  }
  Object.assign(input, request.params);
  return { input, warnings };
}
