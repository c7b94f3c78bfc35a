/**
 * Daily rollups (DESIGN.md §2, issue 5): one row per UTC day x the main dimensions x currency, with token
 * sums, requests, billed / estimated / spend nano-units and unpriced counts. The dashboard reads these
 * instead of scanning usage_facts.
 *
 * Each fact contributes through "legs" (FACT_LEGS): leg A carries its tokens, requests and money in its
 * primary currency (billed currency, else estimated currency, else ''); leg B carries its estimate when
 * that is in another currency than its bill. Money and tokens follow repos/totals.ts exactly: tokens only
 * where counts_tokens = 1; spend = billed where the fact has a bill, else its estimate unless a bill line
 * covers it (COVERED_BY_BILL, reused, never forked). test/report/rollups-property.test.ts proves the
 * rollups equal a GROUP BY over the facts and ledgerTotals() after random imports and undos.
 *
 * Kept current: the import pipeline calls refreshRollups() inside its commit and undo transactions for
 * the days a batch touches (daysTouchedByBatches, read BEFORE an undo deletes the rows); the pricing
 * engine calls it after re-estimating. A day is always recomputed whole, because whether a bill covers
 * a fact depends on the other facts of its provider and day.
 */
import { all, run, type ReadableDb, type WritableDb } from '../connection';
import type { Statement } from 'better-sqlite3';
import { sql, type SqlQuery, type SqlValue } from '../sql';
import { COVERED_BY_BILL } from './totals';
import { rebuildTipCells, refreshTipCells } from './tips';
import { touchLedgerDays } from './budgets';

/** Dimension columns of a rollup row, in table order. `model_raw` is kept only where `model` is null. */
export const ROLLUP_DIMENSIONS = [
  'provider',
  'model',
  'model_raw',
  'model_family',
  'vendor',
  'origin_region',
  'host',
  'inference_geo',
  'account',
  'project',
  'api_key',
  'member',
  'service_tier',
  'line_type',
] as const;

/** Measures of a rollup row (all summed). */
export const ROLLUP_MEASURES = [
  'facts',
  'input',
  'cache_read',
  'cache_write_5m',
  'cache_write_1h',
  'output',
  'reasoning',
  'requests',
  'billed_nano',
  'estimated_nano',
  'spend_nano',
  'unpriced_tokens',
  'unpriced_facts',
] as const;

export const CREATE_ROLLUPS_SQL = `
  CREATE TABLE rollup_daily (
    day            TEXT NOT NULL,
    provider       TEXT NOT NULL,
    model          TEXT,
    model_raw      TEXT,
    model_family   TEXT,
    vendor         TEXT,
    origin_region  TEXT,
    host           TEXT,
    inference_geo  TEXT,
    account        TEXT,
    project        TEXT,
    api_key        TEXT,
    member         TEXT,
    service_tier   TEXT NOT NULL,
    line_type      TEXT NOT NULL,
    currency       TEXT NOT NULL,
    facts          INTEGER NOT NULL,
    input          INTEGER NOT NULL,
    cache_read     INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    output         INTEGER NOT NULL,
    reasoning      INTEGER NOT NULL,
    requests       INTEGER NOT NULL,
    billed_nano    INTEGER,
    estimated_nano INTEGER,
    spend_nano     INTEGER,
    unpriced_tokens INTEGER NOT NULL,
    unpriced_facts INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX rollup_daily_day ON rollup_daily(day);
`;

/** The UTC hour (epoch hours) of a request- or hour-grain fact; NULL for day/month rows (they keep their day). */
const HOUR_EXPR = "CASE WHEN f.granularity IN ('request', 'hour') THEN f.start_ms / 3600000 END";

const TOKENS_SUM = 'f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output';

/**
 * One row per fact leg, with the rollup's columns (`day` given by `dayExpr`, UTC day by default).
 * `where` filters usage_facts AS f. This is also the "naive" source: the same aggregation over it,
 * without the rollup table, gives the same figures.
 */
