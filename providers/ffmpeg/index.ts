/**
 * Provider `ffmpeg`: local media work with the system's ffmpeg and ffprobe (on PATH, or
 * providers.ffmpeg.path / ffprobePath). No key, no network, no cost: extract a clip's audio or
 * frames, animate a still, convert formats, and print a file's metadata.
 */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type GenerateRequest, type GenerateResult, type ProviderContext } from '../../src/plugin/types.js';
import { UsageError } from '../../src/errors.js';
import { checkTools } from '../../src/media/tools.js';
import { ffmpegManifest } from './manifest.js';
import { providerTools } from './tools.js';
import { extractAudio } from './extract-audio.js';
import { extractFrames } from './frames.js';
import { kenBurns } from './ken-burns.js';
import { convert } from './convert.js';
import { probeAsText } from './probe-text.js';

const FREE = { usd: 0, per: 'request' } as const;

const models = [
  { id: 'extract-audio', capabilities: ['video-to-audio' as const], displayName: 'Extract the audio track', default: true, supports: ['format' as const, 'at' as const, 'duration' as const], price: FREE },
  { id: 'frame', capabilities: ['video-to-image' as const], displayName: 'Frames at --at, or -n spread evenly', default: true, supports: ['format' as const, 'at' as const, 'count' as const, 'size' as const], price: FREE },
  { id: 'ken-burns', capabilities: ['image-to-video' as const], displayName: 'Still animated with pan and zoom (-P direction, zoom, fps)', default: true, supports: ['format' as const, 'duration' as const, 'size' as const, 'aspect' as const], price: FREE },
  { id: 'convert', capabilities: ['audio-to-audio' as const, 'video-to-video' as const], displayName: 'Convert format (--format), size, range (--at, --duration)', default: true, supports: ['format' as const, 'size' as const, 'at' as const, 'duration' as const], price: FREE },
  { id: 'probe', capabilities: ['video-to-text' as const, 'audio-to-text' as const, 'image-to-text' as const], displayName: 'Media metadata as JSON (ffprobe)', default: true, supports: [], price: FREE },
];

export default defineProvider({
  ...ffmpegManifest,
  apiVersion: PLUGIN_API_VERSION,
  models,
  async checkAvailable(ctx: ProviderContext): Promise<string | undefined> {
    return checkTools(providerTools(ctx));
  },
  async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
    const model = models.find((m) => m.id === request.model);
    if (!model || !(model.capabilities as string[]).includes(request.capability)) {
      const able = models.filter((m) => (m.capabilities as string[]).includes(request.capability)).map((m) => m.id);
      throw new UsageError(`ffmpeg has no model "${request.model}" for ${request.capability}`, { hint: able.length ? `use -m ffmpeg:${able.join(' or -m ffmpeg:')}` : 'automarket models list ffmpeg' });
    }
    const tools = providerTools(ctx);
    switch (request.capability) {
      case 'video-to-audio':
        return extractAudio(request, ctx, tools);
      case 'video-to-image':
        return extractFrames(request, ctx, tools);
      case 'image-to-video':
        return kenBurns(request, ctx, tools);
      case 'audio-to-audio':
      case 'video-to-video':
        return convert(request, ctx, tools);
      default:
        return probeAsText(request, ctx, tools);
    }
  },
});
