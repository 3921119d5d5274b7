/**
 * `generate`, end to end: check every input before any network call, resolve provider and model,
 * run the provider with progress on the spinner, write each asset atomically, print results.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Context } from '../context.js';
import { isKind, capabilityFor, type Kind, KINDS } from '../kinds.js';
import { UsageError, TimeoutError, InterruptedError, AutomarketError } from '../errors.js';
import type { GenerateRequest, GenerateResult, InputRef, ModelInfo, ProviderPlugin, StandardOption } from '../plugin/types.js';
import { resolveProvider, chooseModel } from '../resolve.js';
import { createProviderContext, keyStatus } from '../provider-context.js';
import { planOutput, targetPath, type OutputTarget } from '../assets/naming.js';
import { assertWritable, ensureDirectory } from '../assets/write.js';
import { saveAsset } from '../assets/save.js';
import { extensionFor, mediaTypeForExtension } from '../assets/sniff.js';
import { parseAspect, parseFormat, parseInteger, parseNonNegativeNumber, parseParams, parsePositiveNumber, parseSize } from './options.js';
import { resolveInputs } from './inputs.js';
import { readPrompt } from './prompt.js';
import { describeProgress } from './progress.js';
import { writeSidecar } from './sidecar.js';
import { splitModels } from './multi-model.js';
import { checkMaxCost, estimateCost, parseMaxCost } from '../cost/estimate.js';
import type { Registry, RegistryEntry } from '../registry.js';
import { ensureProviderService } from '../services/ensure-running.js';

export interface GenerateFlags {
  provider?: string;
  model?: string;
  input?: string[];
  output?: string;
  count?: string;
  size?: string;
  aspect?: string;
  seed?: string;
  duration?: string;
  voice?: string;
  format?: string;
  at?: string;
  param?: string[];
  json?: boolean;
  dryRun?: boolean;
  maxCost?: string;
  timeout?: string;
  force?: boolean;
  quiet?: boolean;
  preview?: boolean;
  /** Internal (not flags): set by `-m a,b,c` so the assets of one comparison are grouped and named apart. */
  groupId?: string;
  filenameTemplate?: string;
}

/** Default seconds to wait per kind: video takes many minutes. */
export const DEFAULT_TIMEOUTS: Record<Kind, number> = { image: 600, audio: 600, text: 600, video: 1800 };

/** Prompts may be left out when an input carries the job (transcribe, extract, convert). */
const PROMPT_OPTIONAL = new Set(['audio-to-text', 'video-to-audio', 'video-to-image', 'audio-to-audio', 'video-to-video', 'image-to-text', 'video-to-text']);

export interface AssetLine {
  path?: string;
  kind: Kind;
  mediaType: string;
  bytes: number;
  provider: string;
  model: string;
  prompt: string;
  text?: string;
  seed?: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
  requestId?: string;
  jobId?: string;
  costUsd?: number;
  elapsedMs: number;
  warnings?: string[];
  /** Shared by the assets of one `-m a,b,c` comparison. */
  groupId?: string;
}

export interface PreparedRequest {
  kind: Kind;
  entry: RegistryEntry;
  plugin: ProviderPlugin;
  request: Omit<GenerateRequest, 'signal'>;
  target: OutputTarget;
  force: boolean;
  timeoutSeconds: number;
  reason: string;
  modelInfo?: ModelInfo;
  warnings: string[];
  /** Text output with no -o is printed on stdout instead of filed. */
  printText: boolean;
  /** From the catalogue's published price; undefined when the model has none. */
  estimatedCostUsd?: number;
}

export async function generateCommand(ctx: Context, kindArg: string, promptArg: string | undefined, flags: GenerateFlags): Promise<AssetLine[]> {
  const models = splitModels(flags.model);
  if (models.length) {
    const { generateAcrossModels } = await import('./multi-model.js');
    const lines = await generateAcrossModels(ctx, kindArg, promptArg, flags, models, { prepare: prepareGenerate, execute: executeGenerate, dryRun: printDryRun });
    await maybePreview(ctx, flags, lines);
    return lines;
  }
  const prepared = await prepareGenerate(ctx, kindArg, promptArg, flags);
  if (flags.dryRun) {
    printDryRun(ctx, prepared);
    return [];
  }
  const lines = await executeGenerate(ctx, prepared, flags);
  await maybePreview(ctx, flags, lines);
  return lines;
}

