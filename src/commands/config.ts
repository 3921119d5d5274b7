/**
 * `config show` (the merged config, where each top-level key came from, keys masked), `config path`
 * (the files in effect), `config validate [file]` (schema check; exit 2 naming file and key).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { ConfigError } from '../errors.js';
import { loadConfig } from '../config/load.js';
import type { ConfigFile, LoadedConfig } from '../config/types.js';
import { maskKey } from '../secrets.js';

const SECRET_NAME = /(api[-_]?key|token|secret|password)$/i;

/** A deep copy with every secret-looking value masked. */
export function maskConfig(value: unknown, name = ''): unknown {
  if (typeof value === 'string') return SECRET_NAME.test(name) ? maskKey(value) : value;
  if (Array.isArray(value)) return value.map((v) => maskConfig(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskConfig(v, k)]));
  return value;
}

/** For each top-level key, the files that set something under it (later files win). */
export function topLevelSources(loaded: LoadedConfig): Record<string, ConfigFile[]> {
  const out: Record<string, ConfigFile[]> = {};
  for (const [keyPath, file] of Object.entries(loaded.sources)) {
    const top = keyPath.split('.')[0]!;
    const list = (out[top] ??= []);
    if (!list.some((f) => f.path === file.path)) list.push(file);
  }
  return out;
}

export async function configShow(ctx: Context): Promise<void> {
  const loaded = await ctx.config();
  const masked = maskConfig(loaded.config) as Record<string, unknown>;
  const sources = topLevelSources(loaded);
  if (ctx.options.json) {
    const bySource = Object.fromEntries(Object.entries(sources).map(([k, files]) => [k, files.map((f) => ({ path: f.path, origin: f.origin }))]));
    ctx.out(JSON.stringify({ files: loaded.files, sources: bySource, config: masked }));
    return;
  }
  if (loaded.files.length === 0) {
    ctx.ui.note(`No config file found (searched from ${ctx.cwd}; user config ${ctx.paths.userConfig}). Built-in defaults apply; \`automarket init\` writes one.`);
    ctx.out('{}');
    return;
  }
  // JSON with a comment above each key naming its file(s): readable, and close to what to edit.
  const keys = Object.keys(masked);
  const body = keys.map((key, i) => {
    const from = (sources[key] ?? []).map((f) => `${f.origin} ${f.path}`).join(', then ');
    const value = JSON.stringify(masked[key], null, 2).replace(/\n/g, '\n  ');
    return `  // from ${from || 'built-in'}\n  ${JSON.stringify(key)}: ${value}${i < keys.length - 1 ? ',' : ''}`;
  });
  ctx.out(`{\n${body.join('\n')}\n}`);
}

export async function configPath(ctx: Context): Promise<void> {
  const loaded = await ctx.config();
  if (ctx.options.json) {
    ctx.out(JSON.stringify({ files: loaded.files, userConfig: ctx.paths.userConfig }));
    return;
  }
  for (const file of loaded.files) ctx.out(file.path);
  if (loaded.files.length === 0) ctx.ui.note(`No config file in effect. Project files are searched from ${ctx.cwd} up; the user config is ${ctx.paths.userConfig}; \`automarket init\` writes ./automarket.config.json`);
}

export async function configValidate(ctx: Context, file: string | undefined): Promise<void> {
  let files: ConfigFile[];
  if (file) {
    const full = path.resolve(ctx.cwd, file);
    if (!existsSync(full)) throw new ConfigError(`Config file not found: ${full}`, { hint: 'check the path' });
    // Only this file: no user config, no search.
    await loadConfig({ cwd: ctx.cwd, env: ctx.env, userConfigPath: path.join(path.dirname(full), '.automarket-no-user-config'), explicitPath: full });
    files = [{ path: full, origin: 'explicit' }];
  } else {
    files = (await ctx.config()).files;
  }
  if (files.length === 0) {
    ctx.ui.note('No config file found: nothing to validate (built-in defaults apply)');
    return;
  }
  for (const f of files) {
    if (ctx.options.json) ctx.out(JSON.stringify({ path: f.path, valid: true }));
    else ctx.out(`${f.path}: valid`);
  }
}
