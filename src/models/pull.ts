/**
 * `models pull provider:model`: fetches a model onto a local server (Ollama) with progress. The
 * provider's service must be up (or auto-started); the provider's discovery cache is dropped so
 * the next `models discover` shows the new model.
 */
import { rmSync } from 'node:fs';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { createProviderContext } from '../provider-context.js';
import { ensureProviderService } from '../services/ensure-running.js';
import { describeProgress } from '../generate/progress.js';
import type { ProgressEvent } from '../plugin/types.js';
import { cacheFile } from './cache.js';

export interface PullFlags {
  json?: boolean;
}

export async function modelsPull(ctx: Context, ref: string, flags: PullFlags): Promise<void> {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) throw new UsageError(`"${ref}" does not name provider and model`, { hint: 'write provider:model, for example automarket models pull ollama:llama3.2' });
  const providerId = ref.slice(0, colon);
  const model = ref.slice(colon + 1);
  const registry = await ctx.registry();
  const entry = registry.get(providerId);
  if (!entry) throw new UsageError(`Unknown provider "${providerId}"`, { hint: `known providers: ${registry.ids().join(', ')} (automarket providers list)` });
  const plugin = await registry.load(providerId);
  if (!plugin.pullModel) throw new UsageError(`Provider ${providerId} cannot pull models`, { hint: 'models pull is for local servers such as ollama' });
  await ctx.ui.ready();
  await ensureProviderService(ctx, entry);
  const label = `${providerId} ${model}`;
  const report = progressReporter(ctx, label);
  const providerCtx = await createProviderContext(ctx, entry, { onProgress: report, onWarning: (m) => ctx.ui.warn(m) });
  try {
    await plugin.pullModel(model, providerCtx);
  } finally {
    ctx.ui.stopStatus();
  }
  rmSync(cacheFile(ctx.paths.cacheDir, providerId), { force: true });
  if (flags.json) ctx.out(JSON.stringify({ provider: providerId, model, status: 'pulled' }));
  else ctx.out(`${providerId}:${model}`);
  ctx.ui.success(`✔ Pulled ${providerId}:${model}`);
}

/**
 * The spinner shows every event; without a terminal, one note per new status and per tenth of a
 * layer, so a log of a long pull stays readable.
 */
function progressReporter(ctx: Context, label: string): (event: ProgressEvent) => void {
  let lastLog: string | undefined;
  let lastTenth = -1;
  return (event) => {
    const text = describeProgress(event, label);
    if (text) ctx.ui.status(text);
    if (ctx.ui.interactive || event.phase !== 'running') return;
    const tenth = event.percent !== undefined ? Math.floor(event.percent / 10) : -1;
    if (event.log === lastLog && tenth === lastTenth) return;
    lastLog = event.log;
    lastTenth = tenth;
    ctx.ui.note(`${event.log ?? 'pulling'}${event.percent !== undefined ? ` ${Math.round(event.percent)}%` : ''}`);
  };
}
