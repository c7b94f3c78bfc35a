/**
 * The tips rollup, `rollup_tip_cells`: the tip rules' cells (provider x model x route inputs x tier x
 * project x key x member x bill currency) per UTC day, with the hour-of-day tokens as 24 columns. It holds
 * exactly what a GROUP BY over the period's usage facts (line type usage, counts_tokens = 1) computes,
 * per day: sums add, min/max stay min/max, so per-day rows combine exactly into any period. Kept current
 * by refreshDerived (derived.ts) in the same transactions as the other rollups, and by addTipCellsFromLegs
 * for facts only added (from the rollups' summed legs, the same combination, row by row); tips/store.ts reads it.
 */
import { run, runPrepared, type WritableDb } from './db';
import { INSTANT_GRAIN, NOTIONAL } from './facts';
import { addMeasures, FACT_SUMS, rollupKey } from './rollups';
import { sql, type SqlQuery } from './sql';
import { factDimensionSql } from './team-dims';

/** The cell's dimensions, in the order rows and keys name them. */
export const TIP_DIM_LIST = 'provider, model, model_raw, host, inference_geo, service_tier, context_tier, project, api_key, member, billed_currency';
/** The same dimensions of usage_facts AS f. */
export const TIP_DIMS = sql.join(TIP_DIM_LIST.split(', ').map((d) => factDimensionSql(d)), ', ');
/** TIP_DIMS, each `AS` its name (for a SELECT list). */
export const TIP_DIMS_NAMED = sql.join(TIP_DIM_LIST.split(', ').map((d) => sql`${factDimensionSql(d)} AS ${sql.raw(d)}`), ', ');
/** The facts a tip cell counts: paid usage (a plan's notional usage saves no money). */
export const TIP_USAGE = sql`f.line_type = 'usage' AND f.counts_tokens = 1 AND NOT ${NOTIONAL}`;
/** h00 .. h23: tokens (every class but reasoning) of request/hour facts started in that UTC hour. */
export const TIP_HOUR_COLUMNS = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);

/** The token classes an hour column sums (every class but reasoning, which output holds). */
export const TIP_TOKEN_COLUMNS = ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output'] as const;
const TOKENS = TIP_TOKEN_COLUMNS.map((c) => `f.${c}`).join(' + ');

/** rollup_tip_cells' columns, in the order its INSERTs give them. */
const CELL_COLUMNS = sql.raw(
  `${TIP_DIM_LIST}, day, vendor, origin_region, start_ms, end_ms, input, cache_read, cache_write_5m, cache_write_1h, output, reasoning, requests, billed_nano, unbilled, timed, facts, ${TIP_HOUR_COLUMNS.join(', ')}`,
);

/** The cell dimensions that are plain columns of the fact (the team's member is a rule over two of them). */
const PLAIN_TIP_DIMS = TIP_DIM_LIST.split(', ').filter((d) => d !== 'member');

/**
 * The tips rollup's rows of the facts matching `where`, in two steps so that the costly parts run per group
 * rather than per fact: the facts are first summed per cell, UTC day and hour of the day, keeping the
 * team's inputs (the fact's own member and its batch) instead of the team's rule; the outer step applies
 * the rule (team-dims.ts: it reads nothing else of the fact) and spreads each group's tokens into its hour
 * column. Sums add, min and max stay min and max and count(*) becomes a sum of counts, so the rows are
 * those one GROUP BY over the facts gives.
 */
