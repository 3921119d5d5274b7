/**
 * The built-in providers, registered exactly like third-party plugins: a manifest read without
 * loading code, and a loader that imports the provider only when it runs.
 */
import type { RegistryEntry } from '../src/registry.js';
import { localManifest } from './local/manifest.js';
import { falManifest } from './fal/manifest.js';
import { replicateManifest } from './replicate/manifest.js';
import { elevenlabsManifest } from './elevenlabs/manifest.js';
import { openaiManifest } from './openai/manifest.js';
import { togetherManifest } from './together/manifest.js';
import { ffmpegManifest } from './ffmpeg/manifest.js';

export const builtinProviders: RegistryEntry[] = [
  { manifest: localManifest, origin: 'builtin', load: async () => (await import('./local/index.js')).default },
  { manifest: falManifest, origin: 'builtin', load: async () => (await import('./fal/index.js')).default },
  { manifest: replicateManifest, origin: 'builtin', load: async () => (await import('./replicate/index.js')).default },
  { manifest: elevenlabsManifest, origin: 'builtin', load: async () => (await import('./elevenlabs/index.js')).default },
  { manifest: openaiManifest, origin: 'builtin', load: async () => (await import('./openai/index.js')).default },
  { manifest: togetherManifest, origin: 'builtin', load: async () => (await import('./together/index.js')).default },
  { manifest: ffmpegManifest, origin: 'builtin', load: async () => (await import('./ffmpeg/index.js')).default },
];