export function factLegs(where: SqlQuery, dayExpr: SqlQuery = sql.raw('f.day'), hourCol = false): SqlQuery {
  const hour = sql.raw(hourCol ? `${HOUR_EXPR} AS hour, ` : '');
  const dims = sql.raw(
    ROLLUP_DIMENSIONS.map((d) => (d === 'model_raw' ? 'CASE WHEN f.model IS NULL THEN f.model_raw END AS model_raw' : `f.${d} AS ${d}`)).join(', '),
  );
  return sql`SELECT ${dayExpr} AS day, ${hour}${dims}, coalesce(f.billed_currency, f.estimated_currency, '') AS currency,
      1 AS facts,
      f.input * f.counts_tokens AS input, f.cache_read * f.counts_tokens AS cache_read,
      f.cache_write_5m * f.counts_tokens AS cache_write_5m, f.cache_write_1h * f.counts_tokens AS cache_write_1h,
      f.output * f.counts_tokens AS output, f.reasoning * f.counts_tokens AS reasoning,
      f.requests * f.counts_tokens AS requests,
      CASE WHEN f.counts_tokens = 1 THEN f.billed_nano END AS billed_nano,
      CASE WHEN f.counts_tokens = 1 AND f.estimated_currency = coalesce(f.billed_currency, f.estimated_currency) THEN f.estimated_nano END AS estimated_nano,
      CASE WHEN f.counts_tokens = 1 AND f.billed_nano IS NOT NULL THEN f.billed_nano
           WHEN f.counts_tokens = 1 AND f.estimated_nano IS NOT NULL AND NOT ${COVERED_BY_BILL} THEN f.estimated_nano END AS spend_nano,
      CASE WHEN f.price_status = 'unpriced' AND f.counts_tokens = 1 THEN ${sql.raw(TOKENS_SUM)} ELSE 0 END AS unpriced_tokens,
      CASE WHEN f.price_status = 'unpriced' AND f.counts_tokens = 1 THEN 1 ELSE 0 END AS unpriced_facts
    FROM usage_facts f WHERE ${where}
    UNION ALL
    SELECT ${dayExpr}, ${hour}${dims}, f.estimated_currency, 0, 0, 0, 0, 0, 0, 0, 0, NULL, f.estimated_nano, NULL, 0, 0
    FROM usage_facts f WHERE ${where} AND f.counts_tokens = 1 AND f.billed_currency IS NOT NULL
      AND f.estimated_currency IS NOT NULL AND f.estimated_currency <> f.billed_currency`;
}

const GROUP_COLS = ['day', ...ROLLUP_DIMENSIONS, 'currency'].join(', ');
const MEASURE_SUMS = ROLLUP_MEASURES.map((m) => `sum(${m})`).join(', ');