async function maybePreview(ctx: Context, flags: GenerateFlags, lines: AssetLine[]): Promise<void> {
  if (!(flags.preview ?? (await ctx.config()).config.defaults?.preview)) return;
  const { showPreviews } = await import('../preview/show.js');
  await showPreviews(ctx, lines);
}

export async function prepareGenerate(ctx: Context, kindArg: string, promptArg: string | undefined, flags: GenerateFlags): Promise<PreparedRequest> {
  if (!isKind(kindArg)) throw new UsageError(`Unknown kind "${kindArg}"`, { hint: `use one of: ${KINDS.join(', ')}` });
  const kind = kindArg;
  const inputValues = flags.input ?? [];
  // Check every flag before touching stdin, the config or the network.
  const count = flags.count !== undefined ? parseInteger('--count', flags.count, 1, 16, 4) : 1;
  const size = flags.size !== undefined ? parseSize(flags.size) : undefined;
  const aspect = flags.aspect !== undefined ? parseAspect(flags.aspect) : undefined;
  const seed = flags.seed !== undefined ? parseInteger('--seed', flags.seed, 0, 2 ** 32 - 1, 42) : undefined;
  const durationSeconds = flags.duration !== undefined ? parsePositiveNumber('--duration', flags.duration) : undefined;
  const atSeconds = flags.at !== undefined ? parseNonNegativeNumber('--at', flags.at) : undefined;
  const format = flags.format !== undefined ? parseFormat(flags.format) : undefined;
  const params = parseParams(flags.param ?? []);
  const maxCost = flags.maxCost !== undefined ? parseMaxCost(flags.maxCost) : undefined;
  const timeoutFlag = flags.timeout !== undefined ? parsePositiveNumber('--timeout', flags.timeout, 600) : undefined;
  if (flags.voice !== undefined && flags.voice.trim() === '') throw new UsageError('Empty --voice', { hint: 'name a voice, for example --voice alloy' });
  if (flags.output === '-' && ctx.io.stdout.isTTY) throw new UsageError('-o - writes raw bytes to stdout, but stdout is a terminal', { hint: 'pipe it (| other-command) or redirect it (> file), or use -o <file>' });
  if (flags.output === '-' && count > 1) throw new UsageError('-o - writes one asset to stdout, but --count is more than 1', { hint: 'write to a directory instead: -o out/' });

  const inputs: InputRef[] = await resolveInputs(inputValues, { cwd: ctx.cwd, stdin: ctx.io.stdin, tempDir: () => ctx.tempDir() });
  const capability = capabilityFor(kind, inputs[0]?.kind);
  const stdinUsed = inputValues.includes('-');
  if (promptArg === '-' && stdinUsed) throw new UsageError('The prompt and -i cannot both read stdin', { hint: 'pass the prompt as an argument' });
  let prompt = (await readPrompt(promptArg, ctx.io.stdin, stdinUsed || inputs.length > 0)) ?? '';
  if (prompt === '' && !PROMPT_OPTIONAL.has(capability)) {
    if (promptArg === undefined && ctx.canPrompt) {
      const { askText } = await import('../ui/prompts.js');
      prompt = (await askText('Prompt:')).trim();
    }
    if (prompt === '') {
      throw new UsageError('The prompt is empty', { hint: `give one: automarket generate ${kind} "a lighthouse at dusk" (or pipe it on stdin)` });
    }
  }

  const loaded = await ctx.config();
  const config = loaded.config;
  const registry = await ctx.registry();
  let resolution = resolveProvider({
    kind,
    capability,
    provider: flags.provider,
    model: flags.model,
    config,
    registry,
    isConfigured: (e) => keyStatus(ctx, e, config.providers?.[e.manifest.id]).configured,
  });
  if (resolution.reason === 'fallback-local' && ctx.canPrompt && !flags.model) {
    // Nothing configured and someone at the keyboard: offer the providers that can do the job.
    const { offerProviders } = await import('./offer-providers.js');
    resolution = await offerProviders(ctx, registry, capability, resolution);
  }
  const entry = registry.get(resolution.providerId)!;
  const status = keyStatus(ctx, entry, config.providers?.[entry.manifest.id]);
  if (!status.configured && entry.manifest.apiKeyEnv) {
    const { MissingKeyError } = await import('../errors.js');
    throw new MissingKeyError(entry.manifest.id, entry.manifest.apiKeyEnv);
  }
  const plugin = await registry.load(entry.manifest.id);
  const providerSettings = config.providers?.[entry.manifest.id];
  const model = chooseModel(plugin.models, capability, resolution.model, typeof providerSettings?.defaultModel === 'string' ? providerSettings.defaultModel : undefined);
  if (!model) {
    throw new UsageError(`Provider ${entry.manifest.id} has no model for ${capability}`, { hint: `name one with -m (automarket models list ${entry.manifest.id})` });
  }
  const modelInfo = plugin.models.find((m) => m.id === model);

  const warnings = unsupportedOptionWarnings(modelInfo, { size, aspect, seed, count: count > 1 ? count : undefined, duration: durationSeconds, voice: flags.voice, format, at: atSeconds });
  const estimatedCostUsd = estimateCost(modelInfo, { kind, prompt, count, size, aspect, durationSeconds });
  if (maxCost !== undefined && estimatedCostUsd === undefined) ctx.ui.warn(`${model} has no published price, so --max-cost cannot check it`);
  // Refused before anything touches the disk or the network.
  checkMaxCost(estimatedCostUsd, maxCost, `${entry.manifest.id} ${model}`);
  const target = planOutput(flags.output, ctx.cwd, config.output?.dir, flags.filenameTemplate ?? config.output?.filename, isDirectory);
  const force = Boolean(flags.force);
  // Output problems are found before any network call; a dry run checks but creates nothing.
  if (target.mode === 'file') {
    if (!flags.dryRun) await ensureDirectory(dirnameOf(target.path));
    for (let i = 1; i <= count; i++) await assertWritable(targetPath(target, nameVars(kind, prompt, entry.manifest.id, model, i, seed, format), count), force);
  } else if (target.mode === 'dir' && !(kind === 'text' && flags.output === undefined) && !flags.dryRun) {
    await ensureDirectory(target.dir);
  }
  // Said only once every check has passed, so a bad-input run prints its one error line alone.
  if (resolution.reason === 'fallback-local') {
    ctx.ui.note('No provider is configured: using the offline `local` provider (drafts). Set FAL_KEY (or another provider key) or run `automarket init` for real models.');
  }
  const outputExtension = target.mode === 'file' ? extensionOf(target.path) : undefined;
  const timeoutSeconds = timeoutFlag ?? (typeof providerSettings?.timeout === 'number' ? providerSettings.timeout : undefined) ?? config.timeouts?.[kind] ?? config.defaults?.timeout ?? DEFAULT_TIMEOUTS[kind];
  const request = { capability, kind, model, prompt, inputs, count, size, aspect, seed, durationSeconds, voice: flags.voice, format, atSeconds, ...(outputExtension ? { outputExtension } : {}), params };
  return {
    kind,
    entry,
    plugin,
    target,
    estimatedCostUsd,
    force,
    timeoutSeconds,
    reason: resolution.reason,
    modelInfo,
    warnings,
    printText: kind === 'text' && flags.output === undefined,
    request,
  };
}

