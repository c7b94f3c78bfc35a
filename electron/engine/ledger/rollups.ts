/**
 * Daily rollups: one row per UTC day x the main dimensions x currency, with token sums, requests,
 * billed / estimated / spend nano-units and unpriced counts. The dashboard reads these instead of scanning
 * usage_facts; narrower and hourly variants serve the Overview (rollupTableFor picks the table).
 *
 * Each fact contributes through "legs" (factLegs): leg A carries its tokens, requests and money in its
 * primary currency (billed, else recorded, else estimated currency, else ''); leg B carries its estimate when
 * that is in another currency than its primary one. Money and tokens follow the totals exactly: tokens only
 * where counts_tokens = 1; spend is spendNano (facts.ts, reused, never forked): the fact's bill, else its
 * recorded cost or estimate unless a bill line covers it or a plan includes it (then it is notional_nano).
 * test/report/rollups-property.test.ts proves the rollups equal a GROUP BY over the facts and the ledger's totals after random imports and undos.
 *
 * Kept current by refreshDerived (derived.ts) inside the transaction of every change of the facts: a day
 * is recomputed whole, because whether a bill covers a fact depends on the other facts of its provider
 * and day. The one exception is facts only added, none of them a bill line (rollups-add.ts, through
 * addToDerived): their legs are then added to the rows their days already have, by each table's unique
 * key (migration 027), and nothing else of those days changes.
 */
import { run, runPrepared, type WritableDb } from './db';
import { NOTIONAL_NANO, PRIMARY_CURRENCY, spendNano } from './facts';
import { sql, type SqlQuery } from './sql';
import { factDimensionSql } from './team-dims';

/**
 * Dimension columns of a rollup row. `model_raw` is kept only where `model` is null; `member` and `machine`
 * are the team's rule (team-dims.ts), not bare columns of the fact.
 */
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
  'machine',
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
  'recorded_nano',
  'notional_nano',
] as const;

/**
 * Every rollup dimension of usage_facts AS f (or only `only`), each `AS` its column (the legs' and the
 * budgets' cells use the same).
 */
export function factDimensions(named = true, only: readonly string[] = ROLLUP_DIMENSIONS): SqlQuery {
  return sql.join(
    only.map((d) => {
      const expr = d === 'model_raw' ? sql.raw('CASE WHEN f.model IS NULL THEN f.model_raw END') : factDimensionSql(d);
      return named ? sql`${expr} AS ${sql.raw(d)}` : expr;
    }),
    ', ',
  );
}

/** The UTC hour (epoch hours) of a request- or hour-grain fact; NULL for day/month rows (they keep their day). */
const HOUR_EXPR = "CASE WHEN f.granularity IN ('request', 'hour') THEN f.start_ms / 3600000 END";

const TOKENS_SUM = 'f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output';

/**
 * Where legs are read from: usage_facts itself (a fact a row), or an import's new facts summed per everything
 * their legs test (imports/fact-sums-store.ts, `facts` counting them): per day (FACT_SUMS, every column
 * but the hour) or per hour (FACT_HOUR_SUMS, only what the hourly rollups' legs read).
 */
export interface LegSource {
  table: SqlQuery;
  /** The facts a row stands for. */
  facts: SqlQuery;
}
export const DAY_SUMS_TABLE = 'temp.fact_sums';
export const HOUR_SUMS_TABLE = 'temp.fact_hour_sums';
export const FACTS: LegSource = { table: sql.raw('usage_facts'), facts: sql.raw('1') };
export const FACT_SUMS: LegSource = { table: sql.raw(DAY_SUMS_TABLE), facts: sql.raw('f.facts') };
export const FACT_HOUR_SUMS: LegSource = { table: sql.raw(HOUR_SUMS_TABLE), facts: sql.raw('f.facts') };

/**
 * One row per fact leg, with the rollup's columns (`day` given by `dayExpr`, UTC day by default).
 * `where` filters usage_facts AS f (or the rows of `from`). This is also the "naive" source: the same
 * aggregation over it, without the rollup table, gives the same figures.
 */
