import type { ProviderManifest } from '../../src/registry.js';

export const localManifest: ProviderManifest = {
  id: 'local',
  displayName: 'Local drafts (no key, no network)',
  type: 'local',
  capabilities: ['text-to-image', 'image-to-image', 'text-to-audio'],
  requiresKey: false,
};
