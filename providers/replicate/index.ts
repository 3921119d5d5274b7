/** Provider `replicate`: predictions on official models and model versions. Images, video, audio, text. */
import { defineProvider } from '../../src/plugin/define.js';
import { PLUGIN_API_VERSION, type GenerateRequest, type GenerateResult, type JobRecordView, type ModelInfo, type ProviderContext } from '../../src/plugin/types.js';
import { ProviderError } from '../../src/errors.js';
import type { Kind } from '../../src/kinds.js';
import { replicateManifest } from './manifest.js';
import { REPLICATE_MODELS } from './models.js';
import { mapReplicateInput } from './input.js';
import { prepareInputs } from './upload.js';
import { cancelPrediction, createPrediction, getPrediction, urlsOf, waitForPrediction, type Prediction, type PredictionUrls } from './predictions.js';
import { replicateAssets } from './outputs.js';
import { discoverReplicate } from './discover.js';

export default defineProvider({
  ...replicateManifest,
  apiVersion: PLUGIN_API_VERSION,
  models: REPLICATE_MODELS,
  async generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult> {
    const key = ctx.apiKey();
    const model = REPLICATE_MODELS.find((m) => m.id === request.model);
    const uploaded = await prepareInputs(request.inputs, ctx, key);
    const { input, warnings } = mapReplicateInput(request, uploaded, model);
    ctx.debug(`input fields: ${Object.keys(input).join(', ')}`);
    const created = await createPrediction(ctx, key, request.model, input);
    const urls = urlsOf(ctx.baseUrl, created);
    await ctx.jobSubmitted({ requestId: created.id, urls: { ...urls }, data: { model: request.model, kind: request.kind } });
    const done = await waitForPrediction(ctx, key, created, urls, request.signal);
    return toResult(done, request.kind, model, request.prompt, warnings);
  },
  async resume(job: JobRecordView, ctx: ProviderContext): Promise<GenerateResult> {
    const key = ctx.apiKey();
    const urls = job.urls as unknown as PredictionUrls;
    const kind = (job.data?.kind as Kind | undefined) ?? 'image';
    const current = await getPrediction(ctx, key, urls.get, ctx.signal);
    const done = await waitForPrediction(ctx, key, current, urls, ctx.signal);
    return toResult(done, kind, REPLICATE_MODELS.find((m) => m.id === job.model), undefined, []);
  },
  async cancel(job: JobRecordView, ctx: ProviderContext): Promise<void> {
    const ok = await cancelPrediction(ctx, ctx.apiKey(), job.urls as unknown as PredictionUrls);
    if (!ok) throw new ProviderError(`Replicate did not accept the cancel of ${job.requestId}`);
  },
  discoverModels: (ctx: ProviderContext) => discoverReplicate(ctx),
});

function toResult(prediction: Prediction, kind: Kind, model: ModelInfo | undefined, prompt: string | undefined, warnings: string[]): GenerateResult {
  const assets = replicateAssets(prediction.output, kind);
  if (assets.length === 0) {
    throw new ProviderError(`Replicate prediction ${prediction.id} returned no ${kind} output`, {
      hint: 'the model may produce another kind; check it with `automarket models discover replicate`',
      data: { requestId: prediction.id },
    });
  }
  return {
    assets,
    requestId: prediction.id,
    warnings,
    costUsd: estimateCost(model, assets.length, prompt),
    metadata: { metrics: prediction.metrics, web: prediction.urls?.web },
  };
}

/** Only for prices that do not depend on the output's length or compute time. */
function estimateCost(model: ModelInfo | undefined, outputs: number, prompt: string | undefined): number | undefined {
  const price = model?.price;
  if (!price) return undefined;
  if (price.per === 'image') return round(price.usd * outputs);
  if (price.per === 'request') return price.usd;
  if (price.per === '1k-characters' && prompt) return round((price.usd * prompt.length) / 1000);
  return undefined;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