/** INSERT ... SELECT that rolls up the legs of the facts matching `where`. */
function insertRollups(where: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_daily (${sql.raw(GROUP_COLS)}, ${sql.raw(ROLLUP_MEASURES.join(', '))})
    SELECT ${sql.raw(GROUP_COLS)}, ${sql.raw(MEASURE_SUMS)} FROM (${factLegs(where)}) GROUP BY ${sql.raw(GROUP_COLS)}`;
}

/** Text of the full rebuild, for the migration that creates the table (no parameters). */
export function rebuildAllRollupsSql(): string {
  return `DELETE FROM rollup_daily; ${insertRollups(sql.raw('1 = 1')).text};`;
}

const CHUNK = 400;

// ---- the narrow rollup ---------------------------------------------------------------------------
// rollup_daily keeps every dimension, so it has many rows per day (keys x members x tiers...). The
// Overview only needs a few dimensions: rollup_narrow sums rollup_daily over the others (migration 008).
// Queries pick the narrowest table that has every column they group or filter by (rollupTableFor).

/** Dimension columns of rollup_narrow (a subset of ROLLUP_DIMENSIONS). */
export const NARROW_DIMENSIONS = ['provider', 'model', 'model_raw', 'model_family', 'vendor', 'origin_region', 'project'] as const;

export const CREATE_NARROW_ROLLUPS_SQL = `
  CREATE TABLE rollup_narrow (
    day            TEXT NOT NULL,
    provider       TEXT NOT NULL,
    model          TEXT,
    model_raw      TEXT,
    model_family   TEXT,
    vendor         TEXT,
    origin_region  TEXT,
    project        TEXT,
    currency       TEXT NOT NULL,
    facts          INTEGER NOT NULL,
    input          INTEGER NOT NULL,
    cache_read     INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    output         INTEGER NOT NULL,
    reasoning      INTEGER NOT NULL,
    requests       INTEGER NOT NULL,
    billed_nano    INTEGER,
    estimated_nano INTEGER,
    spend_nano     INTEGER,
    unpriced_tokens INTEGER NOT NULL,
    unpriced_facts INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX rollup_narrow_day ON rollup_narrow(day);
`;

const NARROW_GROUP_COLS = ['day', ...NARROW_DIMENSIONS, 'currency'].join(', ');

/** INSERT ... SELECT that sums rollup_daily rows matching `where` into rollup_narrow. */
function insertNarrow(where: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_narrow (${sql.raw(NARROW_GROUP_COLS)}, ${sql.raw(ROLLUP_MEASURES.join(', '))})
    SELECT ${sql.raw(NARROW_GROUP_COLS)}, ${sql.raw(MEASURE_SUMS)} FROM rollup_daily WHERE ${where} GROUP BY ${sql.raw(NARROW_GROUP_COLS)}`;
}

/** Text of the narrow rollup's full rebuild from rollup_daily (migration 008). */
export function rebuildNarrowRollupsSql(): string {
  return `DELETE FROM rollup_narrow; ${insertNarrow(sql.raw('1 = 1')).text};`;
}

/** The rollup table that has every column in `columns`: the narrow one when it covers them, else the wide one. */
export function rollupTableFor(columns: Iterable<string>): 'rollup_narrow' | 'rollup_daily' {
  for (const c of columns) if (c !== 'day' && c !== 'currency' && !(NARROW_DIMENSIONS as readonly string[]).includes(c)) return 'rollup_daily';
  return 'rollup_narrow';
}

// ---- the hourly narrow rollup --------------------------------------------------------------------
// A view in another time zone places request/hour facts on the LOCAL day of their start. rollup_hourly
// keeps the narrow dimensions per UTC day and UTC hour (hour NULL for day/month rows, which keep their
// day), so a zone whose offsets are whole hours gets exact local days without scanning the facts
// (migration 010). Zones with half-hour offsets still read the raw facts.

export const CREATE_HOURLY_ROLLUPS_SQL = CREATE_NARROW_ROLLUPS_SQL.replace(/rollup_narrow/g, 'rollup_hourly').replace(
  'day            TEXT NOT NULL,',
  'day            TEXT NOT NULL,\n    hour           INTEGER,',
);

const HOURLY_GROUP_COLS = ['day', 'hour', ...NARROW_DIMENSIONS, 'currency'].join(', ');

function insertHourly(where: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_hourly (${sql.raw(HOURLY_GROUP_COLS)}, ${sql.raw(ROLLUP_MEASURES.join(', '))})
    SELECT ${sql.raw(HOURLY_GROUP_COLS)}, ${sql.raw(MEASURE_SUMS)} FROM (${factLegs(where, sql.raw('f.day'), true)}) GROUP BY ${sql.raw(HOURLY_GROUP_COLS)}`;
}

/** Text of the hourly rollup's full rebuild (migration 010). */
export function rebuildHourlyRollupsSql(): string {
  return `DELETE FROM rollup_hourly; ${insertHourly(sql.raw('1 = 1')).text};`;
}

// ---- the hourly spend rollup --------------------------------------------------------------------
// The Overview's daily chart (spend per local day by vendor and by region) in a whole-hour time zone
// needs hourly rows, but only of (vendor, origin region, currency): rollup_hourly_spend sums
// rollup_hourly's spend over the other dimensions (migration 012), a few rows per hour where
// rollup_hourly has one per model x project x provider, so a month's chart reads far fewer rows.

export const CREATE_HOURLY_SPEND_SQL = `
  CREATE TABLE rollup_hourly_spend (
    day            TEXT NOT NULL,
    hour           INTEGER,
    vendor         TEXT,
    origin_region  TEXT,
    currency       TEXT NOT NULL,
    spend_nano     INTEGER
  ) STRICT;
  CREATE INDEX rollup_hourly_spend_day ON rollup_hourly_spend(day);
`;

const HOURLY_SPEND_COLS = 'day, hour, vendor, origin_region, currency';

/** INSERT ... SELECT that sums rollup_hourly rows matching `where` into rollup_hourly_spend. */
function insertHourlySpend(where: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_hourly_spend (${sql.raw(HOURLY_SPEND_COLS)}, spend_nano)
    SELECT ${sql.raw(HOURLY_SPEND_COLS)}, sum(spend_nano) FROM rollup_hourly WHERE ${where} GROUP BY ${sql.raw(HOURLY_SPEND_COLS)}`;
}

/** Text of the hourly spend rollup's full rebuild from rollup_hourly (migration 012). */
export function rebuildHourlySpendSql(): string {
  return `DELETE FROM rollup_hourly_spend; ${insertHourlySpend(sql.raw('1 = 1')).text};`;
}

/** Statements of refreshRollups per connection and text (an import refreshes a few days at a time, often). */
const refreshStmts = new WeakMap<WritableDb, Map<string, Statement>>();

function runCached(db: WritableDb, q: SqlQuery): void {
  let m = refreshStmts.get(db);
  if (!m) {
    m = new Map();
    refreshStmts.set(db, m);
  }
  let st = m.get(q.text);
  if (!st) {
    st = db.prepare(q.text);
    if (m.size >= 64) m.clear();
    m.set(q.text, st);
  }
  st.run(...(q.params as SqlValue[]));
}

/** Recompute the rollups of these UTC days from the facts. Call inside the transaction that changed them. */
export function refreshRollups(db: WritableDb, days: readonly string[]): void {
  const unique = [...new Set(days)].sort();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    runCached(db, sql`DELETE FROM rollup_daily WHERE day IN ${sql.in(part)}`);
    runCached(db, insertRollups(sql`f.day IN ${sql.in(part)}`));
    runCached(db, sql`DELETE FROM rollup_narrow WHERE day IN ${sql.in(part)}`);
    runCached(db, insertNarrow(sql`day IN ${sql.in(part)}`));
    runCached(db, sql`DELETE FROM rollup_hourly WHERE day IN ${sql.in(part)}`);
    runCached(db, insertHourly(sql`f.day IN ${sql.in(part)}`));
    runCached(db, sql`DELETE FROM rollup_hourly_spend WHERE day IN ${sql.in(part)}`);
    runCached(db, insertHourlySpend(sql`day IN ${sql.in(part)}`));
    refreshTipCells(db, part); // issue 7: the tips rollup, same days, same transaction
    touchLedgerDays(db, part); // budgets: these days' cached amounts are stale now
  }
}

