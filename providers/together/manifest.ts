import type { ProviderManifest } from '../../src/registry.js';

export const togetherManifest: ProviderManifest = {
  id: 'together',
  displayName: 'Together AI',
  type: 'remote',
  capabilities: ['text-to-image', 'image-to-image', 'text-to-text'],
  apiKeyEnv: 'TOGETHER_API_KEY',
  defaultBaseUrl: 'https://api.together.ai/v1',
  requiresKey: true,
};
