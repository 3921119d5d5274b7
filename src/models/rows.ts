/** One printable model row (catalogue or discovered), its filters and its table form. */
import type { Kind } from '../kinds.js';
import { outputKindOf } from '../kinds.js';
import type { ModelInfo, Price } from '../plugin/types.js';
import { renderTable } from '../ui/table.js';

export interface ModelRow {
  provider: string;
  id: string;
  capabilities: string[];
  displayName?: string;
  description?: string;
  price?: Price;
  default?: boolean;
  source: 'catalogue' | 'discovered';
  extra?: Record<string, unknown>;
}

export function toRow(provider: string, m: ModelInfo, source: ModelRow['source']): ModelRow {
  return {
    provider,
    id: m.id,
    capabilities: [...m.capabilities],
    ...(m.displayName ? { displayName: m.displayName } : {}),
    ...(m.description ? { description: m.description } : {}),
    ...(m.price ? { price: m.price } : {}),
    ...(m.default ? { default: true } : {}),
    source,
    ...(m.extra && Object.keys(m.extra).length ? { extra: m.extra } : {}),
  };
}

export function producesKind(row: ModelRow, kind: Kind | undefined): boolean {
  if (!kind) return true;
  return row.capabilities.some((c) => c.includes('-to-') && outputKindOf(c as never) === kind);
}

export function formatPrice(price: Price | undefined): string {
  if (!price) return '';
  const per: Record<Price['per'], string> = { image: 'image', megapixel: 'MP', second: 's', minute: 'min', request: 'request', '1k-characters': '1k chars', '1m-tokens': '1M tokens' };
  return `$${price.usd}/${per[price.per]}`;
}

export function renderRows(rows: ModelRow[]): string {
  return renderTable(
    ['PROVIDER', 'MODEL', 'CAPABILITIES', 'PRICE', 'NAME'],
    rows.map((r) => {
      const type = r.extra?.type === 'voice' ? ' (voice)' : '';
      const name = `${r.displayName ?? ''}${type}${r.default ? ' [default]' : ''}`.trim();
      return [r.provider, r.id, r.capabilities.join(', ') || '-', formatPrice(r.price), name];
    }),
  );
}
