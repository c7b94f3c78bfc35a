/** Pricing a cell's what-if with the price book: exact nano sums, and the prices used as evidence. */
import { emptyTokens, type TokenCounts } from '../fact';
import { estimateCost, type CostEstimate, type PriceBook, type PriceEntry } from '../pricing/price-book';
import { divRound } from '../decimal';
import type { Part, TipCell } from './types';
import type { Said } from '../../i18n/said';

export interface PriceUsed {
  model: string;
  route: string;
  currency: string;
  effectiveFrom: string;
  prices: Record<string, string>;
  applied: string[];
  /** `applied` as messages, for the reader's language. */
  appliedSaid: Said[];
  source: string;
}

export interface PartsCost {
  nano: bigint;
  currency: string;
  prices: PriceUsed[];
}

/** The parts a cell starts as: one per day slice, at the cell's own model, route and tier. */
export function partsOf(cell: TipCell): Part[] {
  if (!cell.model) return [];
  return cell.slices.map((s) => ({
    model: cell.model!,
    route: cell.route,
    tier: cell.serviceTier,
    contextTier: cell.contextTier,
    start: s.start,
    end: s.end,
    tokens: { ...s.tokens },
    requests: s.requests,
  }));
}

export function priceUsedOf(entry: PriceEntry, applied: string[], appliedSaid: Said[]): PriceUsed {
  return {
    model: entry.model,
    route: entry.route,
    currency: entry.currency,
    effectiveFrom: entry.effectiveFrom,
    prices: Object.fromEntries(Object.entries(entry.prices).filter((kv): kv is [string, string] => kv[1] !== undefined)),
    applied,
    appliedSaid,
    source: entry.source,
  };
}

/**
 * estimateCost of one part, remembered per book: the rules and the engine price the same parts many
 * times (every candidate prices its cells before and after), and a price is a pure function of the part,
 * the currency asked and the book. Bounded: the memo starts over past MEMO_MAX parts.
 */
const MEMO_MAX = 200_000;
const memo = new WeakMap<PriceBook, Map<string, CostEstimate>>();

function estimateMemo(p: Part, currency: string | null, book: PriceBook): CostEstimate {
  let m = memo.get(book);
  if (!m) memo.set(book, (m = new Map()));
  const t = p.tokens;
  const k = `${p.model}|${p.route}|${p.tier}|${p.contextTier ?? ''}|${p.start}|${p.end}|${p.requests}|${currency ?? ''}|${t.input}|${t.cache_read}|${t.cache_write_5m}|${t.cache_write_1h}|${t.output}|${t.reasoning}`;
  let r = m.get(k);
  if (!r) {
    r = estimateCost(
      {
        model: p.model,
        start: p.start,
        end: p.end,
        tokens: p.tokens,
        serviceTier: p.tier,
        contextTier: p.contextTier,
        route: p.route,
        requests: p.requests,
        ...(currency ? { currency } : {}),
      },
      book,
    );
    if (m.size >= MEMO_MAX) m.clear();
    m.set(k, r);
  }
  return r;
}

/**
 * Cost of parts at the book, in the cell's currency (or the book's first currency when the cell has none).
 * Null when any part is unpriced: a rule then stays silent rather than guess.
 */
export function costOfParts(parts: readonly Part[], book: PriceBook, currency: string | null): PartsCost | null {
  let nano = 0n;
  let cur: string | null = currency;
  const prices = new Map<string, PriceUsed>();
  for (const p of parts) {
    if (isEmpty(p.tokens)) continue;
    const r = estimateMemo(p, cur, book);
    if (r.status !== 'priced') return null;
    cur = r.money.currency;
    const n = p.factor ? divRound(r.money.nano * p.factor[0], p.factor[1]) : r.money.nano;
    nano += n;
    const e = r.breakdown.entry;
    const k = `${e.model}|${e.route}|${e.currency}|${e.effectiveFrom}|${r.breakdown.applied.slice(1).join(',')}`;
    if (!prices.has(k)) prices.set(k, priceUsedOf(e, r.breakdown.applied.slice(1), r.breakdown.appliedSaid));
  }
  return { nano, currency: cur ?? 'USD', prices: [...prices.values()] };
}

function isEmpty(t: TokenCounts): boolean {
  return t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h + t.output === 0;
}

export function sumTokens(list: readonly TokenCounts[]): TokenCounts {
  const out = emptyTokens();
  for (const t of list) for (const k of Object.keys(out) as (keyof TokenCounts)[]) out[k] += t[k];
  return out;
}

/** n * num / den rounded down (token counts stay integers). */
export function scaleCount(n: number, num: bigint, den: bigint): number {
  return Number((BigInt(n) * num) / den);
}
