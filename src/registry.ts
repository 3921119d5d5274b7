/**
 * Providers by id. Each entry is a manifest (what it offers: cheap, no code loaded) and a loader
 * (the code, imported only to run it). Built-in providers, config-declared openai-compatible servers
 * and third-party plugins all enter through `add()`.
 */
import type { Capability } from './kinds.js';
import type { ModelInfo, ProviderPlugin, ProviderType } from './plugin/types.js';
import { checkProviderShape, PluginShapeError } from './plugin/define.js';
import { AutomarketError } from './errors.js';

export interface ProviderManifest {
  id: string;
  displayName: string;
  type: ProviderType;
  capabilities: Capability[];
  apiKeyEnv?: string;
  baseUrlEnv?: string;
  defaultBaseUrl?: string;
  service?: string;
  requiresKey?: boolean;
  /** Hosts besides defaultBaseUrl's that are the provider's own, so its key may go there unasked (issue 5). */
  keyHosts?: string[];
  /** Offline catalogue from a plugin's package.json manifest, so models can be listed without its code. */
  models?: ModelInfo[];
}

export interface RegistryEntry {
  manifest: ProviderManifest;
  load(): Promise<ProviderPlugin>;
  origin: 'builtin' | 'config' | 'plugin';
  /** The plugin package or path that added it. */
  source?: string;
}

export class Registry {
  private readonly entries = new Map<string, RegistryEntry>();
  private readonly loaded = new Map<string, Promise<ProviderPlugin>>();
  /** Plugins that failed to load: reported by `plugins list`, never fatal for other providers. */
  readonly loadErrors: Array<{ source: string; message: string }> = [];

  add(entry: RegistryEntry): void {
    this.entries.set(entry.manifest.id, entry);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): RegistryEntry | undefined {
    return this.entries.get(id);
  }

  list(): RegistryEntry[] {
    return [...this.entries.values()];
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Imports a provider's code (once) and checks it against the plugin interface. */
  async load(id: string): Promise<ProviderPlugin> {
    const entry = this.entries.get(id);
    if (!entry) throw new AutomarketError(`Unknown provider ${id}`, 2, { code: 'USAGE' });
    let pending = this.loaded.get(id);
    if (!pending) {
      pending = entry.load().then((plugin) => {
        const problems = checkProviderShape(plugin);
        if (problems.length) throw new PluginShapeError(id, problems);
        return plugin;
      });
      this.loaded.set(id, pending);
    }
    try {
      return await pending;
    } catch (err) {
      if (err instanceof AutomarketError) throw err;
      const where = entry.source ? ` (from ${entry.source})` : '';
      throw new AutomarketError(`Provider ${id}${where} failed to load: ${(err as Error)?.message ?? String(err)}`, 1, {
        code: 'PLUGIN',
        hint: entry.origin === 'plugin' ? 'update or remove the plugin in your config (automarket plugins list)' : undefined,
      });
    }
  }
}
