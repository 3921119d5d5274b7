/** Provider `fal`: fal.ai's queue API. Images, video, speech; local inputs uploaded to fal storage. */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type GenerateRequest, type GenerateResult, type JobRecordView, type ProviderContext } from '../../src/plugin/types.js';
import { ProviderError } from '../../src/errors.js';
import { falManifest } from './manifest.js';
import { FAL_MODELS } from './models.js';
import { mapFalInput } from './input.js';
import { uploadInputs } from './upload.js';
import { cancel, fetchResult, submit, waitForCompletion, type FalUrls } from './queue.js';
import { falAssets } from './outputs.js';
import { discoverFal } from './discover.js';

export default defineProvider({
  ...falManifest,
  apiVersion: PLUGIN_API_VERSION,
  models: FAL_MODELS,
  async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
    const key = ctx.apiKey();
    const uploaded = await uploadInputs(request.inputs, ctx, key);
    const { input, warnings } = mapFalInput(request, uploaded);
    ctx.debug(`input fields: ${Object.keys(input).join(', ')}`);
    const job = await submit(ctx, key, request.model, input);
    await ctx.jobSubmitted({ requestId: job.requestId, urls: { ...job.urls }, data: { endpoint: request.model, kind: request.kind } });
    if (job.position !== undefined) ctx.progress({ phase: 'queued', position: job.position });
    await waitForCompletion(ctx, key, job.urls, request.signal);
    const { output } = await fetchResult(ctx, key, job.urls, request.signal);
    return toResult(output, request.kind, job.requestId, warnings);
  },
  async resume(job: JobRecordView, ctx: ProviderContext): Promise<GenerateResult> {
    const key = ctx.apiKey();
    const urls = job.urls as unknown as FalUrls;
    const kind = (job.data?.kind as GenerateRequest['kind']) ?? 'image';
    await waitForCompletion(ctx, key, urls, ctx.signal);
    const { output } = await fetchResult(ctx, key, urls, ctx.signal);
    return toResult(output, kind, job.requestId, []);
  },
  async cancel(job: JobRecordView, ctx: ProviderContext): Promise<void> {
    const ok = await cancel(ctx, ctx.apiKey(), job.urls as unknown as FalUrls);
    if (!ok) throw new ProviderError(`fal did not accept the cancel of ${job.requestId}`);
  },
  discoverModels: (ctx: ProviderContext) => discoverFal(ctx),
});

function toResult(output: Record<string, unknown>, kind: GenerateRequest['kind'], requestId: string, warnings: string[]): GenerateResult {
  const assets = falAssets(output, { kind });
  if (assets.length === 0) {
    throw new ProviderError(`fal returned no ${kind} file (fields: ${Object.keys(output).join(', ') || 'none'})`, {
      hint: 'the endpoint may produce another kind; check the model with `automarket models discover fal`',
    });
  }
  const nsfw = output.has_nsfw_concepts;
  if (Array.isArray(nsfw) && nsfw.some(Boolean)) warnings.push('fal flagged NSFW content in some outputs (they may be black images)');
  return {
    assets,
    requestId,
    seed: typeof output.seed === 'number' ? output.seed : undefined,
    warnings,
    metadata: { timings: output.timings, prompt: output.prompt },
  };
}