function insertTipCells(where: SqlQuery): SqlQuery {
  // The UTC hour of start as a strftime('%H') of the start second would give it, in integer arithmetic:
  // the same for every instant after 1970.
  const hourSums = TIP_HOUR_COLUMNS.map((_c, h) => `sum(CASE WHEN f.timed AND f.hod = ${h} THEN f.tokens ELSE 0 END)`).join(', ');
  const plain = PLAIN_TIP_DIMS.map((d) => `f.${d}`).join(', ');
  return sql`INSERT INTO rollup_tip_cells (${CELL_COLUMNS})
    SELECT ${TIP_DIMS_NAMED}, f.day, max(f.vendor), max(f.origin_region), min(f.start_ms), max(f.end_ms),
      sum(f.input), sum(f.cache_read), sum(f.cache_write_5m), sum(f.cache_write_1h), sum(f.output), sum(f.reasoning),
      sum(f.requests), sum(f.billed_nano), sum(f.unbilled), min(f.timed), sum(f.facts), ${sql.raw(hourSums)}
    FROM (
      SELECT ${sql.raw(plain)}, f.member AS member, f.batch_id AS batch_id, f.day AS day, (f.start_ms / 3600000) % 24 AS hod,
        f.granularity IN ('request', 'hour') AS timed, max(f.vendor) AS vendor, max(f.origin_region) AS origin_region,
        min(f.start_ms) AS start_ms, max(f.end_ms) AS end_ms, sum(f.input) AS input, sum(f.cache_read) AS cache_read,
        sum(f.cache_write_5m) AS cache_write_5m, sum(f.cache_write_1h) AS cache_write_1h, sum(f.output) AS output,
        sum(f.reasoning) AS reasoning, sum(f.requests) AS requests, sum(f.billed_nano) AS billed_nano,
        sum(f.billed_nano IS NULL) AS unbilled, count(*) AS facts, sum(${sql.raw(TOKENS)}) AS tokens
      FROM usage_facts f WHERE ${TIP_USAGE} AND ${where}
      GROUP BY ${sql.raw(plain)}, f.member, f.batch_id, f.day, hod, timed
    ) f
    GROUP BY ${TIP_DIMS}, f.day`;
}

const SUMMED = ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning', 'requests', 'billed_nano', 'unbilled', 'facts', ...TIP_HOUR_COLUMNS];
/** The larger of a cell's value and the added one's, a NULL (no value) being neither: max() as an aggregate combines them. */
const larger = (c: string) => `${c} = CASE WHEN excluded.${c} IS NULL THEN ${c} WHEN ${c} IS NULL THEN excluded.${c} ELSE max(${c}, excluded.${c}) END`;
const COMBINE = sql.raw(
  [larger('vendor'), larger('origin_region'), 'start_ms = min(start_ms, excluded.start_ms)', larger('end_ms'), 'timed = min(timed, excluded.timed)'].join(', '),
);

/**
 * What the tips rollup needs of an import's new facts beyond the rollups' own legs (rollups-add.ts sums
 * both in one pass): its other cell dimensions and whether the fact is one a cell counts (`tip`, kept
 * per group), and per group the earliest start, the latest end and how many legs carry a bill.
 */
export const TIP_LEG_GROUP = ['context_tier', 'billed_currency', 'tip'] as const;
export const TIP_LEG_DIMS = sql`f.context_tier AS context_tier, f.billed_currency AS billed_currency, (${TIP_USAGE}) AS tip, f.start_ms AS start_ms, f.end_ms AS end_ms`;
export const TIP_LEG_MEASURES = ['start_ms', 'end_ms', 'billed_legs'] as const;
/** (`facts`: the facts a leg stands for, one per fact's first leg, 0 for its second, fact-sums-store.ts' counts for summed facts.) */
export const TIP_LEG_SUMS = 'min(start_ms), max(end_ms), sum((billed_nano IS NOT NULL) * facts)';

/**
 * Add the summed legs in `legs` (rollups-add.ts: rows of new facts per UTC day and hour, the rollups'
 * dimensions with the fact's raw model_raw, the team's inputs and TIP_LEG_GROUP) to the tips rollup of
 * their days. A counted fact's first leg carries its tokens, requests and bill as the fact has them
 * (counts_tokens is 1) and `facts` 1; its second leg (an estimate in another currency) has the same cell
 * and nothing of these (no bill, `facts` 0): the sums over the facts are sums of the legs' sums, the
 * unbilled facts are the facts less the legs with a bill, and min and max stay min and max. Rows of the
 * same cell combine as one GROUP BY would. Only for facts just added on days whose cells are otherwise
 * current (derived.ts addToDerived decides).
 */
