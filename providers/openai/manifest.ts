import type { ProviderManifest } from '../../src/registry.js';

export const openaiManifest: ProviderManifest = {
  id: 'openai',
  displayName: 'OpenAI',
  type: 'remote',
  capabilities: ['text-to-image', 'image-to-image', 'text-to-audio', 'audio-to-text', 'text-to-text', 'image-to-text'],
  apiKeyEnv: 'OPENAI_API_KEY',
  baseUrlEnv: 'OPENAI_BASE_URL',
  defaultBaseUrl: 'https://api.openai.com/v1',
  requiresKey: true,
};
