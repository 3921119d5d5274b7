/**
 * A provider declared in config with `"type": "openai-compatible"` (design.md section 5): any server
 * speaking OpenAI's API (Ollama's /v1, Kokoro-FastAPI, speaches, LocalAI). Its manifest comes from
 * the config entry; a bad entry is a ConfigError naming the key.
 */
import type { ProviderManifest } from '../../src/registry.js';
import type { ProviderConfig } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors.js';
import { isCapability, type Capability } from '../../src/kinds.js';

/** Capabilities a generic OpenAI-style server can serve through the endpoints automarket speaks. */
export const COMPATIBLE_CAPABILITIES: Capability[] = ['text-to-image', 'image-to-image', 'text-to-audio', 'audio-to-text', 'text-to-text', 'image-to-text'];

export function compatibleManifest(id: string, settings: ProviderConfig): ProviderManifest {
  if (typeof settings.baseUrl !== 'string' || settings.baseUrl === '') {
    throw new ConfigError(`providers.${id}.baseUrl is required for an openai-compatible provider`, {
      hint: `set it to the server's OpenAI base URL, for example "http://127.0.0.1:8880/v1"`,
      data: { key: `providers.${id}.baseUrl` },
    });
  }
  const capabilities = settings.capabilities ?? [];
  if (capabilities.length === 0) {
    throw new ConfigError(`providers.${id}.capabilities is required for an openai-compatible provider`, {
      hint: `list what the server does, for example ["text-to-audio"] or ["text-to-text"]`,
      data: { key: `providers.${id}.capabilities` },
    });
  }
  const unsupported = capabilities.filter((c) => !isCapability(c) || !COMPATIBLE_CAPABILITIES.includes(c));
  if (unsupported.length) {
    throw new ConfigError(`providers.${id}.capabilities has ${unsupported.join(', ')}, which OpenAI-style servers do not serve`, {
      hint: `use some of: ${COMPATIBLE_CAPABILITIES.join(', ')}`,
      data: { key: `providers.${id}.capabilities` },
    });
  }
  return {
    id,
    displayName: typeof settings.displayName === 'string' ? settings.displayName : `${id} (OpenAI-compatible)`,
    type: settings.service ? 'service' : 'remote',
    capabilities: [...capabilities],
    defaultBaseUrl: settings.baseUrl,
    ...(settings.service ? { service: settings.service } : {}),
    // Local servers mostly take no key; one set in providers.<id>.apiKey is sent as a bearer token.
    requiresKey: false,
  };
}
