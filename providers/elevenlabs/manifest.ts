import type { ProviderManifest } from '../../src/registry.js';

export const elevenlabsManifest: ProviderManifest = {
  id: 'elevenlabs',
  displayName: 'ElevenLabs',
  type: 'remote',
  capabilities: ['text-to-audio'],
  apiKeyEnv: 'ELEVENLABS_API_KEY',
  // ElevenLabs' paths carry their own version (/v1/..., /v2/...), so the base URL has none.
  defaultBaseUrl: 'https://api.elevenlabs.io',
  requiresKey: true,
};