export function factLegs(
  where: SqlQuery,
  dayExpr: SqlQuery = sql.raw('f.day'),
  hourCol = false,
  only: readonly string[] | SqlQuery = ROLLUP_DIMENSIONS,
  from: LegSource = FACTS,
): SqlQuery {
  const hour = sql.raw(hourCol ? `${HOUR_EXPR} AS hour, ` : '');
  // A rollup of fewer dimensions computes only those: the team's are lookups per fact (team-dims.ts).
  // Given as SQL, the dimension columns are the caller's (rollups-add.ts: the team's inputs, not their rule).
  const dims = Array.isArray(only) ? factDimensions(true, only) : (only as SqlQuery);
  return sql`SELECT ${dayExpr} AS day, ${hour}${dims}, coalesce(${PRIMARY_CURRENCY}, '') AS currency,
      ${from.facts} AS facts,
      f.input * f.counts_tokens AS input, f.cache_read * f.counts_tokens AS cache_read,
      f.cache_write_5m * f.counts_tokens AS cache_write_5m, f.cache_write_1h * f.counts_tokens AS cache_write_1h,
      f.output * f.counts_tokens AS output, f.reasoning * f.counts_tokens AS reasoning,
      f.requests * f.counts_tokens AS requests,
      CASE WHEN f.counts_tokens = 1 THEN f.billed_nano END AS billed_nano,
      CASE WHEN f.counts_tokens = 1 AND f.estimated_currency = ${PRIMARY_CURRENCY} THEN f.estimated_nano END AS estimated_nano,
      CASE WHEN f.counts_tokens = 1 THEN ${spendNano()} END AS spend_nano,
      CASE WHEN f.price_status = 'unpriced' AND f.counts_tokens = 1 THEN ${sql.raw(TOKENS_SUM)} ELSE 0 END AS unpriced_tokens,
      CASE WHEN f.price_status = 'unpriced' AND f.counts_tokens = 1 THEN ${from.facts} ELSE 0 END AS unpriced_facts,
      CASE WHEN f.counts_tokens = 1 AND f.billed_nano IS NULL THEN f.recorded_nano END AS recorded_nano,
      CASE WHEN f.counts_tokens = 1 THEN ${NOTIONAL_NANO} END AS notional_nano
    FROM ${from.table} f WHERE ${where}
    UNION ALL
    SELECT ${dayExpr}, ${hour}${dims}, f.estimated_currency, 0, 0, 0, 0, 0, 0, 0, 0, NULL, f.estimated_nano, NULL, 0, 0, NULL, NULL
    FROM ${from.table} f WHERE ${where} AND f.counts_tokens = 1 AND f.estimated_currency IS NOT NULL
      AND f.estimated_currency <> ${PRIMARY_CURRENCY}`;
}

/** A rollup table's unique key (migration 027): day, then every other key column as ifnull(c, x'00'). */
export function rollupKey(columns: string): SqlQuery {
  const rest = columns.split(', ').filter((c) => c !== 'day');
  return sql.raw(['day', ...rest.map((c) => `ifnull(${c}, x'00')`)].join(', '));
}

/** `SET m = m + excluded.m` for each measure, where a NULL (nothing summed) adds nothing. */
export function addMeasures(measures: readonly string[]): SqlQuery {
  return sql.raw(measures.map((m) => `${m} = CASE WHEN excluded.${m} IS NULL THEN ${m} WHEN ${m} IS NULL THEN excluded.${m} ELSE ${m} + excluded.${m} END`).join(', '));
}

export const GROUP_COLS = ['day', ...ROLLUP_DIMENSIONS, 'currency'].join(', ');
export const MEASURE_SUMS = ROLLUP_MEASURES.map((m) => `sum(${m})`).join(', ');

/** INSERT ... SELECT that rolls up the legs of the facts matching `where`. */
function insertRollups(where: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_daily (${sql.raw(GROUP_COLS)}, ${sql.raw(ROLLUP_MEASURES.join(', '))})
    SELECT ${sql.raw(GROUP_COLS)}, ${sql.raw(MEASURE_SUMS)} FROM (${factLegs(where)}) GROUP BY ${sql.raw(GROUP_COLS)}`;
}

// ---- the narrow rollup ---------------------------------------------------------------------------
// rollup_daily keeps every dimension, so it has many rows per day (keys x members x tiers...). The
// Overview only needs a few dimensions: rollup_narrow sums rollup_daily over the others.
// Queries pick the narrowest table that has every column they group or filter by (rollupTableFor).

/** Dimension columns of rollup_hourly (a subset of ROLLUP_DIMENSIONS). */
export const HOURLY_DIMENSIONS = ['provider', 'model', 'model_raw', 'model_family', 'vendor', 'origin_region', 'project'] as const;

/**
 * Dimension columns of rollup_narrow: the hourly ones and the line type (migration 030), which the Overview
 * groups by, so its month is read here rather than from rollup_daily (a third of the rows at 10M facts).
 */
export const NARROW_DIMENSIONS = [...HOURLY_DIMENSIONS, 'line_type'] as const;

export const NARROW_GROUP_COLS = ['day', ...NARROW_DIMENSIONS, 'currency'].join(', ');

/** INSERT ... SELECT that sums rollup_daily rows matching `where` into rollup_narrow. */
function insertNarrow(where: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_narrow (${sql.raw(NARROW_GROUP_COLS)}, ${sql.raw(ROLLUP_MEASURES.join(', '))})
    SELECT ${sql.raw(NARROW_GROUP_COLS)}, ${sql.raw(MEASURE_SUMS)} FROM rollup_daily WHERE ${where} GROUP BY ${sql.raw(NARROW_GROUP_COLS)}`;
}

