/** Small helpers the rules share. */
import { priceAt, type PriceEntry } from '../../pricing/price-book';
import { atServiceTier } from '../../pricing/tiers';
import type { TokenCounts } from '../../fact';
import type { TipCell, TipInput } from '../types';
import { displayName } from '../../names';
import { said, type Said } from '../../../i18n/said';
import { english } from '../../../i18n/english';

export const fmtInt = (n: number): string => n.toLocaleString('en-US');
export const pct = (num: number, den: number): string => (den === 0 ? '0%' : `${((num / den) * 100).toFixed(1)}%`);

export function promptTokens(t: TokenCounts): number {
  return t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h;
}

/**
 * The book entry in force for a cell's model at the start of its first slice, its prices those of the cell's
 * service tier (what the cell is priced at); null when the book has no price of that tier.
 */
export function entryOf(input: TipInput, cell: TipCell, model = cell.model, route = cell.route): PriceEntry | null {
  if (!model || cell.slices.length === 0) return null;
  const entry = priceAt(input.book, model, cell.slices[0]!.start, route, cell.serviceTier, cell.currency ? { currency: cell.currency } : {});
  const prices = entry && atServiceTier(entry, entry.prices, cell.serviceTier);
  return entry && prices ? { ...entry, prices } : null;
}

/** The key (else the project) a cell's usage is of, by its display name. */
export function who(cell: Pick<TipCell, 'project' | 'apiKey' | 'names'>): Said {
  if (cell.apiKey) return said('engine.who.key', { name: displayName(cell.names, 'api_key', cell.apiKey) });
  return cell.project ? said('engine.who.project', { name: displayName(cell.names, 'project', cell.project) }) : said('engine.who.none');
}

/** A share 0..1 of two counts (0 when the whole is 0). */
export const share = (num: number, den: number) => ({ share: den === 0 ? 0 : num / den });

/** The rule's assumption that every what-if is priced at the book. */
export const BOOK_PRICES = said('engine.tips.bookPrices');

export function groupBy<T>(items: readonly T[], keyOf: (t: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = keyOf(it);
    if (k === null) continue;
    const list = m.get(k) ?? [];
    list.push(it);
    m.set(k, list);
  }
  return m;
}

export function cellValues(cell: TipCell): Record<string, string> {
  const t = cell.tokens;
  return {
    input: fmtInt(t.input),
    cache_read: fmtInt(t.cache_read),
    cache_write: fmtInt(t.cache_write_5m + t.cache_write_1h),
    output: fmtInt(t.output),
    reasoning: fmtInt(t.reasoning),
    requests: fmtInt(cell.requests),
    facts: fmtInt(cell.factCount),
  };
}

export function cellAggregate(cell: TipCell) {
  const label = said('engine.tips.agg.cell', { provider: cell.provider, model: String(cell.model ?? cell.modelRaw), route: cell.route, who: who(cell) });
  return { key: cell.key, label: english(label), said: label, values: cellValues(cell) };
}
