/**
 * `automarket batch <file.jsonl|file.csv|->`: check and estimate every line first, ask on a terminal,
 * then run the items with a global and per-provider concurrency limit, streaming the file (memory
 * stays flat at any size) and printing one result line per written asset as it lands.
 */
import path from 'node:path';
import { Context } from '../context.js';
import { AutomarketError, InputError, InterruptedError, UsageError, isAbortError } from '../errors.js';
import { isKind, KINDS } from '../kinds.js';
import { checkMaxCost, formatUsd, parseMaxCost } from '../cost/estimate.js';
import { parseInteger } from '../generate/options.js';
import { DEFAULT_OUTPUT_DIR } from '../assets/naming.js';
import { batchJobs } from '../jobs/read.js';
import { openBatchSource, readItems } from './source.js';
import { planBatch, type BatchPlan } from './plan.js';
import { BatchState } from './state.js';
import { Limiter, acquireAll } from './limiter.js';
import { keepYoungGenerationSmall } from '../heap.js';
import { BatchProgress } from './progress.js';
import { runItem, type ItemEnv } from './run-item.js';
import type { ItemDefaults } from './items.js';

export interface BatchFlags {
  concurrency?: string;
  output?: string;
  json?: boolean;
  dryRun?: boolean;
  maxCost?: string;
  yes?: boolean;
  quiet?: boolean;
  kind?: string;
  provider?: string;
  model?: string;
}

const DEFAULT_CONCURRENCY = 4;
/** Workers beyond --concurrency that prepare the next items and write finished ones (see below). */
const EXTRA_WORKERS = 4;

