/**
 * Each budget's cache of its amounts. A budget reads months of facts (its period, the 6-week lookback,
 * rollover periods): seconds at 10M facts, after every import. The rollups cannot answer it exactly (per
 * UTC day, no tags, a bill outside the scope does not cover usage inside it, a fact counts on the local day
 * of its midpoint), so each budget keeps its own amounts per (UTC day of the facts, local day of their
 * midpoints), computed by the same SQL as the raw path restricted to that UTC day (a fact's amount depends
 * only on the facts of its own provider and day: its bill, or its estimate unless a bill line in scope
 * covers it). A cached day is valid while ledger_days.version of that day and the budget's
 * scope/zone/unit (`def`) are unchanged: refreshDerived bumps the version of every day it recomputes, in
 * the transaction that changed the day, so an import, undo, reprice or region edit re-reads only the days
 * it touched.
 */
import { utcDay } from '../../../shared/domain/time';
import { all, allBig, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { LONGEST_HALF_FACT_MS } from '../ledger/ledger-days';
import { sql } from '../ledger/sql';

export function factDaysFor(from: number, to: number): { first: string; last: string } {
  return { first: utcDay(from - LONGEST_HALF_FACT_MS), last: utcDay(to) };
}

export interface CachedDay {
  day: string;
  /** The day's current version, and the version/def the cache holds (null: none). */
  version: number;
  cachedVersion: number | null;
  cachedDef: string | null;
}

/** The ledger's days in [first, last] with the state of a budget's cache for each. */
export function cacheStateOf(db: ReadableDb, budgetId: number, first: string, last: string): CachedDay[] {
  return all<CachedDay>(
    db,
    sql`SELECT l.day AS day, l.version AS version, c.version AS cachedVersion, c.def AS cachedDef
        FROM ledger_days l LEFT JOIN budget_cache_days c ON c.budget_id = ${budgetId} AND c.day = l.day
        WHERE l.day >= ${first} AND l.day <= ${last} ORDER BY l.day`,
  );
}

export interface CacheRow {
  day: string;
  local_day: string;
  kind: 'amount' | 'unpriced';
  key: string;
  amount: bigint;
  facts: bigint;
}

export function cachedRows(db: ReadableDb, budgetId: number, first: string, last: string): CacheRow[] {
  return allBig<CacheRow>(
    db,
    sql`SELECT day, local_day, kind, key, amount, facts FROM budget_cache_rows
        WHERE budget_id = ${budgetId} AND day >= ${first} AND day <= ${last} ORDER BY day, local_day, kind, key`,
  );
}

/** Replace a budget's cached rows of these days (computed for `def` at these versions). */
export function storeCachedDays(db: WritableDb, budgetId: number, def: string, days: readonly { day: string; version: number }[], rows: readonly CacheRow[]): void {
  if (days.length === 0) return;
  const names = days.map((d) => d.day);
  run(db, sql`DELETE FROM budget_cache_rows WHERE budget_id = ${budgetId} AND day IN (SELECT value FROM json_each(${JSON.stringify(names)}))`);
  const del = db.prepare('DELETE FROM budget_cache_days WHERE budget_id = ? AND day = ?');
  const ins = db.prepare('INSERT INTO budget_cache_days (budget_id, day, def, version) VALUES (?, ?, ?, ?)');
  for (const d of days) {
    del.run(budgetId, d.day);
    ins.run(budgetId, d.day, def, d.version);
  }
  const row = db.prepare('INSERT INTO budget_cache_rows (budget_id, day, local_day, kind, key, amount, facts) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of rows) row.run(budgetId, r.day, r.local_day, r.kind, r.key, r.amount, r.facts);
}

/** Forget a budget's cache (its definition is gone or changed). */
export function dropBudgetCache(db: WritableDb, budgetId: number): void {
  run(db, sql`DELETE FROM budget_cache_rows WHERE budget_id = ${budgetId}`);
  run(db, sql`DELETE FROM budget_cache_days WHERE budget_id = ${budgetId}`);
}
