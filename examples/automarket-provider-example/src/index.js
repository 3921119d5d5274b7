/**
 * automarket provider plugin for the Example Images API. automarket imports this file only when the
 * `example` provider runs; `providers list` reads package.json#automarket instead.
 */
import { defineProvider, PLUGIN_API_VERSION, ProviderError } from 'automarket/plugin';
import { createImages, completeText } from './api.js';
import { MODELS } from './models.js';

export default defineProvider({
  apiVersion: PLUGIN_API_VERSION,
  // These fields must match package.json#automarket.providers[0]; the contract test checks it.
  id: 'example',
  displayName: 'Example Images API',
  type: 'remote',
  capabilities: ['text-to-image', 'text-to-text'],
  apiKeyEnv: 'EXAMPLE_IMAGES_KEY',
  baseUrlEnv: 'EXAMPLE_IMAGES_BASE_URL',
  defaultBaseUrl: 'http://127.0.0.1:8787/v1',
  models: MODELS,

  async generate(request, ctx) {
    if (request.capability === 'text-to-text') {
      const body = await completeText(ctx, { model: request.model, prompt: request.prompt, ...request.params }, request.signal);
      return { assets: [{ kind: 'text', text: body.text, mediaType: 'text/plain' }], requestId: body.id, costUsd: 0 };
    }
    const size = request.size ?? { width: 512, height: 512 };
    ctx.progress({ phase: 'submitting' });
    const body = await createImages(
      ctx,
      { model: request.model, prompt: request.prompt, width: size.width, height: size.height, seed: request.seed, n: request.count, ...request.params },
      request.signal,
    );
    if (!Array.isArray(body.images) || body.images.length === 0) {
      throw new ProviderError('Example API returned no images', { hint: 'try another prompt' });
    }
    return {
      // URLs: the engine streams each download to disk.
      assets: body.images.map((image) => ({ kind: 'image', url: image.url, mediaType: 'image/png', width: image.width, height: image.height, seed: image.seed })),
      requestId: body.id,
      seed: body.images[0].seed,
      costUsd: 0.001 * body.images.length,
    };
  },
});