/** Ties the journal record to a batch item, so a rerun of the batch finds it. */
export interface BatchBinding {
  batchId?: string;
  itemId?: string;
}

/**
 * Held while the provider works on the job (a batch's concurrency slots): waits for a slot and
 * returns the function that gives it back. The job's timeout starts once the slot is held.
 */
export type ProviderGate = () => Promise<() => void>;

export async function executeGenerate(ctx: Context, prepared: PreparedRequest, flags: GenerateFlags, batch: BatchBinding = {}, gate?: ProviderGate): Promise<AssetLine[]> {
  const { entry, plugin, request, kind } = prepared;
  await ctx.ui.ready();
  await ensureProviderService(ctx, entry); // a Docker-backed provider: up, auto-started, or "run: service start X"
  for (const w of prepared.warnings) ctx.ui.warn(w);
  const label = `${entry.manifest.id} ${request.model}`;
  const release = gate ? await gate() : undefined;
  const started = ctx.clock.now();
  ctx.ui.status(`Starting ${label}`);

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new TimeoutError(`timed out after ${prepared.timeoutSeconds} s`)), prepared.timeoutSeconds * 1000);
  timer.unref();
  const signal = AbortSignal.any([ctx.signal, timeout.signal]);
  const warnings = [...prepared.warnings];
  let jobId: string | undefined;
  let result: GenerateResult;
  try {
    const providerCtx = await createProviderContext(ctx, entry, {
      signal,
      onProgress: (event) => {
        const text = describeProgress(event, label);
        if (text) ctx.ui.status(text);
        if (event.phase === 'running' && event.log) ctx.ui.debug(`${entry.manifest.id}: ${event.log}`);
      },
      onWarning: (message) => {
        warnings.push(message);
        ctx.ui.warn(message);
      },
      job: {
        model: request.model,
        capability: request.capability,
        prompt: request.prompt,
        inputsDigest: digestRequest(entry.manifest.id, request),
        output: prepared.target.mode === 'stdout' ? { mode: 'stdout' } : { ...prepared.target, ...(prepared.printText ? { printText: true } : {}) },
        onJob: (id) => (jobId = id),
        ...batch,
      },
    });
    try {
      result = await plugin.generate({ ...request, signal }, providerCtx);
    } catch (err) {
      ctx.ui.stopStatus();
      throw failedJob(ctx, jobId, err, {
        timedOut: timeout.signal.aborted && !ctx.signal.aborted,
        label,
        timeoutSeconds: prepared.timeoutSeconds,
      });
    }
  } finally {
    clearTimeout(timer);
    // The provider is done (or failed): the slot goes to the next job while this one's files are written.
    release?.();
  }
  warnings.push(...(result.warnings ?? []).filter((w) => !warnings.includes(w)));
  for (const w of result.warnings ?? []) ctx.ui.warn(w);
  // Not fsync'd (Journal.note): a crashed process keeps it; a power cut leaves the job at an earlier
  // unfinished status, which `jobs resume` handles.
  if (jobId) ctx.journal.note({ id: jobId, status: 'completed', costUsd: result.costUsd });
  try {
    const lines = await writeResult(ctx, prepared, result, { started, jobId, warnings, signal: ctx.signal, label, groupId: flags.groupId });
    const outputs = lines.map((l) => ({ path: l.path, mediaType: l.mediaType, bytes: l.bytes }));
    const group = flags.groupId ? { groupId: flags.groupId } : {};
    // Not fsync'd: the files themselves are renamed into place without an fsync, so after a power
    // cut a durable `saved` could claim a file the disk lost; left at `completed`, resume refetches.
    if (jobId) ctx.journal.note({ id: jobId, status: 'saved', outputs, ...group });
    // Local runs have no remote job; a saved record still goes to the journal so `history` lists them.
    else ctx.journal.note({ id: ctx.journal.newId(), provider: entry.manifest.id, model: request.model, capability: request.capability, status: 'saved', prompt: request.prompt, outputs, costUsd: result.costUsd, createdAt: new Date().toISOString(), ...group, ...batch });
    return lines;
  } catch (err) {
    if (jobId) await ctx.journal.commit({ id: jobId, status: 'completed', error: err instanceof Error ? err.message : String(err) });
    if (ctx.signal.aborted) throw new InterruptedError();
    if (err instanceof AutomarketError && jobId && !err.hint) {
      throw new AutomarketError(err.message, err.exitCode, { code: err.code, hint: `the result is kept: \`automarket jobs resume ${jobId}\``, data: { jobId } });
    }
    throw err;
  } finally {
    ctx.ui.stopStatus();
    void kind;
  }
}

