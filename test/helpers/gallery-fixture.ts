/**
 * A test journal for the gallery: real media files (PNG from sharp, WebM and WAV from ffmpeg, a
 * transcript) and the jobs.jsonl lines that point at them, as `generate` would have written.
 */
import { execa } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

export interface GalleryFixture {
  home: string;
  outputDir: string;
  files: Record<string, string>;
}

async function solidPng(file: string, colour: string): Promise<void> {
  await sharp({ create: { width: 96, height: 64, channels: 3, background: colour } }).png().toFile(file);
}

export async function buildGalleryFixture(root: string): Promise<GalleryFixture> {
  const home = path.join(root, 'home');
  const outputDir = path.join(root, 'out');
  mkdirSync(path.join(home, 'state'), { recursive: true });
  mkdirSync(outputDir, { recursive: true });
  const files = {
    schnell: path.join(outputDir, 'lighthouse-schnell.png'),
    dev: path.join(outputDir, 'lighthouse-dev.png'),
    gpt: path.join(outputDir, 'lighthouse-gpt.png'),
    fox: path.join(outputDir, 'fox.png'),
    video: path.join(outputDir, 'waves.webm'),
    audio: path.join(outputDir, 'hello.wav'),
    text: path.join(outputDir, 'hello.srt'),
  };
  await solidPng(files.schnell, '#d03030');
  await solidPng(files.dev, '#30d030');
  await solidPng(files.gpt, '#3030d0');
  await solidPng(files.fox, '#e08020');
  await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=10:duration=3', '-c:v', 'libvpx', '-b:v', '200k', files.video]);
  await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', files.audio]);
  writeFileSync(files.text, '1\n00:00:00,000 --> 00:00:01,000\nhello there\n');

  const lighthouse = 'a lighthouse at dusk';
  const jobs = [
    job('job_1', 'fal', 'fal-ai/flux/schnell', lighthouse, files.schnell, 'image/png', { costUsd: 0.003, groupId: 'cmp_1', seed: 7 }),
    job('job_2', 'fal', 'fal-ai/flux/dev', lighthouse, files.dev, 'image/png', { costUsd: 0.025, groupId: 'cmp_1', seed: 7 }),
    job('job_3', 'openai', 'gpt-image-1', lighthouse, files.gpt, 'image/png', { costUsd: 0.04, groupId: 'cmp_1' }),
    job('job_4', 'replicate', 'black-forest-labs/flux-schnell', 'a red fox in snow', files.fox, 'image/png', {}),
    job('job_5', 'fal', 'fal-ai/kling-video', 'waves on rocks', files.video, 'video/webm', { costUsd: 0.5 }),
    job('job_6', 'elevenlabs', 'eleven_multilingual_v2', 'hello there', files.audio, 'audio/wav', {}),
    job('job_7', 'openai', 'whisper-1', '', files.text, 'application/x-subrip', {}),
  ];
  // Patches as the journal really holds them: created, then saved with outputs.
  const lines: string[] = [];
  for (const j of jobs) {
    const { outputs, ...created } = j;
    lines.push(JSON.stringify({ ...created, status: 'submitted' }));
    lines.push(JSON.stringify({ id: j.id, status: 'saved', outputs, updatedAt: j.updatedAt }));
  }
  writeFileSync(path.join(home, 'state', 'jobs.jsonl'), `${lines.join('\n')}\n`);
  // A sidecar, as `output.sidecar: true` writes: the seed and size come from it.
  writeFileSync(`${files.schnell}.json`, JSON.stringify({ prompt: lighthouse, provider: 'fal', model: 'fal-ai/flux/schnell', seed: 7, width: 96, height: 64, groupId: 'cmp_1' }));
  return { home, outputDir, files };
}

let minute = 0;
function job(id: string, provider: string, model: string, prompt: string, file: string, mediaType: string, extra: { costUsd?: number; groupId?: string; seed?: number }) {
  minute += 1;
  const at = new Date(Date.UTC(2026, 10, 20, 12, minute)).toISOString();
  return {
    id,
    provider,
    model,
    capability: 'text-to-image',
    prompt,
    createdAt: at,
    updatedAt: at,
    requestId: `req_${id}`,
    ...(extra.costUsd !== undefined ? { costUsd: extra.costUsd } : {}),
    ...(extra.groupId ? { groupId: extra.groupId } : {}),
    outputs: [{ path: file, mediaType, bytes: 0 }],
  };
}
