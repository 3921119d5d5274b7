/**
 * The built-in providers, registered exactly like third-party plugins: a manifest read without
 * loading code, and a loader that imports the provider only when it runs.
 */
import type { RegistryEntry } from '../src/registry.js';
import { localManifest } from './local/manifest.js';
import { falManifest } from './fal/manifest.js';
import { ffmpegManifest } from './ffmpeg/manifest.js';

export const builtinProviders: RegistryEntry[] = [
  { manifest: localManifest, origin: 'builtin', load: async () => (await import('./local/index.js')).default },
  { manifest: falManifest, origin: 'builtin', load: async () => (await import('./fal/index.js')).default },
  { manifest: ffmpegManifest, origin: 'builtin', load: async () => (await import('./ffmpeg/index.js')).default },
];