export function addTipCellsFromLegs(db: WritableDb, legs: SqlQuery): void {
  // A timed leg's hour is its start's epoch hour: hour % 24 is its UTC hour of the day; an untimed leg's is NULL.
  const hours = TIP_HOUR_COLUMNS.map((_c, h) => `sum(CASE WHEN f.hour % 24 = ${h} THEN ${TOKENS} ELSE 0 END)`).join(', ');
  runPrepared(
    db,
    upsertCells(sql`SELECT ${TIP_DIMS_NAMED}, f.day, max(f.vendor), max(f.origin_region), min(f.start_ms), max(f.end_ms),
        sum(f.input), sum(f.cache_read), sum(f.cache_write_5m), sum(f.cache_write_1h), sum(f.output), sum(f.reasoning),
        sum(f.requests), sum(f.billed_nano), sum(f.facts) - sum(f.billed_legs), min(f.hour IS NOT NULL), sum(f.facts), ${sql.raw(hours)}
      FROM ${legs} f WHERE f.tip
      GROUP BY ${TIP_DIMS}, f.day`),
  );
}

/**
 * Rows of rollup_tip_cells' columns (CELL_COLUMNS), each added to its cell's row: a cell those days do not
 * have yet is inserted, one they have (or one an earlier row of the same SELECT inserted) is combined with
 * it as one GROUP BY would combine them (sums add, min and max stay min and max).
 */
function upsertCells(select: SqlQuery): SqlQuery {
  return sql`INSERT INTO rollup_tip_cells (${CELL_COLUMNS})
      ${select}
      ON CONFLICT (${rollupKey(`day, ${TIP_DIM_LIST}`)}) DO UPDATE SET ${addMeasures(SUMMED)}, ${COMBINE}`;
}

/**
 * Add an import's new facts summed per day (rollups.ts FACT_SUMS: imports/fact-sums-store.ts, each row the
 * sum of `facts` facts that agree on every cell dimension, the team's inputs and what TIP_USAGE tests,
 * with their tokens per UTC hour of the day already in the hour columns) matching `where` to the tips
 * rollup of their days: the outer step of insertTipCells, each row added to its cell as it comes instead of
 * the rows first grouped per cell (a cell's rows combine on conflict as the GROUP BY would have summed them;
 * sorting the rows was most of the statement: 1M OpenRouter rows, 1.1-1.2 s vs 0.66-0.71 s). Only for facts
 * just added on days whose cells are otherwise current (derived.ts FactAdder decides).
 */
export function addTipCellsFromSums(db: WritableDb, where: SqlQuery): void {
  const hours = TIP_HOUR_COLUMNS.map((c) => `CASE WHEN ${INSTANT_GRAIN('f').text} THEN f.${c} ELSE 0 END`).join(', ');
  runPrepared(
    db,
    upsertCells(sql`SELECT ${TIP_DIMS_NAMED}, f.day, f.vendor, f.origin_region, f.start_ms, f.end_ms,
        f.input, f.cache_read, f.cache_write_5m, f.cache_write_1h, f.output, f.reasoning,
        f.requests, f.billed_nano, (f.billed_nano IS NULL) * f.facts, ${INSTANT_GRAIN('f')}, f.facts, ${sql.raw(hours)}
      FROM ${FACT_SUMS.table} f WHERE ${TIP_USAGE} AND ${where}`),
  );
}

/** Recompute the tips rollup of these UTC days (null: every day), inside the transaction that changed them. */
export function refreshTipCells(db: WritableDb, days: readonly string[] | null): void {
  if (days === null) {
    run(db, sql`DELETE FROM rollup_tip_cells`);
    run(db, insertTipCells(sql.raw('1 = 1')));
    return;
  }
  if (days.length === 0) return;
  runPrepared(db, sql`DELETE FROM rollup_tip_cells WHERE day IN ${sql.in(days)}`);
  runPrepared(db, insertTipCells(sql`f.day IN ${sql.in(days)}`));
}
