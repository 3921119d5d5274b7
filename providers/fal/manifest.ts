import type { ProviderManifest } from '../../src/registry.js';

export const falManifest: ProviderManifest = {
  id: 'fal',
  displayName: 'fal.ai',
  type: 'remote',
  capabilities: ['text-to-image', 'image-to-image', 'text-to-video', 'image-to-video', 'text-to-audio'],
  apiKeyEnv: 'FAL_KEY',
  defaultBaseUrl: 'https://queue.fal.run',
  requiresKey: true,
  keyHosts: ['fal.run', 'rest.fal.ai', 'api.fal.ai'],
};
