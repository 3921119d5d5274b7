import type { Context } from '../context.js';
import { keyStatus } from '../provider-context.js';
import { renderTable } from '../ui/table.js';

export interface ProviderRow {
  id: string;
  displayName: string;
  type: string;
  capabilities: string[];
  configured: boolean;
  reason?: string;
  origin: string;
  source?: string;
  /** The Docker service a service-backed provider needs. */
  service?: string;
}

export async function providerRows(ctx: Context): Promise<ProviderRow[]> {
  const { config } = await ctx.config();
  const registry = await ctx.registry();
  return registry.list().map((entry) => {
    const status = keyStatus(ctx, entry, config.providers?.[entry.manifest.id]);
    return {
      id: entry.manifest.id,
      displayName: entry.manifest.displayName,
      type: entry.manifest.type,
      capabilities: entry.manifest.capabilities,
      configured: status.configured,
      ...(status.reason ? { reason: status.reason } : {}),
      origin: entry.origin,
      ...(entry.source ? { source: entry.source } : {}),
      ...(entry.manifest.service ? { service: entry.manifest.service } : {}),
    };
  });
}

export async function providersList(ctx: Context): Promise<void> {
  const rows = await providerRows(ctx);
  if (ctx.options.json) {
    for (const row of rows) ctx.out(JSON.stringify(row));
    return;
  }
  ctx.out(
    renderTable(
      ['ID', 'TYPE', 'CAPABILITIES', 'CONFIGURED'],
      rows.map((r) => [r.id, r.type, r.capabilities.join(', '), r.configured ? 'yes' : `no: ${r.reason}`]),
    ),
  );
}
