/**
 * `automarket compose`: one video from clips, an audio bed, an image overlay and captions.
 * The output is written through the atomic writer (temp file beside it, renamed when complete), so
 * a failed or interrupted encode (Ctrl-C kills the ffmpeg child) leaves no partial file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { assertWritable, writeAtomically } from '../assets/write.js';
import { concatListLine } from '../media/escape.js';
import { probeMedia } from '../media/probe.js';
import { runFfmpeg } from '../media/run-ffmpeg.js';
import { toolPaths, type MediaTools } from '../media/tools.js';
import { buildSpec, type ComposeFlags } from './spec.js';
import { planCompose, type ComposePlan } from './plan.js';
import { composeArgs } from './graph.js';

export interface ComposeLine {
  path: string;
  kind: 'video';
  mediaType: string;
  bytes: number;
  provider: 'ffmpeg';
  model: 'compose';
  prompt: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** "copy" when the clips were joined as they are, "encode" when re-encoded. */
  method: 'copy' | 'encode';
  elapsedMs: number;
}

export async function composeCommand(ctx: Context, args: string[], flags: ComposeFlags): Promise<ComposeLine | undefined> {
  const started = ctx.clock.now();
  const spec = await buildSpec(args, flags, ctx.cwd);
  await assertWritable(spec.output!, Boolean(flags.force));
  const { config } = await ctx.config();
  const tools = contextTools(ctx, config.providers?.ffmpeg);
  await ctx.ui.ready();
  ctx.ui.status('Reading the inputs');
  const plan = await planCompose(spec, tools, ctx.tempDir());
  if (flags.dryRun) {
    ctx.ui.stopStatus();
    ctx.out(JSON.stringify(dryRun(plan, ctx.tempDir()), null, 2));
    return undefined;
  }
  const files = await stageFiles(plan, ctx.tempDir());
  const label = plan.streamCopy ? 'Joining' : 'Encoding';
  ctx.ui.status(`${label} ${path.basename(plan.output)}`);
  await writeAtomically(plan.output, Boolean(flags.force), async (tmp) => {
    await runFfmpeg(tools, composeArgs(plan, { ...files, output: tmp }), {
      durationSeconds: plan.totalSeconds,
      onPercent: (p) => ctx.ui.status(`${label} ${path.basename(plan.output)} ${p}%`),
      what: 'compose',
      debug: (line) => ctx.ui.debug(line),
    });
  });
  ctx.ui.stopStatus();
  const info = await probeMedia(tools, plan.output);
  const line: ComposeLine = {
    path: plan.output,
    kind: 'video',
    mediaType: plan.format.mediaType,
    bytes: info.bytes ?? (await fs.stat(plan.output)).size,
    provider: 'ffmpeg',
    model: 'compose',
    prompt: '',
    ...(info.video ? { width: info.video.width, height: info.video.height } : {}),
    ...(info.durationSeconds !== undefined ? { durationSeconds: info.durationSeconds } : {}),
    method: plan.streamCopy ? 'copy' : 'encode',
    elapsedMs: ctx.clock.now() - started,
  };
  if (ctx.options.json) ctx.out(JSON.stringify(line));
  else {
    ctx.out(plan.output);
    ctx.ui.success(`✔ Wrote ${plan.output} (${line.width}x${line.height}, ${line.durationSeconds?.toFixed(1)} s, ${line.method === 'copy' ? 'joined without re-encoding' : 're-encoded'}) in ${(line.elapsedMs / 1000).toFixed(1)} s`);
  }
  return line;
}

/** ffmpeg and ffprobe as configured for the ffmpeg provider, run through the context's exec. */
export function contextTools(ctx: Context, settings: Record<string, unknown> | undefined): MediaTools {
  const { ffmpeg, ffprobe } = toolPaths(settings);
  return {
    ffmpeg,
    ffprobe,
    run: async (file, args, options) => {
      const result = await ctx.exec(file, args, { onStdoutLine: options?.onStdoutLine });
      if (result.notFound) throw Object.assign(new Error(`${file} is not installed`), { code: 'ENOENT' });
      if (result.exitCode !== 0) throw new Error(`${path.basename(file)} exited with code ${result.exitCode}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
      return result;
    },
  };
}

/**
 * Files ffmpeg reads by a name embedded in its own syntax (a filter option, a concat list) are
 * copied under plain names into the temp dir, and those names are escaped too: no user file name
 * ever needs to survive filter-graph parsing.
 */
async function stageFiles(plan: ComposePlan, tempDir: string): Promise<{ captions?: string; concatList?: string }> {
  const out: { captions?: string; concatList?: string } = {};
  if (plan.captions) {
    out.captions = path.join(tempDir, `captions${path.extname(plan.captions.path).toLowerCase()}`);
    await fs.copyFile(plan.captions.path, out.captions);
  }
  if (plan.streamCopy) {
    out.concatList = path.join(tempDir, 'clips.ffconcat');
    await fs.writeFile(out.concatList, `ffconcat version 1.0\n${plan.clips.map((c) => concatListLine(c.path)).join('\n')}\n`);
  }
  return out;
}

function dryRun(plan: ComposePlan, tempDir: string) {
  return {
    dryRun: true,
    output: plan.output,
    method: plan.streamCopy ? 'copy' : 'encode',
    size: `${plan.size.width}x${plan.size.height}`,
    fps: plan.fps,
    durationSeconds: plan.totalSeconds,
    clips: plan.clips.map((c) => ({ path: c.path, from: c.from, seconds: c.length, still: c.still })),
    ...(plan.audio ? { audio: { path: plan.audio.path, volume: plan.audio.volume, loop: plan.audio.loop, mode: plan.audio.mode } } : {}),
    ...(plan.overlay ? { overlay: { path: plan.overlay.path, corner: plan.overlay.corner, opacity: plan.overlay.opacity, margin: plan.overlay.margin, width: plan.overlay.width } } : {}),
    ...(plan.captions ? { captions: plan.captions } : {}),
    ffmpegArgs: composeArgs(plan, { captions: plan.captions && path.join(tempDir, `captions${path.extname(plan.captions.path)}`), concatList: path.join(tempDir, 'clips.ffconcat'), output: plan.output }),
  };
}
