/**
 * The export's cells: the facts with spend (focus-store.ts), each split by token class (focus-classes.ts),
 * summed per day, source, account, model, line type, team dimensions, cost basis, currency, token class and
 * how the money was split. A fact's requests count on its first class's cell, so a SUM counts each once.
 */
import { classAmounts, pricingInputOfRow } from '../../../shared/domain/pricing/price-fact';
import type { ReadableDb } from '../ledger/db';
import { priceBookFor } from '../pricing/book';
import type { DayRange } from '../reports/totals-store';
import { splitByClass, type ClassShare, type CostAllocation, type Counts } from './focus-classes';
import { focusFacts, type CostBasis } from './focus-store';

export interface FocusCell {
  day: string;
  provider: string;
  issuer: string;
  account: string | null;
  model: string | null;
  vendor: string | null;
  origin_region: string | null;
  line_type: string;
  member: string | null;
  machine: string | null;
  basis: CostBasis;
  currency: string;
  tokenClass: ClassShare['tokenClass'];
  allocation: CostAllocation;
  nano: bigint;
  /** The tokens of the cell's class (ConsumedQuantity). */
  tokens: bigint;
  counts: Counts;
  requests: bigint;
}

export function focusCells(db: ReadableDb, range: DayRange): FocusCell[] {
  const book = priceBookFor(db);
  const cells = new Map<string, FocusCell>();
  for (const f of focusFacts(db, range)) {
    const usage = f.line_type === 'usage' && f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output > 0n;
    const list = usage ? classAmounts(pricingInputOfRow(f), book) : null;
    const { allocation, shares } = splitByClass({ nano: f.nano, currency: f.currency, basis: f.basis, tokens: f, list });
    shares.forEach((s, i) => {
      const key = JSON.stringify([f.day, f.provider, f.issuer, f.account, f.model_label, f.vendor, f.origin_region, f.line_type, f.member, f.machine, f.basis, f.currency, s.tokenClass, allocation]);
      let c = cells.get(key);
      if (!c) {
        c = {
          day: f.day, provider: f.provider, issuer: f.issuer, account: f.account, model: f.model_label, vendor: f.vendor, origin_region: f.origin_region,
          line_type: f.line_type, member: f.member, machine: f.machine, basis: f.basis, currency: f.currency, tokenClass: s.tokenClass, allocation,
          nano: 0n, tokens: 0n, counts: { input: 0n, cache_read: 0n, cache_write: 0n, output: 0n, reasoning: 0n }, requests: 0n,
        };
        cells.set(key, c);
      }
      c.nano += s.nano;
      c.tokens += s.tokens;
      for (const k of Object.keys(c.counts) as Array<keyof Counts>) c.counts[k] += s.counts[k];
      if (i === 0) c.requests += f.requests;
    });
  }
  return [...cells.values()];
}
