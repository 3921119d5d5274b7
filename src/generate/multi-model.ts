/**
 * `-m a,b,c`: the same request to several models at once, for comparison. Each asset is labelled
 * with its model (in its file name, its JSON line and its sidecar) and all share a group id, so the
 * gallery shows them side by side. One model failing does not lose the others' results.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import { AutomarketError, UsageError } from '../errors.js';
import { DEFAULT_TEMPLATE } from '../assets/naming.js';
import type { AssetLine, GenerateFlags, PreparedRequest } from './run-generate.js';

export function splitModels(model: string | undefined): string[] {
  if (!model?.includes(',')) return [];
  const models = model.split(',').map((m) => m.trim()).filter(Boolean);
  const unique = [...new Set(models)];
  if (unique.length < 2) throw new UsageError(`-m "${model}" names one model`, { hint: 'list two or more: -m fal:fal-ai/flux/schnell,openai:gpt-image-1' });
  return unique;
}

/** The file name template with the model in it, so the files of one comparison never collide. */
export function templateWithModel(template: string | undefined): string {
  const base = template ?? DEFAULT_TEMPLATE;
  if (base.includes('{model}')) return base;
  return base.includes('.{ext}') ? base.replace('.{ext}', '-{provider}-{model}.{ext}') : `${base}-{provider}-{model}`;
}

type Prepare = (ctx: Context, kind: string, prompt: string | undefined, flags: GenerateFlags) => Promise<PreparedRequest>;
type Execute = (ctx: Context, prepared: PreparedRequest, flags: GenerateFlags) => Promise<AssetLine[]>;

export interface MultiModelSteps {
  prepare: Prepare;
  execute: Execute;
  dryRun: (ctx: Context, prepared: PreparedRequest) => void;
}

export async function generateAcrossModels(ctx: Context, kind: string, promptArg: string | undefined, flags: GenerateFlags, models: string[], steps: MultiModelSteps): Promise<AssetLine[]> {
  const { prepare, execute } = steps;
  if (flags.output === '-') throw new UsageError('-o - writes one asset to stdout, but -m names several models', { hint: 'write to a directory instead: -o out/' });
  const { config } = await ctx.config();
  const groupId = `cmp_${randomUUID().slice(0, 8)}`;
  const filenameTemplate = templateWithModel(config.output?.filename);
  // The first prepare reads the prompt and any stdin input once; the rest reuse what it read.
  const first = await prepare(ctx, kind, promptArg, { ...flags, model: models[0], groupId, filenameTemplate });
  if (first.target.mode === 'file') throw new UsageError(`-o ${flags.output} is one file, but -m names ${models.length} models`, { hint: 'give a directory: -o out/' });
  const reusedInputs = first.request.inputs.map((i) => i.url ?? i.path ?? i.name);
  const prepared = [first];
  for (const model of models.slice(1)) {
    prepared.push(await prepare(ctx, kind, first.request.prompt, { ...flags, model, input: reusedInputs, groupId, filenameTemplate }));
  }
  if (flags.dryRun) {
    for (const p of prepared) steps.dryRun(ctx, p);
    return [];
  }
  const settled = await Promise.allSettled(prepared.map((p) => execute(ctx, p, { ...flags, groupId })));
  const lines = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  const failures = settled
    .map((s, i) => ({ s, label: `${prepared[i]!.entry.manifest.id}:${prepared[i]!.request.model}` }))
    .filter((f): f is { s: PromiseRejectedResult; label: string } => f.s.status === 'rejected');
  if (failures.length) {
    const firstError = failures[0]!.s.reason as unknown;
    const detail = failures.map((f) => `${f.label}: ${f.s.reason instanceof Error ? f.s.reason.message : String(f.s.reason)}`).join('; ');
    const exitCode = firstError instanceof AutomarketError ? firstError.exitCode : 1;
    throw new AutomarketError(`${failures.length} of ${prepared.length} models failed: ${detail}`, exitCode, {
      code: firstError instanceof AutomarketError ? firstError.code : 'PROVIDER',
      hint: lines.length ? `the other ${prepared.length - failures.length} wrote their files` : firstError instanceof AutomarketError ? firstError.hint : undefined,
    });
  }
  return lines;
}