/**
 * Records why a remote job stopped and turns the error into what the user should read. A timeout
 * never abandons a job silently: the message names the job and how to pick it up.
 */
export function failedJob(ctx: Context, jobId: string | undefined, err: unknown, how: { timedOut: boolean; label: string; timeoutSeconds: number }): unknown {
  const record = jobId ? ctx.journal.get(jobId) : undefined;
  if (how.timedOut) {
    if (jobId) ctx.journal.append({ id: jobId, status: 'timeout' });
    if (record?.requestId) {
      return new TimeoutError(`${how.label} did not finish within ${how.timeoutSeconds} s; it is still running remotely as job ${jobId}`, {
        hint: `\`automarket jobs resume ${jobId}\` fetches the result later without paying again (or raise --timeout)`,
        data: { jobId, requestId: record.requestId },
      });
    }
    if (jobId) {
      return new TimeoutError(`${how.label}: the submit got no answer within ${how.timeoutSeconds} s; the provider may still run it (recorded as job ${jobId})`, {
        hint: "check the provider's dashboard before trying again, or raise --timeout",
        data: { jobId },
      });
    }
    return new TimeoutError(`${how.label} did not finish within ${how.timeoutSeconds} s`, { hint: 'raise --timeout' });
  }
  // A job the provider cancelled on Ctrl-C stays `canceled`: `jobs resume --all` must not revive it.
  if (jobId && record?.status !== 'canceled') {
    ctx.journal.append({ id: jobId, status: ctx.signal.aborted ? 'interrupted' : 'failed', error: err instanceof Error ? err.message : String(err) });
  }
  if (ctx.signal.aborted) return new InterruptedError();
  if (err instanceof AutomarketError && jobId && record?.requestId && !err.hint && !err.data?.jobId) {
    return new AutomarketError(err.message, err.exitCode, { code: err.code, hint: `the job is recorded: \`automarket jobs show ${jobId}\``, data: { ...err.data, jobId } });
  }
  return err;
}

