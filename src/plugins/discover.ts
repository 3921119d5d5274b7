/**
 * The plugins named in config (`plugins`), found and read without running their code: each
 * package's manifest (package.json#automarket) says which providers and services it adds. A plugin
 * that cannot be found or read becomes a record with errors, never a failure of the whole run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import type { ProviderManifest } from '../registry.js';
import type { ModelInfo } from '../plugin/types.js';
import { checkProviderShape } from '../plugin/define.js';
import { locatePlugin } from './locate.js';
import { parsePluginManifest, type PluginServiceManifest } from './manifest.js';
import { importPluginModule } from './module.js';

export interface PluginRecord {
  /** As written in config (paths already absolute). */
  spec: string;
  /** Package name, or the file name of a single-file plugin. */
  name: string;
  version?: string;
  /** Package directory or file. */
  location?: string;
  scope?: 'path' | 'project' | 'global' | 'file';
  /** The module imported when one of its providers runs. */
  entry?: string;
  providers: Array<ProviderManifest & { models?: ModelInfo[] }>;
  services: PluginServiceManifest[];
  /** What is wrong with it; a record with errors adds nothing that failed. */
  errors: string[];
}

const cache = new WeakMap<Context, Promise<PluginRecord[]>>();

/** Every configured plugin, read once per run. */
export function discoverPlugins(ctx: Context): Promise<PluginRecord[]> {
  let pending = cache.get(ctx);
  if (!pending) {
    pending = readAll(ctx);
    cache.set(ctx, pending);
  }
  return pending;
}

async function readAll(ctx: Context): Promise<PluginRecord[]> {
  const loaded = await ctx.config();
  const specs = loaded.config.plugins ?? [];
  if (specs.length === 0) return [];
  const searchFrom = [ctx.cwd, ...loaded.files.filter((f) => f.origin !== 'user').map((f) => path.dirname(f.path))];
  let globalRoot: Promise<string | undefined> | undefined;
  const options = {
    searchFrom,
    globalRoot: () => (globalRoot ??= npmGlobalRoot(ctx)),
  };
  const records: PluginRecord[] = [];
  for (const spec of specs) records.push(await readOne(spec, options));
  return records;
}

async function readOne(spec: string, options: Parameters<typeof locatePlugin>[1]): Promise<PluginRecord> {
  const record: PluginRecord = { spec, name: spec, providers: [], services: [], errors: [] };
  const where = await locatePlugin(spec, options);
  if ('notFound' in where) {
    record.errors.push(where.notFound);
    return record;
  }
  if (where.kind === 'file') return readSingleFile(record, where.file);

  record.location = where.dir;
  record.scope = where.scope;
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(readFileSync(path.join(where.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch (err) {
    record.errors.push(`cannot read its package.json: ${(err as Error).message}`);
    return record;
  }
  if (typeof pkg.name === 'string') record.name = pkg.name;
  if (typeof pkg.version === 'string') record.version = pkg.version;
  const { manifest, problems } = parsePluginManifest(pkg, where.dir);
  record.errors.push(...problems);
  if (manifest) {
    record.entry = manifest.entry;
    record.providers = manifest.providers;
    record.services = manifest.services;
  }
  return record;
}

/**
 * A single-file plugin (`./plugins/my-provider.js`) has no package.json to describe it, so it is
 * imported to learn its providers. Publish a package with a manifest to avoid that.
 */
async function readSingleFile(record: PluginRecord, file: string): Promise<PluginRecord> {
  record.location = file;
  record.scope = 'file';
  record.entry = file;
  record.name = path.basename(file);
  try {
    const list = await importPluginModule(file);
    for (const candidate of list) {
      const problems = checkProviderShape(candidate);
      const id = String((candidate as { id?: unknown })?.id ?? '?');
      if (problems.length) {
        record.errors.push(`provider ${id}: ${problems.join('; ')}`);
        continue;
      }
      const p = candidate as ProviderManifest & { models: ModelInfo[] };
      record.providers.push({
        id: p.id,
        displayName: p.displayName,
        type: p.type,
        capabilities: p.capabilities,
        apiKeyEnv: p.apiKeyEnv,
        baseUrlEnv: p.baseUrlEnv,
        defaultBaseUrl: p.defaultBaseUrl,
        service: p.service,
        requiresKey: p.requiresKey,
        models: p.models,
      });
    }
  } catch (err) {
    record.errors.push((err as Error).message);
  }
  return record;
}

/** The global node_modules (`npm root -g`); undefined when npm is missing or fails. */
async function npmGlobalRoot(ctx: Context): Promise<string | undefined> {
  try {
    const r = await ctx.exec('npm', ['root', '-g'], { timeoutMs: 15_000 });
    const dir = r.stdout.trim();
    return r.exitCode === 0 && dir ? dir : undefined;
  } catch {
    return undefined;
  }
}
