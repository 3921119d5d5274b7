/**
 * Key trust (issue 5): a provider key is sent only to the provider's own hosts, to loopback, or to a
 * URL set in the user config, a `--config` file or the environment. A URL that comes from a project
 * config found by searching up from the working directory (a cloned repository could carry one)
 * gets the key only after the user confirms once on a terminal; never in a non-interactive run.
 */
import type { Context } from '../context.js';
import type { LoadedConfig } from '../config/types.js';
import { ConfigError } from '../errors.js';
import { isLoopback, isProviderHost, originOf } from './hosts.js';
import { TrustStore } from './store.js';
import path from 'node:path';

export interface KeyManifest {
  id: string;
  apiKeyEnv?: string;
  defaultBaseUrl?: string;
  keyHosts?: string[];
}

export interface UntrustedUrl {
  keyPath: string;
  url: string;
  origin: string;
  file: string;
}

export function trustStore(ctx: Context): TrustStore {
  return new TrustStore(path.join(ctx.paths.home, 'trusted-hosts.json'));
}

/** The key-bearing URLs of a provider's settings that came from a project config and are not trusted yet. */
export function untrustedUrls(manifest: KeyManifest, settings: Record<string, unknown>, loaded: LoadedConfig, store: TrustStore): UntrustedUrl[] {
  const found: UntrustedUrl[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value !== 'string' || !/url$/i.test(name)) continue;
    const keyPath = `providers.${manifest.id}.${name}`;
    const source = loaded.sources[keyPath];
    if (source?.origin !== 'project') continue;
    const origin = originOf(value);
    if (!origin) continue;
    if (isLoopback(value) || isProviderHost(value, manifest)) continue;
    if (store.has(source.path, origin)) continue;
    found.push({ keyPath, url: value, origin, file: source.path });
  }
  return found;
}

/** Throws (non-interactive, or the user said no) unless every such URL is trusted. */
export async function ensureKeyTrusted(ctx: Context, manifest: KeyManifest, settings: Record<string, unknown>): Promise<void> {
  const loaded = await ctx.config();
  const store = trustStore(ctx);
  const pending = untrustedUrls(manifest, settings, loaded, store);
  const keyName = manifest.apiKeyEnv ?? `${manifest.id} API key`;
  for (const item of pending) {
    const refuse = (why: string) =>
      new ConfigError(`Not sending ${keyName} to ${item.origin}: ${item.keyPath} comes from the project config ${item.file}${why}`, {
        code: 'UNTRUSTED_HOST',
        hint: `run automarket once in a terminal to confirm this host, pass --config ${item.file} to trust that file, or set ${item.keyPath} in your user config (${ctx.paths.userConfig})`,
        data: { file: item.file, host: item.origin, key: item.keyPath },
      });
    if (!ctx.canPrompt) throw refuse(', and this run cannot ask you (not a terminal)');
    ctx.ui.stopStatus();
    const { askConfirm } = await import('../ui/prompts.js');
    const yes = await askConfirm(`${item.file} sets ${item.keyPath} to ${item.origin}. Send your ${keyName} there? (remembered for this file and host)`, false);
    if (!yes) throw refuse(', and you declined');
    store.add(item.file, item.origin);
  }
}
