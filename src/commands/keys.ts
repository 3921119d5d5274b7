/**
 * `keys set <provider>` stores a key in AUTOMARKET_HOME/keys.json (mode 0600): read from a hidden
 * prompt on a terminal, or from stdin when piped (`pass fal | automarket keys set fal`).
 * `keys list` shows, per provider, which key is in effect (config, environment, stored), masked.
 */
import type { Context } from '../context.js';
import { InputError, UsageError } from '../errors.js';
import { readAll } from '../generate/prompt.js';
import { resolveApiKey } from '../keys.js';
import { maskKey } from '../secrets.js';
import { removeStoredKey, storeKey } from '../keys-store.js';
import { renderTable } from '../ui/table.js';

async function knownProvider(ctx: Context, id: string) {
  const registry = await ctx.registry();
  const entry = registry.get(id);
  if (!entry) throw new UsageError(`Unknown provider "${id}"`, { hint: `known providers: ${registry.ids().join(', ')}` });
  return entry;
}

export async function keysSet(ctx: Context, providerId: string): Promise<void> {
  const entry = await knownProvider(ctx, providerId);
  let key: string;
  if (ctx.io.stdin.isTTY) {
    if (!ctx.canPrompt) throw new UsageError('keys set needs the key on stdin or a terminal to ask on', { hint: `printf %s "$KEY" | automarket keys set ${providerId}` });
    const { askSecret } = await import('../ui/prompts.js');
    key = (await askSecret(`${entry.manifest.apiKeyEnv ?? `${providerId} API key`}:`)).trim();
  } else {
    key = (await readAll(ctx.io.stdin)).trim();
  }
  if (!key) throw new InputError('No key given', { hint: `type it at the prompt, or pipe it: printf %s "$KEY" | automarket keys set ${providerId}` });
  if (/\s/.test(key)) throw new InputError('The key contains whitespace', { hint: 'pipe only the key itself' });
  ctx.secrets.add(key);
  storeKey(ctx.paths.keysFile, providerId, key);
  ctx.ui.success(`Stored the ${providerId} key in ${ctx.paths.keysFile} (mode 0600)`);
  const env = entry.manifest.apiKeyEnv;
  if (env && ctx.env[env]) ctx.ui.note(`${env} is set in the environment and takes precedence over the stored key`);
}

export async function keysRemove(ctx: Context, providerId: string): Promise<void> {
  await knownProvider(ctx, providerId);
  if (!removeStoredKey(ctx.paths.keysFile, providerId)) throw new InputError(`No stored key for ${providerId}`, { hint: 'automarket keys list shows where each key comes from' });
  ctx.ui.success(`Removed the stored ${providerId} key`);
}

export interface KeyRow {
  provider: string;
  env?: string;
  source: 'config' | 'env' | 'stored' | 'none';
  key?: string;
}

export async function keyRows(ctx: Context): Promise<KeyRow[]> {
  const { config } = await ctx.config();
  const registry = await ctx.registry();
  return registry
    .list()
    .filter((e) => e.manifest.apiKeyEnv || e.manifest.requiresKey || config.providers?.[e.manifest.id]?.apiKey)
    .map((e) => {
      const resolved = resolveApiKey(e.manifest, config.providers?.[e.manifest.id], ctx.env, ctx.paths.keysFile);
      return {
        provider: e.manifest.id,
        ...(e.manifest.apiKeyEnv ? { env: e.manifest.apiKeyEnv } : {}),
        source: resolved.source ?? 'none',
        ...(resolved.value ? { key: maskKey(resolved.value) } : {}),
      };
    });
}

export async function keysList(ctx: Context): Promise<void> {
  const rows = await keyRows(ctx);
  if (ctx.options.json) {
    for (const row of rows) ctx.out(JSON.stringify(row));
    return;
  }
  const label = { config: 'config (providers.<id>.apiKey)', env: 'environment', stored: 'stored (keys set)', none: 'none' } as const;
  ctx.out(renderTable(['PROVIDER', 'ENV', 'SOURCE', 'KEY'], rows.map((r) => [r.provider, r.env ?? '', r.source === 'config' ? label.config.replace('<id>', r.provider) : label[r.source], r.key ?? ''])));
}
