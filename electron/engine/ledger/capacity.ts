/**
 * What the ledger can carry. Money is INTEGER nano-units and every report, budget and tip sums it in
 * SQLite, whose SUM fails ("integer overflow") past 2^63-1. Whatever writes amounts (an import, a
 * re-pricing) keeps, per currency, the sum over facts of each fact's largest absolute amount in that
 * currency (bill, recorded cost or estimate: each SUM is of one of them) at most 2^63-1, so that any sum a
 * report takes over a subset of the facts is bounded by it.
 */
import { allBig, type ReadableDb } from './db';
import { sql } from './sql';

/** The largest sum SQLite's SUM can return: 2^63-1. */
export const LEDGER_MAX = (1n << 63n) - 1n;

/** Per currency, the nano-units the ledger carries (each fact's largest absolute amount in it). Exact: no SUM here can overflow. */
export function moneyCarried(db: ReadableDb): Map<string, bigint> {
  const money = new Map<string, bigint>();
  // Per fact, the largest of its amounts in each currency (one row per fact and currency), summed per currency.
  const legs = ['billed', 'recorded', 'estimated'].map((c) => `SELECT id, ${c}_currency AS currency, abs(${c}_nano) AS a FROM usage_facts WHERE ${c}_nano IS NOT NULL`);
  const q = `SELECT currency, sum(a / 1000000000) AS units, sum(a % 1000000000) AS nano
    FROM (SELECT id, currency, max(a) AS a FROM (${legs.join(' UNION ALL ')}) GROUP BY id, currency) GROUP BY currency`;
  for (const r of allBig<{ currency: string; units: bigint; nano: bigint }>(db, sql.raw(q))) {
    money.set(r.currency, (money.get(r.currency) ?? 0n) + r.units * 1_000_000_000n + r.nano);
  }
  return money;
}