export async function batchCommand(ctx: Context, fileArg: string, flags: BatchFlags): Promise<void> {
  const maxCost = flags.maxCost !== undefined ? parseMaxCost(flags.maxCost) : undefined;
  if (flags.kind !== undefined && !isKind(flags.kind)) throw new UsageError(`Unknown --kind "${flags.kind}"`, { hint: `use one of: ${KINDS.join(', ')}` });
  const { config } = await ctx.config();
  const concurrency = flags.concurrency !== undefined ? parseInteger('--concurrency', flags.concurrency, 1, 256, 8) : (config.batch?.concurrency ?? DEFAULT_CONCURRENCY);
  const defaults: ItemDefaults = { kind: flags.kind as ItemDefaults['kind'], provider: flags.provider, model: flags.model };

  const source = await openBatchSource(fileArg, { cwd: ctx.cwd, stdin: ctx.io.stdin, tempDir: () => ctx.tempDir() });
  const plan = await planBatch(ctx, source, defaults);
  if (plan.items === 0) throw new InputError(`${source.where} has no items`, { hint: 'one JSON object per line, or a CSV header row and one row per item' });
  const estimate = describeEstimate(plan);
  if (maxCost !== undefined && plan.unpriced > 0) ctx.ui.warn(`${plan.unpriced} item(s) use models with no published price; --max-cost cannot count them`);
  checkMaxCost(plan.estimatedCostUsd, maxCost, `The batch (${plan.items} items)`, plan.unpriced);
  if (flags.dryRun) {
    const out = { dryRun: true, file: source.where, items: plan.items, estimatedCostUsd: plan.estimatedCostUsd, unpricedItems: plan.unpriced, models: plan.models, concurrency };
    ctx.out(ctx.options.json ? JSON.stringify(out) : JSON.stringify(out, null, 2));
    return;
  }
  if (!flags.yes && ctx.canPrompt) {
    const { askConfirm } = await import('../ui/prompts.js');
    if (!(await askConfirm(`Run ${plan.items} items (${estimate})?`, true))) throw new InterruptedError('Batch not started');
  } else {
    ctx.ui.note(`batch: ${plan.items} items, ${estimate}`);
  }

  keepYoungGenerationSmall(); // thousands of jobs in one process: see src/heap.ts
  const state = new BatchState(ctx.paths.stateDir, source.batchId);
  await state.load();
  const jobs = await batchJobs(ctx.journal.file, source.batchId);
  // The items' results are printed by the batch itself, one line each; they never prompt or spin.
  const itemCtx = Context.headless({ env: ctx.env, cwd: ctx.cwd, signal: ctx.signal, clock: ctx.clock, stderr: ctx.io.stderr, config: ctx.options.config, verbose: ctx.options.verbose, quiet: true });
  const limiters = new Map<string, Limiter>();
  // --concurrency counts jobs at the providers. A few more workers than that read, check and write
  // items meanwhile, so a slot never waits for local work (prepare before, file writes after).
  const jobSlots = new Limiter(concurrency);
  const workers = Math.min(plan.items, concurrency + Math.min(concurrency, EXTRA_WORKERS));
  // Live only where a spinner would be (both streams a terminal, no --json/--quiet): with stdout piped
  // or redirected the batch is being scripted, and the redraws would only litter a captured stderr.
  const progress = new BatchProgress(plan.items, ctx.io.stderr, ctx.ui.interactive);
  const env: ItemEnv = {
    ctx: itemCtx,
    batchId: source.batchId,
    state,
    jobs,
    outputDir: path.resolve(ctx.cwd, flags.output ?? config.output?.dir ?? DEFAULT_OUTPUT_DIR),
    gateFor(providerId) {
      let limiter = limiters.get(providerId);
      if (!limiter) {
        const limit = config.providers?.[providerId]?.concurrency;
        limiter = new Limiter(typeof limit === 'number' && limit > 0 ? limit : Number.MAX_SAFE_INTEGER);
        limiters.set(providerId, limiter);
      }
      // The provider's limit first, then the batch's: every job takes them in that order.
      const both = [limiter, jobSlots];
      return () => acquireAll(both);
    },
    onRunning(running) {
      progress.running += running ? 1 : -1;
    },
  };

  const failed: string[] = [];
  const started = ctx.clock.now();
  const items = readItems(source, defaults);
  progress.start();
  const worker = async () => {
    for (;;) {
      if (ctx.signal.aborted) return;
      const next = await items.next();
      if (next.done) return;
      const item = next.value;
      try {
        const outcome = await runItem(env, item);
        if (outcome.status === 'skipped') {
          progress.skipped++;
          continue;
        }
        progress.done++;
        if (outcome.resumed) progress.resumed++;
        for (const line of outcome.lines) {
          progress.costUsd += line.costUsd ?? 0;
          if (ctx.options.json) ctx.out(JSON.stringify({ id: item.id, ...line }));
          else if (line.path) progress.above(() => ctx.out(line.path!));
        }
      } catch (err) {
        if (ctx.signal.aborted && (isAbortError(err) || err instanceof InterruptedError)) return;
        progress.failed++;
        failed.push(item.id);
        const message = itemCtx.secrets.redact(err instanceof Error ? err.message : String(err));
        progress.print(`error: item ${item.id} (line ${item.line}): ${message}`);
      } finally {
        itemCtx.ui.warnings.length = 0; // nothing per item is kept: memory stays flat
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    progress.stop();
    state.close();
    itemCtx.dispose();
  }
  const seconds = ((ctx.clock.now() - started) / 1000).toFixed(1);
  const summary = `batch: ${progress.done} written${progress.resumed ? ` (${progress.resumed} resumed)` : ''}, ${progress.failed} failed, ${progress.skipped} skipped of ${plan.items} in ${seconds} s, cost ${formatUsd(progress.costUsd)}`;
  if (ctx.signal.aborted) {
    ctx.io.stderr.write(`${summary} (interrupted: run the same command again to finish)\n`);
    throw new InterruptedError();
  }
  if (!ctx.options.quiet) ctx.io.stderr.write(`${summary}\n`);
  if (failed.length) {
    const shown = failed.slice(0, 20).join(', ') + (failed.length > 20 ? `, and ${failed.length - 20} more` : '');
    throw new AutomarketError(`${failed.length} of ${plan.items} items failed: ${shown}`, 1, {
      code: 'BATCH_FAILED',
      hint: 'fix them and run the same command again: written items are skipped, submitted jobs are picked up',
      data: { failed },
    });
  }
}

function describeEstimate(plan: BatchPlan): string {
  const priced = `estimated ${formatUsd(plan.estimatedCostUsd)}`;
  return plan.unpriced ? `${priced} plus ${plan.unpriced} item(s) with no published price` : priced;
}
