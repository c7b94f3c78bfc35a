/**
 * The ledger's spend over a range of UTC days at the FOCUS export's grain: day, source (the provider whose
 * export it is and the provider that bills it), account, model, line type and cost basis. Money is the one
 * spend rule (ledger/facts.ts spendNano, as report.totals sums it): a fact whose spend is nothing (usage a
 * bill covers, usage a plan includes, usage no price book prices) has no row, so SUM(BilledCost) per
 * currency is the report's spend.
 */
import { allBig, type ReadableDb } from '../ledger/db';
import { PRIMARY_CURRENCY, spendNano } from '../ledger/facts';
import { sql } from '../ledger/sql';
import { factMachineSql, factMemberSql } from '../ledger/team-dims';
import { dayRangeWhere, type DayRange } from '../reports/totals-store';

export type CostBasis = 'billed' | 'recorded' | 'estimated';

export interface FocusCell {
  day: string;
  provider: string;
  issuer: string;
  account: string | null;
  model: string | null;
  vendor: string | null;
  origin_region: string | null;
  line_type: string;
  /** The team's dimensions (ledger/team-dims.ts). */
  member: string | null;
  machine: string | null;
  basis: CostBasis;
  currency: string;
  nano: bigint;
  input: bigint;
  cache_read: bigint;
  cache_write: bigint;
  output: bigint;
  reasoning: bigint;
  requests: bigint;
}

export function focusCells(db: ReadableDb, range: DayRange): FocusCell[] {
  return allBig<FocusCell>(
    db,
    sql`SELECT day, provider, issuer, account, model, vendor, origin_region, line_type, member, machine, basis, currency,
               sum(nano) AS nano, sum(input) AS input, sum(cache_read) AS cache_read, sum(cache_write) AS cache_write,
               sum(output) AS output, sum(reasoning) AS reasoning, sum(requests) AS requests
        FROM (
          SELECT f.day, f.provider, coalesce(f.billed_by, f.provider) AS issuer, f.account,
                 coalesce(f.model, f.model_raw) AS model, f.vendor, f.origin_region, f.line_type,
                 ${factMemberSql()} AS member, ${factMachineSql()} AS machine,
                 CASE WHEN f.billed_nano IS NOT NULL THEN 'billed' WHEN f.recorded_nano IS NOT NULL THEN 'recorded' ELSE 'estimated' END AS basis,
                 ${PRIMARY_CURRENCY} AS currency, ${spendNano()} AS nano,
                 f.input, f.cache_read, f.cache_write_5m + f.cache_write_1h AS cache_write, f.output, f.reasoning, f.requests
          FROM usage_facts f WHERE ${dayRangeWhere(range)} AND f.counts_tokens = 1
        ) WHERE nano IS NOT NULL
        GROUP BY day, provider, issuer, account, model, vendor, origin_region, line_type, member, machine, basis, currency
        ORDER BY day, provider, issuer, account, model, line_type, member, machine, basis, currency`,
  );
}
