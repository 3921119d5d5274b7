/**
 * OpenAI's offline catalogue with the prices on openai.com/api/pricing (USD, checked 2026-11).
 * Image prices are for one 1024x1024 image at medium quality (GPT image) or standard (DALL-E);
 * text prices are per million input tokens; `models discover openai` shows the live list.
 */
import type { ModelInfo } from '../../src/plugin/types.js';

const IMAGE_GPT = ['size', 'aspect', 'count', 'format'] as const;
const IMAGE_DALLE = ['size', 'aspect', 'count', 'format'] as const;

export const OPENAI_MODELS: ModelInfo[] = [
  { id: 'gpt-image-1', capabilities: ['text-to-image', 'image-to-image'], displayName: 'GPT Image 1', default: true, price: { usd: 0.042, per: 'image' }, supports: [...IMAGE_GPT], description: 'sizes 1024x1024, 1536x1024, 1024x1536; quality low|medium|high|auto; png, jpeg, webp; transparent background' },
  { id: 'gpt-image-1-mini', capabilities: ['text-to-image', 'image-to-image'], displayName: 'GPT Image 1 mini', price: { usd: 0.011, per: 'image' }, supports: [...IMAGE_GPT] },
  { id: 'gpt-image-1.5', capabilities: ['text-to-image', 'image-to-image'], displayName: 'GPT Image 1.5', supports: [...IMAGE_GPT] },
  { id: 'dall-e-3', capabilities: ['text-to-image'], displayName: 'DALL-E 3', price: { usd: 0.04, per: 'image' }, supports: [...IMAGE_DALLE], description: 'sizes 1024x1024, 1792x1024, 1024x1792; quality standard|hd; style vivid|natural; one image per request' },
  { id: 'dall-e-2', capabilities: ['text-to-image', 'image-to-image'], displayName: 'DALL-E 2', price: { usd: 0.02, per: 'image' }, supports: [...IMAGE_DALLE] },
  { id: 'gpt-4o-mini-tts', capabilities: ['text-to-audio'], displayName: 'GPT-4o mini TTS', default: true, price: { usd: 0.015, per: 'minute' }, supports: ['voice', 'format'], description: 'voices alloy, ash, ballad, coral, echo, fable, onyx, nova, sage, shimmer, verse; -P instructions=...' },
  { id: 'tts-1', capabilities: ['text-to-audio'], displayName: 'TTS 1', price: { usd: 0.015, per: '1k-characters' }, supports: ['voice', 'format'] },
  { id: 'tts-1-hd', capabilities: ['text-to-audio'], displayName: 'TTS 1 HD', price: { usd: 0.03, per: '1k-characters' }, supports: ['voice', 'format'] },
  { id: 'whisper-1', capabilities: ['audio-to-text'], displayName: 'Whisper', default: true, price: { usd: 0.006, per: 'minute' }, supports: ['format'], description: 'formats text, json, verbose_json, srt, vtt' },
  { id: 'gpt-4o-transcribe', capabilities: ['audio-to-text'], displayName: 'GPT-4o Transcribe', price: { usd: 0.006, per: 'minute' }, supports: ['format'], description: 'answers json only (srt and vtt need whisper-1)' },
  { id: 'gpt-4o-mini-transcribe', capabilities: ['audio-to-text'], displayName: 'GPT-4o mini Transcribe', price: { usd: 0.003, per: 'minute' }, supports: ['format'] },
  { id: 'gpt-4o-mini', capabilities: ['text-to-text', 'image-to-text'], displayName: 'GPT-4o mini', default: true, price: { usd: 0.15, per: '1m-tokens' }, supports: ['seed', 'count'] },
  { id: 'gpt-4o', capabilities: ['text-to-text', 'image-to-text'], displayName: 'GPT-4o', price: { usd: 2.5, per: '1m-tokens' }, supports: ['seed', 'count'] },
  { id: 'gpt-4.1-mini', capabilities: ['text-to-text', 'image-to-text'], displayName: 'GPT-4.1 mini', price: { usd: 0.4, per: '1m-tokens' }, supports: ['seed', 'count'] },
  { id: 'gpt-4.1', capabilities: ['text-to-text', 'image-to-text'], displayName: 'GPT-4.1', price: { usd: 2, per: '1m-tokens' }, supports: ['seed', 'count'] },
];