/** Rebuild every rollup (after a restore, or to repair). */
export function rebuildAllRollups(db: WritableDb): void {
  run(db, sql`DELETE FROM rollup_daily`);
  run(db, insertRollups(sql.raw('1 = 1')));
  run(db, sql`DELETE FROM rollup_narrow`);
  run(db, insertNarrow(sql.raw('1 = 1')));
  run(db, sql`DELETE FROM rollup_hourly`);
  run(db, insertHourly(sql.raw('1 = 1')));
  run(db, sql`DELETE FROM rollup_hourly_spend`);
  run(db, insertHourlySpend(sql.raw('1 = 1')));
  rebuildTipCells(db);
  touchLedgerDays(db, null);
}

/**
 * UTC days whose rollups a batch's commit or undo changes: its own facts, the facts it revised (their
 * earlier values), and facts whose token coverage it recorded. Read before an undo removes the rows.
 */
export function daysTouchedByBatches(db: ReadableDb, batchIds: readonly (number | null)[]): string[] {
  const ids = batchIds.filter((b): b is number => b !== null);
  if (ids.length === 0) return [];
  const rows = all<{ day: string }>(
    db,
    sql`SELECT day FROM usage_facts WHERE batch_id IN ${sql.in(ids)}
        UNION SELECT day FROM fact_history WHERE revised_by_batch_id IN ${sql.in(ids)} OR batch_id IN ${sql.in(ids)}
        UNION SELECT f.day FROM token_supersessions s JOIN usage_facts f ON f.id = s.fact_id
          WHERE s.superseding_batch_id IN ${sql.in(ids)} OR s.created_by_batch_id IN ${sql.in(ids)}`,
  );
  return rows.map((r) => r.day);
}