/** The rollup table that has every column in `columns`: the narrow one when it covers them, else the wide one. */
export function rollupTableFor(columns: Iterable<string>): 'rollup_narrow' | 'rollup_daily' {
  for (const c of columns) if (c !== 'day' && c !== 'currency' && !(NARROW_DIMENSIONS as readonly string[]).includes(c)) return 'rollup_daily';
  return 'rollup_narrow';
}

// ---- the hourly narrow rollup --------------------------------------------------------------------
// A view in another time zone places request/hour facts on the LOCAL day of their start. rollup_hourly
// keeps the narrow dimensions but the line type per UTC day and UTC hour (hour NULL for day/month rows, which keep their
// day), so a zone whose offsets are whole hours gets exact local days without scanning the facts.
// Zones with half-hour offsets still read the raw facts.

export const HOURLY_GROUP_COLS = ['day', 'hour', ...HOURLY_DIMENSIONS, 'currency'].join(', ');

function insertHourly(where: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_hourly (${sql.raw(HOURLY_GROUP_COLS)}, ${sql.raw(ROLLUP_MEASURES.join(', '))})
    SELECT ${sql.raw(HOURLY_GROUP_COLS)}, ${sql.raw(MEASURE_SUMS)} FROM (${factLegs(where, sql.raw('f.day'), true, HOURLY_DIMENSIONS)}) GROUP BY ${sql.raw(HOURLY_GROUP_COLS)}`;
}

// ---- the hourly spend rollup --------------------------------------------------------------------
// The Overview's daily chart (spend per local day by vendor and by region) in a whole-hour time zone
// needs hourly rows, but only of (vendor, origin region, currency): rollup_hourly_spend sums
// rollup_hourly's spend over the other dimensions, a few rows per hour where
// rollup_hourly has one per model x project x provider, so a month's chart reads far fewer rows.

export const HOURLY_SPEND_COLS = 'day, hour, vendor, origin_region, currency';

/** INSERT ... SELECT that sums rollup_hourly rows matching `where` into rollup_hourly_spend. */
function insertHourlySpend(where: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_hourly_spend (${sql.raw(HOURLY_SPEND_COLS)}, spend_nano)
    SELECT ${sql.raw(HOURLY_SPEND_COLS)}, sum(spend_nano) FROM rollup_hourly WHERE ${where} GROUP BY ${sql.raw(HOURLY_SPEND_COLS)}`;
}

const ALL_DAYS = sql.raw('1 = 1');

/**
 * Recompute the rollups of these UTC days (null: every day) from the facts, inside the transaction that
 * changed them: refreshDerived calls it, with the other derived tables.
 */
export function refreshRollups(db: WritableDb, days: readonly string[] | null): void {
  if (days === null) {
    run(db, sql`DELETE FROM rollup_daily`);
    run(db, insertRollups(ALL_DAYS));
    run(db, sql`DELETE FROM rollup_narrow`);
    run(db, insertNarrow(ALL_DAYS));
    run(db, sql`DELETE FROM rollup_hourly`);
    run(db, insertHourly(ALL_DAYS));
    run(db, sql`DELETE FROM rollup_hourly_spend`);
    run(db, insertHourlySpend(ALL_DAYS));
    return;
  }
  if (days.length === 0) return;
  runPrepared(db, sql`DELETE FROM rollup_daily WHERE day IN ${sql.in(days)}`);
  runPrepared(db, insertRollups(sql`f.day IN ${sql.in(days)}`));
  runPrepared(db, sql`DELETE FROM rollup_narrow WHERE day IN ${sql.in(days)}`);
  runPrepared(db, insertNarrow(sql`day IN ${sql.in(days)}`));
  runPrepared(db, sql`DELETE FROM rollup_hourly WHERE day IN ${sql.in(days)}`);
  runPrepared(db, insertHourly(sql`f.day IN ${sql.in(days)}`));
  runPrepared(db, sql`DELETE FROM rollup_hourly_spend WHERE day IN ${sql.in(days)}`);
  runPrepared(db, insertHourlySpend(sql`day IN ${sql.in(days)}`));
}