interface WriteContext {
  started: number;
  jobId?: string;
  warnings: string[];
  signal: AbortSignal;
  label: string;
  groupId?: string;
}

/** Writes every asset of a result and prints one line (or JSON line) each. Used by generate and jobs resume. */
export async function writeResult(ctx: Context, prepared: Pick<PreparedRequest, 'kind' | 'entry' | 'request' | 'target' | 'force' | 'printText'>, result: GenerateResult, w: WriteContext): Promise<AssetLine[]> {
  const { config } = await ctx.config();
  const { entry, request, target, kind } = prepared;
  const lines: AssetLine[] = [];
  const assets = result.assets;
  if (assets.length === 0) throw new AutomarketError(`${w.label} returned no output`, 1, { code: 'PROVIDER' });
  for (let i = 0; i < assets.length; i++) {
    const asset = assets[i]!;
    const seed = asset.seed ?? result.seed ?? request.seed;
    const base: Omit<AssetLine, 'mediaType' | 'bytes'> = {
      kind: asset.kind,
      provider: entry.manifest.id,
      model: request.model,
      prompt: request.prompt,
      ...(seed !== undefined ? { seed } : {}),
      ...(result.requestId ? { requestId: result.requestId } : {}),
      ...(w.jobId ? { jobId: w.jobId } : {}),
      ...(result.costUsd !== undefined && i === 0 ? { costUsd: result.costUsd } : {}),
      ...(w.groupId ? { groupId: w.groupId } : {}),
      elapsedMs: 0,
    };
    // Text with no -o is printed, not filed: `generate text "..."` answers on stdout.
    if (asset.kind === 'text' && asset.text !== undefined && (target.mode === 'stdout' || prepared.printText)) {
      const line: AssetLine = { ...base, mediaType: asset.mediaType ?? 'text/plain', bytes: Buffer.byteLength(asset.text), text: asset.text, elapsedMs: ctx.clock.now() - w.started };
      if (w.warnings.length) line.warnings = w.warnings;
      if (ctx.options.json) ctx.out(JSON.stringify(line));
      else ctx.out(asset.text);
      lines.push(line);
      continue;
    }
    let saved;
    if (target.mode === 'stdout') {
      saved = await saveAsset(asset, { mode: 'stdout' }, saveDeps(ctx, config.output?.maxBytes));
    } else {
      const ext = pickExtension(asset.mediaType, asset.fileName, request.format, kind);
      const file = targetPath(target, nameVars(asset.kind, request.prompt, entry.manifest.id, request.model, i + 1, seed, ext, w.jobId), assets.length);
      saved = await saveAsset(asset, { mode: 'file', path: file, force: prepared.force, nextFreeName: target.mode === 'dir' }, saveDeps(ctx, config.output?.maxBytes));
    }
    const line: AssetLine = {
      ...base,
      ...(saved.path ? { path: saved.path } : {}),
      mediaType: saved.mediaType,
      bytes: saved.bytes,
      ...(saved.width !== undefined ? { width: saved.width } : {}),
      ...(saved.height !== undefined ? { height: saved.height } : {}),
      ...(asset.durationSeconds !== undefined ? { durationSeconds: asset.durationSeconds } : {}),
      elapsedMs: ctx.clock.now() - w.started,
    };
    if (w.warnings.length) line.warnings = w.warnings;
    if (saved.path && config.output?.sidecar) {
      await writeSidecar(saved.path, { ...line, capability: request.capability, params: request.params, inputs: request.inputs.map((x) => x.url ?? x.name), metadata: result.metadata, automarket: ctx.version, createdAt: new Date(w.started).toISOString() }, prepared.force, ctx.secrets);
    }
    lines.push(line);
    if (target.mode === 'stdout') continue; // the bytes were the result
    if (ctx.options.json) ctx.out(JSON.stringify(line));
    else ctx.out(saved.path!);
  }
  ctx.ui.stopStatus();
  if (!ctx.options.json) {
    const written = lines.filter((l) => l.path);
    if (written.length) ctx.ui.success(`✔ ${written.length === 1 ? `Wrote ${describeLine(written[0]!)}` : `Wrote ${written.length} files`} in ${((ctx.clock.now() - w.started) / 1000).toFixed(1)} s`);
  }
  return lines;
}

