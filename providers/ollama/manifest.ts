/** Manifest of the built-in `ollama` provider: cheap to read (`providers list` loads no code). */
import type { ProviderManifest } from '../../src/registry.js';

export const ollamaManifest: ProviderManifest = {
  id: 'ollama',
  displayName: 'Ollama (local text models)',
  type: 'service',
  capabilities: ['text-to-text', 'image-to-text'],
  // Ollama's OpenAI-compatible API; its native /api (tags, pull) sits next to /v1.
  defaultBaseUrl: 'http://127.0.0.1:11434/v1',
  service: 'ollama',
  requiresKey: false,
};
