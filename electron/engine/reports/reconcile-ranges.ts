/**
 * What an aggregate's estimate could be: a daily or monthly usage fact of a model whose price depends on
 * each request's size (long-context bands, output sub-tiers, thinking prices) is estimated at the band of its
 * average request; re-priced here with the ledger's own pricing function, it also gives the lowest and
 * highest estimate any split of its tokens over its requests allows. Reconcile states that range.
 */
import type { MethodParsedInput } from '../../../shared/contract/methods';
import type { PriceBook } from '../../../shared/domain/pricing/price-book';
import { priceFact, pricingInputOfRow } from '../../../shared/domain/pricing/price-fact';
import { hasRequestTiers } from '../../../shared/domain/pricing/tiers';
import type { ReadableDb } from '../ledger/db';
import { aggregateFacts } from './reconcile-store';

/** Per 'day|currency', how far below and above the point estimate the key's estimate could be (nano). */
export interface EstimateRange {
  facts: number;
  below: Map<string, bigint>;
  above: Map<string, bigint>;
}

const add = (m: Map<string, bigint>, c: string, v: bigint) => m.set(c, (m.get(c) ?? 0n) + v);

/** Ranges per `${provider}|${month}` and per `${provider}|${day}|${model}` (the keys of reconcile's lines). */
export function estimateRanges(db: ReadableDb, input: MethodParsedInput<'reconcile.report'>, book: PriceBook): Map<string, EstimateRange> {
  const tiered = [...new Set(book.entries.filter(hasRequestTiers).map((e) => e.model))];
  const out = new Map<string, EstimateRange>();
  for (const r of aggregateFacts(db, input, tiered)) {
    const a = priceFact(pricingInputOfRow({ ...r, line_type: 'usage' }), book);
    if (!a.range || !a.estimated) continue;
    for (const key of [`${r.provider}|${r.day.slice(0, 7)}`, `${r.provider}|${r.day}|${r.model}`]) {
      let x = out.get(key);
      if (!x) out.set(key, (x = { facts: 0, below: new Map(), above: new Map() }));
      x.facts++;
      add(x.below, `${r.day}|${a.estimated.currency}`, a.estimated.nano - a.range.low);
      add(x.above, `${r.day}|${a.estimated.currency}`, a.range.high - a.estimated.nano);
    }
  }
  return out;
}
