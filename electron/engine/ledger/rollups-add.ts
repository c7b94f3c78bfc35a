/**
 * Adding facts to the rollups (rollups.ts) and the tips rollup (tip-cells.ts) without recomputing their
 * days. Facts only added, none of them a bill line, change no other fact's legs: each table's rows grow
 * by the new facts' own legs, summed into the row of the same key (migration 027's unique keys; a NULL
 * sum adds nothing, as in a GROUP BY). derived.ts addToDerived decides when that holds.
 *
 * The new facts' legs (factLegs: the one definition of every measure) are summed once, per UTC day and
 * hour and every dimension, into a temp table whose rows keep the inputs of two rules instead of the
 * rules: the team's (the fact's own member and its batch, team-dims.ts) and the rollups' model_raw (the
 * fact's own, factDimensions); each rule is then applied per summed row, which gives what it gives per
 * fact, since it reads nothing else of the fact. The same rows carry what the tips rollup needs besides
 * (TIP_LEG_GROUP, TIP_LEG_MEASURES): one pass over the new facts feeds both. The four rollup tables are
 * sums of those rows grouped by their own columns (through two smaller sums of them, per day and per
 * hour of the narrow dimensions), the tip cells likewise: the same sums a recompute takes from the facts.
 *
 * An import's new facts are usually summed already, in memory as they were inserted (addSumsToRollups):
 * per day and per hour separately (imports/fact-sums-store.ts), each with only what its tables read, so
 * a gateway's export (a fact per key, app and minute) gives a fifth of a row per fact, not most of one.
 */
import { runPrepared, type WritableDb } from './db';
import {
  addMeasures,
  factDimensions,
  FACT_HOUR_SUMS,
  FACT_SUMS,
  factLegs,
  GROUP_COLS,
  HOURLY_DIMENSIONS,
  HOURLY_GROUP_COLS,
  HOURLY_SPEND_COLS,
  MEASURE_SUMS,
  NARROW_GROUP_COLS,
  rollupKey,
  ROLLUP_DIMENSIONS,
  ROLLUP_MEASURES,
} from './rollups';
import { sql, type SqlQuery } from './sql';
import { factMachineSql, factMemberSql } from './team-dims';
import { addTipCellsFromLegs, addTipCellsFromSums, TIP_LEG_DIMS, TIP_LEG_GROUP, TIP_LEG_MEASURES, TIP_LEG_SUMS } from './tip-cells';

/** The dimensions the team's rule does not compute, as factDimensions names them (model_raw: the fact's own, see below). */
const PLAIN = ROLLUP_DIMENSIONS.filter((d) => d !== 'member' && d !== 'machine');
/** The temp table's group: day, hour, the plain dimensions, the team's inputs, currency, the tips' own. */
const LEG_GROUP = ['day', 'hour', ...PLAIN, 'member', 'batch_id', 'currency', ...TIP_LEG_GROUP].join(', ');
const LEG_DIMS = sql`${factDimensions(
  true,
  PLAIN.filter((d) => d !== 'model_raw'),
)}, f.model_raw AS model_raw, f.member AS member, f.batch_id AS batch_id, ${TIP_LEG_DIMS}`;
const MEASURES = ROLLUP_MEASURES.join(', ');
const LEG_MEASURES = [...ROLLUP_MEASURES, ...TIP_LEG_MEASURES].join(', ');

/** The temp table's rows with the rollups' model_raw (factDimensions' rule over the row's model and model_raw). */
const RULED_LEGS = sql`(SELECT ${sql.raw(
  LEG_GROUP.split(', ')
    .filter((c) => c !== 'model_raw')
    .join(', '),
)}, ${factDimensions(true, ['model_raw'])}, ${sql.raw(MEASURES)} FROM temp.added_legs f)`;

/** The wide table's columns over the temp table (alias f): the team's rule applied to each row. */
const WIDE_COLUMNS = sql`day, ${sql.join(
  GROUP_COLS.split(', ').filter((c) => c !== 'day' && c !== 'currency').map((d) =>
    d === 'member' ? sql`${factMemberSql()} AS member` : d === 'machine' ? sql`${factMachineSql()} AS machine` : sql.raw(d),
  ),
  ', ',
)}, currency`;

/**
 * Add the rows of `from` to `table`, each to the row of its key (`groupCols`): `grouped`, the rows are first summed
 * per key, for a source with many rows per key; else each row is added as it comes, a key's rows combining on
 * conflict as the GROUP BY would have summed them, for a source with about one row per key, where the sort
 * was most of the statement (1M OpenRouter rows: rollup_hourly from temp.added_hours, one row a key, 0.66-0.76 s
 * vs 0.37-0.40 s; rollup_daily from temp.added_days, the team's rule applied per row, 0.59-0.67 s vs 0.31-0.39 s).
 */
function upsert(table: string, groupCols: string, measures: readonly string[], from: SqlQuery, grouped: boolean): SqlQuery {
  const cols = sql.raw(groupCols);
  const select = grouped
    ? sql`SELECT ${cols}, ${sql.raw(measures.map((m) => `sum(${m})`).join(', '))} FROM ${from} WHERE true GROUP BY ${cols}`
    : sql`SELECT ${cols}, ${sql.raw(measures.join(', '))} FROM ${from} WHERE true`;
  return sql`INSERT INTO ${sql.raw(table)} (${cols}, ${sql.raw(measures.join(', '))}) ${select}
    ON CONFLICT (${rollupKey(groupCols)}) DO UPDATE SET ${addMeasures(measures)}`;
}

