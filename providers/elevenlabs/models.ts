/**
 * ElevenLabs' offline catalogue. Prices are the API's list prices per 1,000 characters as known at
 * 2026-11 (they vary by plan); `models discover elevenlabs` lists live models and your voices.
 */
import type { ModelInfo } from '../../src/plugin/types.js';

/** "Rachel", a premade voice every account has. */
export const DEFAULT_VOICE = '21m00Tcm4TlvDq8ikWAM';

export const ELEVENLABS_MODELS: ModelInfo[] = [
  { id: 'eleven_multilingual_v2', capabilities: ['text-to-audio'], displayName: 'Eleven Multilingual v2', default: true, price: { usd: 0.1, per: '1k-characters' }, supports: ['voice', 'format', 'seed'] },
  { id: 'eleven_flash_v2_5', capabilities: ['text-to-audio'], displayName: 'Eleven Flash v2.5', price: { usd: 0.05, per: '1k-characters' }, supports: ['voice', 'format', 'seed'] },
  { id: 'eleven_turbo_v2_5', capabilities: ['text-to-audio'], displayName: 'Eleven Turbo v2.5', price: { usd: 0.05, per: '1k-characters' }, supports: ['voice', 'format', 'seed'] },
  { id: 'eleven_v3', capabilities: ['text-to-audio'], displayName: 'Eleven v3', price: { usd: 0.1, per: '1k-characters' }, supports: ['voice', 'format', 'seed'] },
];
