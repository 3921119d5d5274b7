import type { ProviderManifest } from '../../src/registry.js';

export const replicateManifest: ProviderManifest = {
  id: 'replicate',
  displayName: 'Replicate',
  type: 'remote',
  capabilities: ['text-to-image', 'image-to-image', 'text-to-video', 'image-to-video', 'text-to-audio', 'audio-to-text', 'text-to-text'],
  apiKeyEnv: 'REPLICATE_API_TOKEN',
  defaultBaseUrl: 'https://api.replicate.com/v1',
  requiresKey: true,
};
