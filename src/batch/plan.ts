/**
 * The check-and-estimate pass over a batch, before any work: every line parses, ids are unique, each
 * item resolves to a provider and model, and the catalogue prices add up to an estimate.
 * Streams the file; only the set of ids is kept (to catch duplicates).
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { InputError, MissingKeyError, UsageError } from '../errors.js';
import { capabilityFor, kindOfMediaType } from '../kinds.js';
import { mediaTypeForExtension } from '../assets/sniff.js';
import { chooseModel, resolveProvider } from '../resolve.js';
import { keyStatus } from '../provider-context.js';
import { estimateCost, roundUsd } from '../cost/estimate.js';
import { parseAspect, parseSize } from '../generate/options.js';
import { readItems, type BatchSource } from './source.js';
import type { BatchItem, ItemDefaults } from './items.js';

export interface BatchPlan {
  items: number;
  estimatedCostUsd: number;
  /** Items whose model has no published price (not in the estimate). */
  unpriced: number;
  /** provider:model to item count, for the dry run. */
  models: Record<string, number>;
}

export async function planBatch(ctx: Context, source: BatchSource, defaults: ItemDefaults): Promise<BatchPlan> {
  const { config } = await ctx.config();
  const registry = await ctx.registry();
  const ids = new Set<string>();
  const plan: BatchPlan = { items: 0, estimatedCostUsd: 0, unpriced: 0, models: {} };
  for await (const item of readItems(source, defaults)) {
    if (ids.has(item.id)) throw new InputError(`${source.where} line ${item.line}: id "${item.id}" is used twice`, { hint: 'give every item its own id' });
    ids.add(item.id);
    plan.items++;
    try {
      await planItem(item);
    } catch (err) {
      if (err instanceof UsageError) throw new InputError(`${source.where} line ${item.line}: ${err.message}`, { hint: err.hint, data: { line: item.line } });
      throw err;
    }
  }
  plan.estimatedCostUsd = roundUsd(plan.estimatedCostUsd);
  return plan;

  async function planItem(item: BatchItem): Promise<void> {
    const firstInput = item.inputs[0];
    const inputKind = firstInput ? kindOfMediaType(mediaTypeForExtension(path.extname(firstInput.split('?')[0]!))) : undefined;
    let capability;
    try {
      capability = capabilityFor(item.kind, inputKind);
    } catch {
      capability = capabilityFor(item.kind, undefined);
    }
    const resolution = resolveProvider({
        kind: item.kind,
        capability,
        provider: item.provider,
        model: item.model,
        config,
        registry,
        isConfigured: (e) => keyStatus(ctx, e, config.providers?.[e.manifest.id]).configured,
      });
    const entry = registry.get(resolution.providerId)!;
    // A missing key fails every item of that provider: say so once, before anything runs.
    if (!keyStatus(ctx, entry, config.providers?.[entry.manifest.id]).configured && entry.manifest.apiKeyEnv) throw new MissingKeyError(entry.manifest.id, entry.manifest.apiKeyEnv);
    const plugin = await registry.load(resolution.providerId);
    const settings = config.providers?.[resolution.providerId];
    const model = chooseModel(plugin.models, capability, resolution.model, typeof settings?.defaultModel === 'string' ? settings.defaultModel : undefined);
    const key = `${resolution.providerId}:${model ?? '?'}`;
    plan.models[key] = (plan.models[key] ?? 0) + 1;
    const size = item.size ? parseSize(item.size) : undefined;
    const aspect = item.aspect ? parseAspect(item.aspect) : undefined;
    const estimate = estimateCost(plugin.models.find((m) => m.id === model), {
      kind: item.kind,
      prompt: item.prompt ?? '',
      count: item.count ?? 1,
      size,
      aspect,
      durationSeconds: item.duration,
    });
    if (estimate === undefined) plan.unpriced++;
    else plan.estimatedCostUsd += estimate;
  }
}
