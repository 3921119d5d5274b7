/** Imports a plugin's code and finds the providers it exports. Only called when a provider runs (or by `plugins list`). */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const modules = new Map<string, Promise<unknown[]>>();

/**
 * The providers a module exports: its default export (one provider, a list, or `{ providers }`),
 * else a named `providers` export. Shapes are checked later, provider by provider.
 */
export function providersOf(mod: Record<string, unknown>): unknown[] | undefined {
  for (const candidate of [mod.default, mod]) {
    if (Array.isArray(candidate)) return candidate;
    if (typeof candidate !== 'object' || candidate === null) continue;
    const c = candidate as Record<string, unknown>;
    if (Array.isArray(c.providers)) return c.providers;
    if (candidate === mod.default && ('generate' in c || 'id' in c)) return [candidate];
  }
  return undefined;
}

/** Imports the module once per run; rejects with a message that says what is wrong. */
export function importPluginModule(file: string): Promise<unknown[]> {
  let pending = modules.get(file);
  if (!pending) {
    pending = (async () => {
      if (!existsSync(file)) throw new Error(`its entry ${file} does not exist (build the plugin, or fix "automarket.entry")`);
      let mod: Record<string, unknown>;
      try {
        mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (err) {
        const message = (err as Error)?.message ?? String(err);
        // The plugin imports automarket/plugin, which must be installed where the plugin can see it.
        const why = /Cannot find package 'automarket'/.test(message) ? ' (install automarket in the same project, or both globally)' : '';
        throw new Error(`importing ${file} threw: ${message}${why}`);
      }
      const list = providersOf(mod);
      if (!list) throw new Error(`${file} exports no providers (export default defineProvider({...}), a list of them, or { providers: [...] })`);
      return list;
    })();
    modules.set(file, pending);
  }
  return pending;
}