function describeLine(line: AssetLine): string {
  const dims = line.width && line.height ? `${line.width}x${line.height} ` : '';
  return `${line.path} (${dims}${line.mediaType}, ${formatBytes(line.bytes)})`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1_048_576) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1_048_576).toFixed(1)} MB`;
}

function saveDeps(ctx: Context, maxBytes: number | undefined) {
  return {
    http: ctx.http,
    clock: ctx.clock,
    signal: ctx.signal,
    maxBytes,
    tempDir: () => ctx.tempDir(),
    stdout: ctx.io.stdout,
    onProgress: (received: number, total: number | undefined) => {
      const text = describeProgress({ phase: 'downloading', receivedBytes: received, totalBytes: total }, '');
      if (text) ctx.ui.status(text);
    },
  };
}

function pickExtension(mediaType: string | undefined, fileName: string | undefined, format: string | undefined, kind: Kind): string {
  if (mediaType) return extensionFor(mediaType);
  const fromName = fileName?.includes('.') ? fileName.split('.').pop()!.toLowerCase() : undefined;
  if (fromName && mediaTypeForExtension(fromName)) return fromName;
  if (format) return format;
  return { image: 'png', video: 'mp4', audio: 'mp3', text: 'txt' }[kind];
}

function nameVars(kind: Kind, prompt: string, provider: string, model: string, index: number, seed: number | undefined, ext: string | undefined, id?: string) {
  return { kind, prompt, provider, model, index, seed, ext: ext ?? 'bin', id, date: new Date() };
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** "wav" for "out/hi.WAV"; undefined when the file name has no extension. */
function extensionOf(p: string): string | undefined {
  const name = p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : undefined;
}

function dirnameOf(p: string): string {
  return p.slice(0, Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'))) || '/';
}

/** Options the user set that the model's catalogue entry does not list: warnings, never silent drops. */
export function unsupportedOptionWarnings(model: ModelInfo | undefined, set: Partial<Record<StandardOption, unknown>>): string[] {
  if (!model?.supports) return [];
  const flags: Record<StandardOption, string> = { size: '--size', aspect: '--aspect', seed: '--seed', count: '--count', duration: '--duration', voice: '--voice', format: '--format', at: '--at' };
  return (Object.keys(set) as StandardOption[])
    .filter((k) => set[k] !== undefined && !model.supports!.includes(k))
    .map((k) => `${model.id} does not support ${flags[k]}; it was ignored`);
}

/** A digest of what was asked, so a batch rerun can find the job it already paid for. */
export function digestRequest(provider: string, request: Omit<GenerateRequest, 'signal'>): string {
  const { inputs, ...rest } = request;
  const canonical = JSON.stringify({ provider, ...rest, inputs: inputs.map((i) => i.url ?? `${i.name}:${i.bytes}`) });
  return createHash('sha256').update(canonical).digest('hex');
}

function printDryRun(ctx: Context, prepared: PreparedRequest): void {
  const { request } = prepared;
  const plan = {
    dryRun: true,
    provider: prepared.entry.manifest.id,
    model: request.model,
    capability: request.capability,
    chosenBy: prepared.reason,
    request: {
      prompt: request.prompt,
      inputs: request.inputs.map((i) => ({ name: i.name, kind: i.kind, mediaType: i.mediaType })),
      count: request.count,
      ...(request.size ? { size: `${request.size.width}x${request.size.height}` } : {}),
      ...(request.aspect ? { aspect: `${request.aspect.width}:${request.aspect.height}` } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.durationSeconds !== undefined ? { durationSeconds: request.durationSeconds } : {}),
      ...(request.voice ? { voice: request.voice } : {}),
      ...(request.format ? { format: request.format } : {}),
      ...(request.atSeconds !== undefined ? { atSeconds: request.atSeconds } : {}),
      params: request.params,
    },
    output: prepared.target.mode === 'stdout' ? '-' : prepared.target.mode === 'file' ? prepared.target.path : prepared.target.dir,
    timeoutSeconds: prepared.timeoutSeconds,
    estimatedCostUsd: prepared.estimatedCostUsd ?? null,
    ...(prepared.warnings.length ? { warnings: prepared.warnings } : {}),
  };
  for (const w of prepared.warnings) ctx.ui.warn(w);
  ctx.out(ctx.options.json ? JSON.stringify(plan) : JSON.stringify(plan, null, 2));
}

export type { Registry };
