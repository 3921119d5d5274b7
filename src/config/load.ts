/**
 * Loads the config: the user config in AUTOMARKET_HOME, then either the file named by --config or the
 * project config that cosmiconfig finds searching up from the working directory; later files win.
 * Each file is interpolated (`${VAR}`) and validated on its own, so an error names the file it is in.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { interpolate } from './interpolate.js';
import { configParseError } from './parse-error.js';
import { validateConfig } from './validate.js';
import type { AutomarketConfig, ConfigFile, ConfigOrigin, LoadedConfig } from './types.js';

export const SEARCH_PLACES = [
  'package.json',
  '.automarketrc',
  '.automarketrc.json',
  '.automarketrc.yaml',
  '.automarketrc.yml',
  'automarket.config.json',
  'automarket.config.yaml',
  'automarket.config.yml',
  'automarket.config.js',
  'automarket.config.mjs',
  'automarket.config.cjs',
];

export interface LoadConfigOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  userConfigPath: string;
  explicitPath?: string;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const explorer = await configExplorer();
  const layers: Array<{ file: ConfigFile; data: AutomarketConfig }> = [];

  const readFile = async (filePath: string, origin: ConfigOrigin) => {
    let result;
    try {
      result = await explorer.load(filePath);
    } catch (err) {
      throw configParseError(filePath, err);
    }
    if (result && !result.isEmpty) layers.push(await prepare(result.config, { path: filePath, origin }, options.env));
  };

  if (existsSync(options.userConfigPath)) await readFile(options.userConfigPath, 'user');
  if (options.explicitPath) {
    const explicit = path.resolve(options.cwd, options.explicitPath);
    if (!existsSync(explicit)) {
      throw new ConfigError(`Config file not found: ${explicit}`, { hint: 'check the --config path' });
    }
    await readFile(explicit, 'explicit');
  } else {
    let found;
    try {
      found = await searchProject(explorer, options.cwd);
    } catch (err) {
      const file = (err as { filepath?: string }).filepath ?? fileFromMessage(err);
      throw configParseError(file ?? 'config file', err);
    }
    if (found && !found.isEmpty && path.resolve(found.filepath) !== path.resolve(options.userConfigPath)) {
      layers.push(await prepare(found.config, { path: found.filepath, origin: 'project' }, options.env));
    }
  }

  const config: AutomarketConfig = {};
  const sources: Record<string, ConfigFile> = {};
  for (const layer of layers) mergeInto(config as Record<string, unknown>, layer.data as Record<string, unknown>, layer.file, sources, '');
  return { config, files: layers.map((l) => l.file), sources };
}

type Explorer = { load(file: string): Promise<{ config: unknown; filepath: string; isEmpty?: boolean } | null> };
let explorerInstance: Promise<Explorer> | undefined;

/**
 * One cosmiconfig explorer per process (building one searches for cosmiconfig's own meta config),
 * without its cache, so a long-lived process still sees edited files. Data files (JSON, YAML, rc)
 * go through cosmiconfig's synchronous loader: one read of a small file, where the asynchronous one
 * costs four thread-pool round trips on every run; code files (.js/.mjs/.cjs) need the async import.
 */
function configExplorer(): Promise<Explorer> {
  explorerInstance ??= import('cosmiconfig').then(({ cosmiconfig, cosmiconfigSync }) => {
    const options = { searchPlaces: SEARCH_PLACES, searchStrategy: 'project' as const, cache: false };
    const asyncExplorer = cosmiconfig('automarket', options);
    // Its search places must all be loadable synchronously (it checks them when built).
    const syncExplorer = cosmiconfigSync('automarket', { ...options, searchPlaces: SEARCH_PLACES.filter((p) => !p.endsWith('.mjs')) });
    return {
      load: async (file: string) => (/\.[cm]?js$/.test(file) ? asyncExplorer.load(file) : syncExplorer.load(file)),
    };
  });
  return explorerInstance;
}

/**
 * cosmiconfig's `project` search, done with cheap synchronous stats: cosmiconfig tries to read every
 * search place (11) in every directory up to the project root, each a failed open on the thread
 * pool, on every run. From `cwd` up to the first directory holding package.json or package.yaml
 * (inclusive), the first non-empty search place wins, in SEARCH_PLACES order.
 */
export async function searchProject(explorer: Explorer, cwd: string): Promise<{ config: unknown; filepath: string; isEmpty?: boolean } | null> {
  let dir = path.resolve(cwd);
  for (;;) {
    let hasPackageJson = false;
    for (const place of SEARCH_PLACES) {
      const file = path.join(dir, place);
      if (!isFile(file)) continue;
      if (place === 'package.json') hasPackageJson = true;
      let result;
      try {
        result = await explorer.load(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EACCES') continue;
        throw err;
      }
      if (result !== null && !result.isEmpty) return result;
    }
    if (hasPackageJson || isFile(path.join(dir, 'package.yaml'))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

async function prepare(raw: unknown, file: ConfigFile, env: LoadConfigOptions['env']) {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${file.path}: the config must be an object`, { data: { file: file.path } });
  }
  const data = interpolate(raw, env) as AutomarketConfig;
  await validateConfig(data, file.path);
  resolveRelativePaths(data, path.dirname(file.path));
  return { file, data };
}

/** Paths in a config file are relative to that file, not to the working directory. */
function resolveRelativePaths(config: AutomarketConfig, dir: string): void {
  for (const service of Object.values(config.services ?? {})) {
    service.compose = path.resolve(dir, service.compose);
    if (service.gpu) service.gpu = path.resolve(dir, service.gpu);
  }
  if (config.plugins) {
    config.plugins = config.plugins.map((p) => (p.startsWith('.') || path.isAbsolute(p) ? path.resolve(dir, p) : p));
  }
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>, file: ConfigFile, sources: Record<string, ConfigFile>, prefix: string): void {
  for (const [key, value] of Object.entries(source)) {
    const keyPath = prefix ? `${prefix}.${key}` : key;
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) {
      mergeInto(existing, value, file, sources, keyPath);
    } else if (key === 'plugins' && Array.isArray(value) && Array.isArray(existing)) {
      target[key] = [...new Set([...existing, ...value])];
      sources[keyPath] = file;
    } else {
      target[key] = isPlainObject(value) ? structuredClone(value) : value;
      recordSources(value, keyPath, file, sources);
    }
  }
}

function recordSources(value: unknown, keyPath: string, file: ConfigFile, sources: Record<string, ConfigFile>): void {
  sources[keyPath] = file;
  if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) recordSources(v, `${keyPath}.${k}`, file, sources);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fileFromMessage(err: unknown): string | undefined {
  const m = /(?:Error in|error in) (\S+?):/.exec((err as Error)?.message ?? '');
  return m?.[1];
}
