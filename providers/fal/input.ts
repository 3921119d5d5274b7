/** The standard request options mapped onto fal's input fields; anything else comes from --param. */
import type { GenerateRequest } from '../../src/plugin/types.js';

const IMAGE_SIZE_PRESETS: Record<string, string> = {
  '1:1': 'square_hd',
  '4:3': 'landscape_4_3',
  '16:9': 'landscape_16_9',
  '3:4': 'portrait_4_3',
  '9:16': 'portrait_16_9',
};

export interface MappedInput {
  input: Record<string, unknown>;
  warnings: string[];
}

/** `uploaded` holds the URL for each input (after upload of local files). */
export function mapFalInput(request: GenerateRequest, uploaded: string[]): MappedInput {
  const input: Record<string, unknown> = {};
  const warnings: string[] = [];
  if (request.prompt) input.prompt = request.prompt;
  const out = request.kind;
  if (out === 'image') {
    if (request.size) input.image_size = { width: request.size.width, height: request.size.height };
    else if (request.aspect) {
      const key = `${request.aspect.width}:${request.aspect.height}`;
      const preset = IMAGE_SIZE_PRESETS[key];
      if (preset) input.image_size = preset;
      else {
        const long = 1024;
        const r = request.aspect.width / request.aspect.height;
        input.image_size = r >= 1 ? { width: long, height: Math.round(long / r / 16) * 16 } : { width: Math.round((long * r) / 16) * 16, height: long };
      }
    }
    if (request.count > 1) input.num_images = request.count;
    if (request.format) {
      const f = request.format === 'jpg' ? 'jpeg' : request.format;
      if (f === 'jpeg' || f === 'png') input.output_format = f;
      else warnings.push(`fal image models write jpeg or png; --format ${request.format} was ignored`);
    }
  } else {
    if (request.aspect) input.aspect_ratio = `${request.aspect.width}:${request.aspect.height}`;
    if (request.size) warnings.push('fal video and audio models take --aspect, not --size; --size was ignored');
    // Video models take the duration as a string enum ("5", "10"); audio models as seconds.
    if (request.durationSeconds !== undefined) input.duration = out === 'video' ? String(Math.round(request.durationSeconds)) : request.durationSeconds;
    if (request.voice) input.voice = request.voice;
    if (request.count > 1) warnings.push(`fal ${out} models make one output per request; --count was ignored`);
    if (request.format) warnings.push(`fal chooses the ${out} format; --format ${request.format} was ignored`);
  }
  if (request.seed !== undefined) input.seed = request.seed;
  request.inputs.forEach((ref, i) => {
    const field = ref.kind === 'image' ? 'image_url' : ref.kind === 'audio' ? 'audio_url' : ref.kind === 'video' ? 'video_url' : undefined;
    if (field && input[field] === undefined) input[field] = uploaded[i];
  });
  // --param wins over everything above: it is the user's explicit word for this endpoint.
  Object.assign(input, request.params);
  return { input, warnings };
}
