/**
 * Ledger totals over a range of UTC days. Tokens count only where `counts_tokens` (a finer source
 * did not supersede them); money is summed per currency as bigint; spend is spendNano (facts.ts): the
 * bill, else (unless a bill covers the usage) the cost a tool recorded, else the estimate.
 */
import { formatAmount } from '../../../shared/domain/money';
import type { LedgerTotals, AmountsByCurrency } from '../../../shared/contract/types';
import { allBig, get, type ReadableDb } from '../ledger/db';
import { NOTIONAL_NANO, PRIMARY_CURRENCY, spendNano } from '../ledger/facts';
import { sql, type SqlQuery } from '../ledger/sql';

export interface DayRange {
  from?: string | undefined;
  to?: string | undefined;
}

export function dayRangeWhere(range: DayRange, alias = 'f'): SqlQuery {
  const parts: SqlQuery[] = [sql.raw('1 = 1')];
  if (range.from) parts.push(sql`${sql.raw(alias)}.day >= ${range.from}`);
  if (range.to) parts.push(sql`${sql.raw(alias)}.day <= ${range.to}`);
  return sql.join(parts, ' AND ');
}

/**
 * A fact whose own money counts: not a usage row whose tokens a finer source covers (OpenRouter's per-day
 * activity beside its per-generation CSV state the same cost twice).
 */
const OWN_MONEY_COUNTS = sql.raw('counts_tokens = 1');

function toAmounts(rows: { currency: string | null; nano: bigint | null }[]): AmountsByCurrency {
  const out: AmountsByCurrency = {};
  for (const r of rows) {
    if (r.currency === null || r.nano === null) continue;
    out[r.currency] = formatAmount(r.nano);
  }
  return out;
}

export function ledgerTotals(db: ReadableDb, range: DayRange): LedgerTotals {
  const where = dayRangeWhere(range);
  const t = allBig<Record<string, bigint | null>>(
    db,
    sql`SELECT
          sum(input * counts_tokens) AS input, sum(cache_read * counts_tokens) AS cache_read,
          sum(cache_write_5m * counts_tokens) AS cache_write_5m, sum(cache_write_1h * counts_tokens) AS cache_write_1h,
          sum(output * counts_tokens) AS output, sum(reasoning * counts_tokens) AS reasoning,
          sum(requests * counts_tokens) AS requests
        FROM usage_facts f WHERE ${where}`,
  )[0]!;
  const n = (v: bigint | null | undefined) => Number(v ?? 0n);
  const billed = allBig<{ currency: string; nano: bigint }>(
    db,
    sql`SELECT billed_currency AS currency, sum(billed_nano) AS nano FROM usage_facts f
        WHERE ${where} AND billed_nano IS NOT NULL AND ${OWN_MONEY_COUNTS} GROUP BY billed_currency ORDER BY billed_currency`,
  );
  const estimated = allBig<{ currency: string; nano: bigint }>(
    db,
    sql`SELECT estimated_currency AS currency, sum(estimated_nano) AS nano FROM usage_facts f
        WHERE ${where} AND estimated_nano IS NOT NULL AND counts_tokens = 1 GROUP BY estimated_currency ORDER BY estimated_currency`,
  );
  const recorded = allBig<{ currency: string; nano: bigint }>(
    db,
    sql`SELECT recorded_currency AS currency, sum(recorded_nano) AS nano FROM usage_facts f
        WHERE ${where} AND recorded_nano IS NOT NULL AND billed_nano IS NULL AND counts_tokens = 1 GROUP BY recorded_currency ORDER BY recorded_currency`,
  );
  const spend = allBig<{ currency: string; nano: bigint }>(
    db,
    sql`SELECT currency, sum(nano) AS nano FROM (
          SELECT ${PRIMARY_CURRENCY} AS currency, ${spendNano()} AS nano FROM usage_facts f WHERE ${where} AND ${OWN_MONEY_COUNTS}
        ) WHERE nano IS NOT NULL GROUP BY currency ORDER BY currency`,
  );
  const notional = allBig<{ currency: string; nano: bigint }>(
    db,
    sql`SELECT currency, sum(nano) AS nano FROM (
          SELECT ${PRIMARY_CURRENCY} AS currency, ${NOTIONAL_NANO} AS nano FROM usage_facts f WHERE ${where} AND counts_tokens = 1
        ) WHERE nano IS NOT NULL GROUP BY currency ORDER BY currency`,
  );
  const unpricedRows = allBig<{ model: string; tokens: bigint; facts: bigint }>(
    db,
    sql`SELECT coalesce(model, model_raw, '(no model)') AS model,
               sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens, count(*) AS facts
        FROM usage_facts f WHERE ${where} AND price_status = 'unpriced' AND counts_tokens = 1
        GROUP BY 1 ORDER BY 1`,
  );
  return {
    tokens: {
      input: n(t.input),
      cache_read: n(t.cache_read),
      cache_write_5m: n(t.cache_write_5m),
      cache_write_1h: n(t.cache_write_1h),
      output: n(t.output),
      reasoning: n(t.reasoning),
    },
    requests: n(t.requests),
    billed: toAmounts(billed),
    estimated: toAmounts(estimated),
    recorded: toAmounts(recorded),
    spend: toAmounts(spend),
    notional: toAmounts(notional),
    unpriced: {
      tokens: unpricedRows.reduce((s, r) => s + Number(r.tokens), 0),
      facts: unpricedRows.reduce((s, r) => s + Number(r.facts), 0),
      models: unpricedRows.map((r) => r.model),
    },
  };
}

export function countFacts(db: ReadableDb, range: DayRange = {}): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM usage_facts f WHERE ${dayRangeWhere(range)}`)!.n;
}

