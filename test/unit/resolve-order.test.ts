/** Provider resolution order: --provider, then provider:model, then defaults.<kind>, then the first configured, then local. */
import { Registry, type ProviderManifest } from '../../src/registry.js';
import { chooseModel, resolveProvider, splitProviderModel } from '../../src/resolve.js';
import { UsageError } from '../../src/errors.js';
import type { AutomarketConfig } from '../../src/config/types.js';
import type { Capability, Kind } from '../../src/kinds.js';

function registry(): Registry {
  const r = new Registry();
  const add = (m: ProviderManifest) => r.add({ manifest: m, origin: 'builtin', load: () => Promise.reject(new Error('resolution must not load code')) });
  add({ id: 'local', displayName: 'Local', type: 'local', capabilities: ['text-to-image', 'text-to-audio'] });
  add({ id: 'fal', displayName: 'fal', type: 'remote', capabilities: ['text-to-image', 'image-to-video', 'text-to-video'], apiKeyEnv: 'FAL_KEY' });
  add({ id: 'replicate', displayName: 'Replicate', type: 'remote', capabilities: ['text-to-image', 'text-to-video'], apiKeyEnv: 'REPLICATE_API_TOKEN' });
  add({ id: 'tts', displayName: 'TTS', type: 'remote', capabilities: ['text-to-audio'], apiKeyEnv: 'TTS_KEY' });
  return r;
}

function resolve(options: { kind?: Kind; capability?: Capability; provider?: string; model?: string; config?: AutomarketConfig; configured?: string[] }) {
  const configured = new Set(options.configured ?? []);
  return resolveProvider({
    kind: options.kind ?? 'image',
    capability: options.capability ?? 'text-to-image',
    provider: options.provider,
    model: options.model,
    config: options.config ?? {},
    registry: registry(),
    isConfigured: (e) => configured.has(e.manifest.id),
  });
}

describe('resolution order', () => {
  test('1. --provider wins over everything', () => {
    expect(resolve({ provider: 'replicate', config: { defaults: { image: 'fal' } }, configured: ['fal'] })).toEqual({ providerId: 'replicate', model: undefined, reason: 'flag' });
  });

  test('--provider with a plain model, and with the same provider prefix', () => {
    expect(resolve({ provider: 'fal', model: 'fal-ai/flux/dev' })).toEqual({ providerId: 'fal', model: 'fal-ai/flux/dev', reason: 'flag' });
    expect(resolve({ provider: 'fal', model: 'fal:fal-ai/flux/dev' })).toEqual({ providerId: 'fal', model: 'fal-ai/flux/dev', reason: 'flag' });
  });

  test('--provider that conflicts with the model prefix is a usage error', () => {
    expect(() => resolve({ provider: 'fal', model: 'replicate:black-forest-labs/flux-schnell' })).toThrow(new UsageError('--provider fal conflicts with --model replicate:black-forest-labs/flux-schnell'));
  });

  test('2. provider:model beats the config default and configured providers', () => {
    expect(resolve({ model: 'replicate:owner/model', config: { defaults: { image: 'fal' } }, configured: ['fal'] })).toEqual({ providerId: 'replicate', model: 'owner/model', reason: 'model-prefix' });
  });

  test('a colon that is not a known provider stays part of the model id', () => {
    expect(splitProviderModel('owner/model:v2', registry())).toEqual({ model: 'owner/model:v2' });
    expect(resolve({ model: 'owner/model:v2', configured: ['fal'] })).toEqual({ providerId: 'fal', model: 'owner/model:v2', reason: 'first-configured' });
  });

  test('3. defaults.<kind> (provider or provider:model) beats the first configured', () => {
    expect(resolve({ config: { defaults: { image: 'replicate:owner/m' } }, configured: ['fal'] })).toEqual({ providerId: 'replicate', model: 'owner/m', reason: 'config-default' });
    expect(resolve({ config: { defaults: { image: 'replicate' } }, configured: ['fal'] })).toEqual({ providerId: 'replicate', model: undefined, reason: 'config-default' });
    // A -m without prefix keeps the default provider and names the model.
    expect(resolve({ model: 'owner/other', config: { defaults: { image: 'replicate:owner/m' } } })).toEqual({ providerId: 'replicate', model: 'owner/other', reason: 'config-default' });
  });

  test('defaults.<kind> is per kind, and is skipped when that provider lacks the capability', () => {
    expect(resolve({ kind: 'audio', capability: 'text-to-audio', config: { defaults: { image: 'fal' } }, configured: ['tts'] })).toEqual({ providerId: 'tts', model: undefined, reason: 'first-configured' });
    // defaults.audio names fal, which cannot speak: it is skipped, and nothing else is configured.
    expect(resolve({ kind: 'audio', capability: 'text-to-audio', config: { defaults: { audio: 'fal' } } })).toEqual({ providerId: 'local', model: undefined, reason: 'fallback-local' });
  });

  test('defaults.<kind> naming an unknown provider is a usage error pointing at the config', () => {
    expect(() => resolve({ config: { defaults: { image: 'nope:model' } } })).toThrow(/defaults\.image names an unknown provider: nope:model/);
  });

  test('4. the first configured provider with the capability, in registry order', () => {
    expect(resolve({ configured: ['replicate', 'fal'] })).toEqual({ providerId: 'fal', model: undefined, reason: 'first-configured' });
    expect(resolve({ configured: ['replicate'] })).toEqual({ providerId: 'replicate', model: undefined, reason: 'first-configured' });
    expect(resolve({ kind: 'video', capability: 'image-to-video', configured: ['replicate', 'fal'] })).toEqual({ providerId: 'fal', model: undefined, reason: 'first-configured' });
  });

  test('5. local when nothing is configured', () => {
    expect(resolve({})).toEqual({ providerId: 'local', model: undefined, reason: 'fallback-local' });
  });

  test('a chosen provider without the capability is a usage error that names who can', () => {
    const err = (() => {
      try {
        resolve({ kind: 'video', capability: 'text-to-video', provider: 'local' });
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(err?.message).toBe('Provider local cannot do text-to-video');
    expect(err?.hint).toBe('providers that can: fal, replicate');
    expect(err?.exitCode).toBe(2);
  });

  test('an unknown --provider lists the known ones', () => {
    expect(() => resolve({ provider: 'nope' })).toThrow(expect.objectContaining({ message: 'Unknown provider "nope"', hint: 'known providers: local, fal, replicate, tts (automarket providers list)' }));
  });
});

describe('chooseModel', () => {
  const models = [
    { id: 'a', capabilities: ['text-to-image' as const] },
    { id: 'b', capabilities: ['text-to-image' as const], default: true },
    { id: 'v', capabilities: ['text-to-video' as const] },
  ];
  test('named, then the provider default from config, then the catalogue default, then the first able', () => {
    expect(chooseModel(models, 'text-to-image', 'x', 'y')).toBe('x');
    expect(chooseModel(models, 'text-to-image', undefined, 'y')).toBe('y');
    expect(chooseModel(models, 'text-to-image', undefined)).toBe('b');
    expect(chooseModel(models, 'text-to-video', undefined)).toBe('v');
    expect(chooseModel(models, 'text-to-audio', undefined)).toBeUndefined();
  });
});
