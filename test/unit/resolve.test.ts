/**
 * Which provider serves a request when none is named (design.md section 4), over the real built-in
 * registry: config default, then the first configured provider with the capability (remote first,
 * then keyless local tools such as ffmpeg), then `local`.
 */
import { builtinProviders } from '../../providers/builtin.js';
import { Registry, type RegistryEntry } from '../../src/registry.js';
import { resolveProvider } from '../../src/resolve.js';
import type { Capability, Kind } from '../../src/kinds.js';
import type { AutomarketConfig } from '../../src/config/types.js';

function registry(extra: RegistryEntry[] = []): Registry {
  const r = new Registry();
  for (const entry of [...builtinProviders, ...extra]) r.add(entry);
  return r;
}

/** Keyless local providers are configured; a remote one only when its key is in `keys`. */
function resolve(kind: Kind, capability: Capability, keys: string[] = [], config: AutomarketConfig = {}, extra: RegistryEntry[] = []) {
  return resolveProvider({
    kind,
    capability,
    config,
    registry: registry(extra),
    isConfigured: (e) => e.manifest.type === 'local' || keys.includes(e.manifest.id),
  });
}

describe('resolveProvider with nothing named', () => {
  test.each([
    ['audio', 'video-to-audio'],
    ['image', 'video-to-image'],
    ['audio', 'audio-to-audio'],
    ['video', 'video-to-video'],
  ] as Array<[Kind, Capability]>)('nothing configured: %s from %s goes to ffmpeg, not local', (kind, capability) => {
    expect(resolve(kind, capability)).toEqual({ providerId: 'ffmpeg', model: undefined, reason: 'first-configured' });
  });

  test('nothing configured: text-to-image still falls back to local (the keyless main job)', () => {
    expect(resolve('image', 'text-to-image')).toEqual({ providerId: 'local', model: undefined, reason: 'fallback-local' });
  });

  test('a configured remote provider comes before a keyless local tool', () => {
    expect(resolve('video', 'image-to-video')).toMatchObject({ providerId: 'ffmpeg' });
    expect(resolve('video', 'image-to-video', ['fal'])).toMatchObject({ providerId: 'fal', reason: 'first-configured' });
  });

  test('a remote provider from a plugin, listed after ffmpeg, still comes first once configured', () => {
    const plugin: RegistryEntry = {
      manifest: { id: 'clipper', displayName: 'Clipper', type: 'remote', capabilities: ['video-to-audio'], apiKeyEnv: 'CLIPPER_KEY' },
      origin: 'plugin',
      load: () => Promise.reject(new Error('not loaded by resolution')),
    };
    expect(resolve('audio', 'video-to-audio', [], {}, [plugin])).toMatchObject({ providerId: 'ffmpeg' });
    expect(resolve('audio', 'video-to-audio', ['clipper'], {}, [plugin])).toMatchObject({ providerId: 'clipper' });
  });

  test('config defaults.<kind> and the --provider flag come before any of it', () => {
    expect(resolve('audio', 'video-to-audio', [], { defaults: { audio: 'elevenlabs' } } as AutomarketConfig)).toMatchObject({ providerId: 'ffmpeg' });
    expect(resolve('image', 'text-to-image', [], { defaults: { image: 'fal' } } as AutomarketConfig)).toMatchObject({ providerId: 'fal', reason: 'config-default' });
    expect(resolveProvider({ kind: 'audio', capability: 'video-to-audio', provider: 'ffmpeg', config: {}, registry: registry(), isConfigured: () => false })).toMatchObject({
      providerId: 'ffmpeg',
      reason: 'flag',
    });
  });
});

describe('service-backed and -to-text fallbacks', () => {
  const configuredUnlessKeyed = (keys: string[] = []) => (e: RegistryEntry) => e.manifest.requiresKey === false || e.manifest.type === 'local' || keys.includes(e.manifest.id);

  test('a built-in service provider (ollama) is not chosen unasked for text', () => {
    const r = () => resolveProvider({ kind: 'text', capability: 'text-to-text', config: {}, registry: registry(), isConfigured: configuredUnlessKeyed() });
    expect(r).toThrow(/local cannot do text-to-text/);
  });

  test('once the config names it, it is chosen', () => {
    const r = resolveProvider({ kind: 'text', capability: 'text-to-text', config: { providers: { ollama: {} } }, registry: registry(), isConfigured: configuredUnlessKeyed() });
    expect(r).toMatchObject({ providerId: 'ollama', reason: 'first-configured' });
  });

  test('ffmpeg probe metadata is never the automatic answer to a transcript', () => {
    expect(() => resolve('text', 'audio-to-text')).toThrow(/cannot do audio-to-text/);
    expect(resolve('text', 'audio-to-text', ['openai'])).toMatchObject({ providerId: 'openai' });
  });
});