/** The daily temp table's group: the rollups' columns of the legs without the hour. */
const DAY_GROUP = ['day', ...PLAIN, 'member', 'batch_id', 'currency'].join(', ');

/**
 * Sums `legs` (rows with the rollups' columns: model_raw under factDimensions' rule, the team's inputs) into `table`
 * (created when missing), grouped by `group`; answers how many rows it made.
 */
function sumLegsInto(db: WritableDb, table: string, group: string, legs: SqlQuery = RULED_LEGS): number {
  runPrepared(db, sql.raw(`CREATE TEMP TABLE IF NOT EXISTS ${table} (${group}, ${MEASURES})`));
  return runPrepared(db, sql`INSERT INTO temp.${sql.raw(table)} (${sql.raw(group)}, ${sql.raw(MEASURES)}) SELECT ${sql.raw(group)}, ${sql.raw(MEASURE_SUMS)} FROM ${legs} GROUP BY ${sql.raw(group)}`).changes;
}

/** The four rollup tables grow by temp.added_days and temp.added_hours, which are then emptied. */
function upsertAdded(db: WritableDb): void {
  runPrepared(db, upsert('rollup_daily', GROUP_COLS, ROLLUP_MEASURES, sql`(SELECT ${WIDE_COLUMNS}, ${sql.raw(MEASURES)} FROM temp.added_days f)`, false));
  runPrepared(db, upsert('rollup_narrow', NARROW_GROUP_COLS, ROLLUP_MEASURES, sql.raw('temp.added_days'), true));
  runPrepared(db, upsert('rollup_hourly', HOURLY_GROUP_COLS, ROLLUP_MEASURES, sql.raw('temp.added_hours'), false));
  runPrepared(db, upsert('rollup_hourly_spend', HOURLY_SPEND_COLS, ['spend_nano'], sql.raw('temp.added_hours'), true));
  for (const t of ['added_days', 'added_hours']) runPrepared(db, sql.raw(`DELETE FROM temp.${t}`));
}

/**
 * Add the facts matching `where` (usage_facts AS f) to the four rollup tables and the tips rollup. Only
 * for facts just added, none of them a bill line, on days whose rollups are otherwise current (derived.ts
 * FactAdder). Answers how many legs' rows they made (derived.ts decides by it whether adding pays). The
 * legs' rows (about one per fact where facts hardly sum, a gateway's export) are summed twice more, per
 * day and per hour of the narrow dimensions, and each table reads the smaller of those: sums of sums,
 * the same figures, the legs' rows sorted twice instead of four times.
 */
export function addToRollups(db: WritableDb, where: SqlQuery): number {
  runPrepared(db, sql.raw(`CREATE TEMP TABLE IF NOT EXISTS added_legs (${LEG_GROUP}, ${LEG_MEASURES})`));
  const { changes } = runPrepared(
    db,
    sql`INSERT INTO temp.added_legs (${sql.raw(LEG_GROUP)}, ${sql.raw(LEG_MEASURES)})
      SELECT ${sql.raw(LEG_GROUP)}, ${sql.raw(MEASURE_SUMS)}, ${sql.raw(TIP_LEG_SUMS)} FROM (${factLegs(where, sql.raw('f.day'), true, LEG_DIMS)}) GROUP BY ${sql.raw(LEG_GROUP)}`,
  );
  sumLegsInto(db, 'added_days', DAY_GROUP);
  sumLegsInto(db, 'added_hours', HOURLY_GROUP_COLS);
  upsertAdded(db);
  addTipCellsFromLegs(db, sql.raw('temp.added_legs'));
  runPrepared(db, sql.raw('DELETE FROM temp.added_legs'));
  return changes;
}

/** The day sums' legs with the rollups' columns (model_raw under its rule) and the team's inputs. */
const DAY_SUM_DIMS = sql`${factDimensions(true, PLAIN)}, f.member AS member, f.batch_id AS batch_id`;

/**
 * Add an import's new facts, summed in memory as they were inserted (imports/fact-sums-store.ts: per day in
 * FACT_SUMS, per hour in FACT_HOUR_SUMS) and matching `where` on those rows, to the four rollup tables and
 * the tips rollup: the daily tables and the tip cells from the day sums' legs, the hourly ones from the
 * hour sums' legs, each summed by its own columns, so neither reads rows as fine as both together. The
 * same conditions as addToRollups. Answers how many legs' rows they made.
 */
export function addSumsToRollups(db: WritableDb, where: SqlQuery): number {
  const days = sumLegsInto(db, 'added_days', DAY_GROUP, sql`(${factLegs(where, sql.raw('f.day'), false, DAY_SUM_DIMS, FACT_SUMS)})`);
  const hours = sumLegsInto(db, 'added_hours', HOURLY_GROUP_COLS, sql`(${factLegs(where, sql.raw('f.day'), true, HOURLY_DIMENSIONS, FACT_HOUR_SUMS)})`);
  upsertAdded(db);
  addTipCellsFromSums(db, where);
  return days + hours;
}
