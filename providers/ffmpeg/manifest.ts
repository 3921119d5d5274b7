import type { ProviderManifest } from '../../src/registry.js';

export const ffmpegManifest: ProviderManifest = {
  id: 'ffmpeg',
  displayName: 'ffmpeg (local media: extract, convert, animate, probe)',
  type: 'local',
  capabilities: ['video-to-audio', 'video-to-image', 'image-to-video', 'audio-to-audio', 'video-to-video', 'video-to-text', 'audio-to-text', 'image-to-text'],
  requiresKey: false,
};
