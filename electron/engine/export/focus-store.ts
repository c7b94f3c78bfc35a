/**
 * The ledger's spend over a range of UTC days, fact by fact, with what the FOCUS export needs to split each
 * fact's money by token class (focus-classes.ts): day, source (the provider whose export it is and the
 * provider that bills it), account, model, line type, the team's dimensions, the cost basis, the money and
 * the columns pricing reads. Money is the one spend rule (ledger/facts.ts spendNano, as report.totals sums
 * it): a fact whose spend is nothing (usage a bill covers, usage a plan includes, usage no price book
 * prices) is left out, so SUM(BilledCost) per currency is the report's spend.
 */
import type { StoredPricingRow } from '../../../shared/domain/pricing/price-fact';
import { iterateBig, type ReadableDb } from '../ledger/db';
import { PRIMARY_CURRENCY, spendNano } from '../ledger/facts';
import { sql } from '../ledger/sql';
import { factMachineSql, factMemberSql } from '../ledger/team-dims';
import { dayRangeWhere, type DayRange } from '../reports/totals-store';

export type CostBasis = 'billed' | 'recorded' | 'estimated';

export interface FocusFact extends StoredPricingRow {
  day: string;
  issuer: string;
  account: string | null;
  /** The model as the row names it: the canonical id, else the raw name. */
  model_label: string | null;
  vendor: string | null;
  origin_region: string | null;
  /** The team's dimensions (ledger/team-dims.ts). */
  member: string | null;
  machine: string | null;
  basis: CostBasis;
  currency: string;
  nano: bigint;
  input: bigint;
  cache_read: bigint;
  cache_write_5m: bigint;
  cache_write_1h: bigint;
  output: bigint;
  reasoning: bigint;
  requests: bigint;
}

/** The facts with spend in the range, in the file's order (day, source, account, model). */
export function focusFacts(db: ReadableDb, range: DayRange): IterableIterator<FocusFact> {
  const q = sql`SELECT * FROM (
      SELECT f.day, f.provider, coalesce(f.billed_by, f.provider) AS issuer, f.account,
             f.model, f.model_raw, coalesce(f.model, f.model_raw) AS model_label, f.vendor, f.origin_region, f.line_type,
             ${factMemberSql()} AS member, ${factMachineSql()} AS machine,
             CASE WHEN f.billed_nano IS NOT NULL THEN 'billed' WHEN f.recorded_nano IS NOT NULL THEN 'recorded' ELSE 'estimated' END AS basis,
             ${PRIMARY_CURRENCY} AS currency, ${spendNano()} AS nano,
             f.host, f.inference_geo, f.start_ms, f.end_ms, f.service_tier, f.context_tier, f.billed_currency, f.tags,
             f.input, f.cache_read, f.cache_write_5m, f.cache_write_1h, f.output, f.reasoning, f.requests, f.id
      FROM usage_facts f WHERE ${dayRangeWhere(range)} AND f.counts_tokens = 1
    ) WHERE nano IS NOT NULL
    ORDER BY day, provider, issuer, account, model_label, line_type, id`;
  return iterateBig<FocusFact>(db, q);
}
