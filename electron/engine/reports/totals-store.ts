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

/** Sums of one group of facts sharing their currencies (ledgerTotals). */
interface CurrencyGroup {
  bc: string | null;
  ec: string | null;
  rc: string | null;
  pc: string | null;
  input: bigint | null;
  cache_read: bigint | null;
  cache_write_5m: bigint | null;
  cache_write_1h: bigint | null;
  output: bigint | null;
  reasoning: bigint | null;
  requests: bigint | null;
  billed: bigint | null;
  estimated: bigint | null;
  recorded: bigint | null;
  spend: bigint | null;
  notional: bigint | null;
}

/** Adds a group's sum (NULL: the group has no such amount) to its currency's. */
function addTo(out: Map<string, bigint>, currency: string | null, nano: bigint | null): void {
  if (currency === null || nano === null) return;
  out.set(currency, (out.get(currency) ?? 0n) + nano);
}

const amounts = (m: Map<string, bigint>) => toAmounts([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, nano]) => ({ currency, nano })));

/**
 * One scan of the facts, grouped by the currencies they carry (few groups), then per currency in bigint:
 * integer sums regrouped are the same sums.
 */
export function ledgerTotals(db: ReadableDb, range: DayRange): LedgerTotals {
  const where = dayRangeWhere(range);
  const groups = allBig<CurrencyGroup>(
    db,
    sql`SELECT billed_currency AS bc, estimated_currency AS ec, recorded_currency AS rc, ${PRIMARY_CURRENCY} AS pc,
          sum(input * counts_tokens) AS input, sum(cache_read * counts_tokens) AS cache_read,
          sum(cache_write_5m * counts_tokens) AS cache_write_5m, sum(cache_write_1h * counts_tokens) AS cache_write_1h,
          sum(output * counts_tokens) AS output, sum(reasoning * counts_tokens) AS reasoning,
          sum(requests * counts_tokens) AS requests,
          sum(CASE WHEN ${OWN_MONEY_COUNTS} THEN billed_nano END) AS billed,
          sum(CASE WHEN counts_tokens = 1 THEN estimated_nano END) AS estimated,
          sum(CASE WHEN counts_tokens = 1 AND billed_nano IS NULL THEN recorded_nano END) AS recorded,
          sum(CASE WHEN ${OWN_MONEY_COUNTS} THEN ${spendNano()} END) AS spend,
          sum(CASE WHEN counts_tokens = 1 THEN ${NOTIONAL_NANO} END) AS notional
        FROM usage_facts f WHERE ${where}
        GROUP BY 1, 2, 3, 4`,
  );
  const tokens = { input: 0n, cache_read: 0n, cache_write_5m: 0n, cache_write_1h: 0n, output: 0n, reasoning: 0n, requests: 0n };
  const billed = new Map<string, bigint>();
  const estimated = new Map<string, bigint>();
  const recorded = new Map<string, bigint>();
  const spend = new Map<string, bigint>();
  const notional = new Map<string, bigint>();
  for (const g of groups) {
    for (const k of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[k] += g[k] ?? 0n;
    addTo(billed, g.bc, g.billed);
    addTo(estimated, g.ec, g.estimated);
    addTo(recorded, g.rc, g.recorded);
    addTo(spend, g.pc, g.spend);
    addTo(notional, g.pc, g.notional);
  }
  const unpricedRows = allBig<{ model: string; tokens: bigint; facts: bigint }>(
    db,
    sql`SELECT coalesce(model, model_raw, '(no model)') AS model,
               sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens, count(*) AS facts
        FROM usage_facts f WHERE ${where} AND price_status = 'unpriced' AND counts_tokens = 1
        GROUP BY 1 ORDER BY 1`,
  );
  return {
    tokens: {
      input: Number(tokens.input),
      cache_read: Number(tokens.cache_read),
      cache_write_5m: Number(tokens.cache_write_5m),
      cache_write_1h: Number(tokens.cache_write_1h),
      output: Number(tokens.output),
      reasoning: Number(tokens.reasoning),
    },
    requests: Number(tokens.requests),
    billed: amounts(billed),
    estimated: amounts(estimated),
    recorded: amounts(recorded),
    spend: amounts(spend),
    notional: amounts(notional),
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

