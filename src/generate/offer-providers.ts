/**
 * `generate` on a terminal with nothing configured: instead of silently drafting with `local`, list
 * the providers that can do the job and let the user pick one (and paste its key, stored 0600).
 */
import type { Context } from '../context.js';
import type { Capability } from '../kinds.js';
import type { Registry } from '../registry.js';
import type { Resolution } from '../resolve.js';
import { keyStatus } from '../provider-context.js';

export async function offerProviders(ctx: Context, registry: Registry, capability: Capability, fallback: Resolution): Promise<Resolution> {
  const { config } = await ctx.config();
  const able = registry.list().filter((e) => e.manifest.capabilities.includes(capability));
  if (able.length <= 1) return fallback;
  const { askSelect, askSecret, askConfirm } = await import('../ui/prompts.js');
  const choices = able.map((e) => {
    const status = keyStatus(ctx, e, config.providers?.[e.manifest.id]);
    const note = e.manifest.id === 'local' ? 'offline drafts, no key' : status.configured ? 'ready' : `needs ${e.manifest.apiKeyEnv ?? 'a key'}`;
    return { name: `${e.manifest.id} (${note})`, value: e.manifest.id, description: e.manifest.displayName };
  });
  // local first: it always works, so Enter is a safe answer.
  choices.sort((a, b) => Number(b.value === 'local') - Number(a.value === 'local'));
  const providerId = await askSelect(`No provider is configured for ${capability}. Which one?`, choices);
  const entry = registry.get(providerId)!;
  if (!keyStatus(ctx, entry, config.providers?.[providerId]).configured) {
    const key = (await askSecret(`${entry.manifest.apiKeyEnv ?? `${providerId} API key`}:`)).trim();
    if (key) {
      ctx.secrets.add(key);
      if (await askConfirm(`Store it in ${ctx.paths.keysFile} (readable only by you)?`, true)) {
        const { storeKey } = await import('../keys-store.js');
        storeKey(ctx.paths.keysFile, providerId, key);
      } else if (entry.manifest.apiKeyEnv) {
        // Used for this run only.
        ctx.env[entry.manifest.apiKeyEnv] = key;
      }
    }
  }
  return { providerId, model: fallback.model, reason: 'interactive' };
}
