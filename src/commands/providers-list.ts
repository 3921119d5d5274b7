import type { Context } from '../context.js';
import { keyStatus } from '../provider-context.js';
import { providerServiceReadiness } from '../services/provider-status.js';
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
  const entries = registry.list();
  // A service-backed provider is configured only while its service answers (probes run in parallel).
  const readiness = await Promise.all(entries.map((entry) => providerServiceReadiness(ctx, entry, config)));
  return entries.map((entry, i) => {
    const keys = keyStatus(ctx, entry, config.providers?.[entry.manifest.id]);
    const service = readiness[i];
    const status = !keys.configured ? keys : service && !service.running ? { configured: false, reason: service.reason } : keys;
    return {
      id: entry.manifest.id,
      displayName: entry.manifest.displayName,
      type: entry.manifest.type,
      capabilities: entry.manifest.capabilities,
      configured: status.configured,
      ...(status.reason ? { reason: status.reason } : {}),
      origin: entry.origin,
      ...(entry.source ? { source: entry.source } : {}),
      ...(service ? { service: service.service } : {}),
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
