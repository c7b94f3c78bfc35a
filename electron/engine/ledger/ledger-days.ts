/**
 * `ledger_days`: one row per UTC day with facts, with a version bumped whenever the day's derived rows
 * are recomputed (refreshDerived, in the transaction that changed the day), the day's latest fact end and
 * its fact count. Caches keyed by day (each budget's amounts) stay valid while the day's version does;
 * the counts answer "how many facts" and "how far does the data reach" without reading the facts.
 */
import { get, run, runPrepared, type ReadableDb, type WritableDb } from './db';
import { FACTS, type LegSource } from './rollups';
import { sql, type SqlQuery } from './sql';
import { DAY_MS, utcDay } from '../../../shared/domain/time';

/** The longest fact (a month bucket) starts at most this long before its midpoint. */
export const LONGEST_HALF_FACT_MS = 32 * DAY_MS;

/** Bump the version of these UTC days (null: every day) and record their latest fact end and fact count. */
export function touchLedgerDays(db: WritableDb, days: readonly string[] | null): void {
  const v = get<{ v: number }>(db, sql`SELECT coalesce(max(version), 0) + 1 AS v FROM ledger_days`)!.v;
  if (days === null) {
    run(db, sql`UPDATE ledger_days SET version = ${v}, max_end_ms = NULL, facts = 0`);
    run(db, sql`INSERT INTO ledger_days (day, version, max_end_ms, facts) SELECT day, ${v}, max(end_ms), count(*) FROM usage_facts GROUP BY day
      ON CONFLICT (day) DO UPDATE SET version = excluded.version, max_end_ms = excluded.max_end_ms, facts = excluded.facts`);
    return;
  }
  if (days.length === 0) return;
  const list = JSON.stringify([...days]);
  run(db, sql`INSERT INTO ledger_days (day, version, max_end_ms, facts)
      SELECT d.value, ${v}, m.max_end, coalesce(m.n, 0) FROM json_each(${list}) d
      LEFT JOIN (SELECT f.day AS day, max(f.end_ms) AS max_end, count(*) AS n FROM usage_facts f
                 WHERE f.day IN (SELECT value FROM json_each(${list})) GROUP BY f.day) m ON m.day = d.value
      WHERE true ON CONFLICT (day) DO UPDATE SET version = excluded.version, max_end_ms = excluded.max_end_ms, facts = excluded.facts`);
}

/**
 * Add the facts matching `where` (usage_facts AS f, or the rows of `from`; facts just inserted) to their days' fact counts and
 * latest ends, as a recount would find them when nothing else changed on those days (derived.ts
 * FactAdder, which says when that holds); a new day's row gets version 0 until bumpLedgerDays. Counting
 * every fact of a day again instead reads each one's row (end_ms is not in the day index): the whole
 * table, at the end of an import of 200,000 facts.
 */
export function addToLedgerDays(db: WritableDb, where: SqlQuery, from: LegSource = FACTS): void {
  runPrepared(
    db,
    sql`INSERT INTO ledger_days (day, version, max_end_ms, facts)
      SELECT f.day, 0, max(f.end_ms), sum(${from.facts}) FROM ${from.table} f WHERE ${where} GROUP BY f.day
      ON CONFLICT (day) DO UPDATE SET facts = facts + excluded.facts,
        max_end_ms = CASE WHEN max_end_ms IS NULL OR excluded.max_end_ms > max_end_ms THEN excluded.max_end_ms ELSE max_end_ms END`,
  );
}

/** Bump the version of these UTC days whose counts addToLedgerDays kept current (as touchLedgerDays does, without counting). */
export function bumpLedgerDays(db: WritableDb, days: readonly string[]): void {
  if (days.length === 0) return;
  const v = get<{ v: number }>(db, sql`SELECT coalesce(max(version), 0) + 1 AS v FROM ledger_days`)!.v;
  runPrepared(db, sql`UPDATE ledger_days SET version = ${v} WHERE day IN (SELECT value FROM json_each(${JSON.stringify([...days])}))`);
}

/** Every fact in the ledger, exactly: a few hundred rows instead of count(*) over every fact. */
export function factCountFromDays(db: ReadableDb): number {
  return get<{ n: number }>(db, sql`SELECT coalesce(sum(facts), 0) AS n FROM ledger_days`)!.n;
}

/** The end of the latest fact in the ledger (any scope): the data reaches this far. Null for an empty ledger. */
export function latestFactEnd(db: ReadableDb): number | null {
  const last = get<{ d: string | null }>(db, sql`SELECT max(day) AS d FROM ledger_days WHERE max_end_ms IS NOT NULL`)?.d ?? null;
  if (!last) return null;
  const since = utcDay(Date.parse(`${last}T00:00:00Z`) - LONGEST_HALF_FACT_MS);
  return get<{ t: number | null }>(db, sql`SELECT max(max_end_ms) AS t FROM ledger_days WHERE day >= ${since}`)?.t ?? null;
}
