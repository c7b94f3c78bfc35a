/**
 * aggregate() (query-store.ts) summing one measure, for the Overview's reads that need no other: the
 * month-end forecast's spend, the coverage's facts.
 */
import type { AggregateRow } from '../../../shared/domain/reports/fold';
import { allBig, type ReadableDb } from '../ledger/db';
import { ROLLUP_DIMENSIONS } from '../ledger/rollups';
import { sql } from '../ledger/sql';
import { aggregateRows, byConversion, sourceFor, type AggregateQuery, type ReadRows } from './query-store';

/** Facts per [day,] dimensions and currency, as aggregate() sums them (the Overview's coverage: the days each provider has facts). */
export function aggregateFacts(db: ReadableDb, q: Omit<AggregateQuery, 'convertTo'>): Pick<AggregateRow, 'day' | 'keys' | 'currency' | 'facts'>[] {
  return aggregateRows(db, q, undefined, false, undefined, ['facts']).map(({ day, keys, currency, facts }) => ({ day, keys, currency, facts }));
}

export interface SpendRow {
  day: string | null;
  currency: string;
  spend_nano: bigint | null;
}

/**
 * aggregate() not grouped by any dimension, summing only the spend: the same rows (by day or not, by currency,
 * those to convert by conversion cell), for a reader that needs nothing else (the Overview's month-end
 * forecast). From the rollups it reads their spend index (migration 030) alone; on rollup_daily a conversion
 * cell is one row (its unique key, migration 027, is the cell: day, currency and every rollup dimension), so
 * the cells are its rows as they are, not summed again.
 */
export function aggregateSpend(db: ReadableDb, q: Omit<AggregateQuery, 'groupBy'>): SpendRow[] {
  const read: ReadRows<SpendRow> = (qq, also = sql.raw('1 = 1'), cells = false, factScope) => {
    const { from, where, table } = sourceFor(qq, cells ? ROLLUP_DIMENSIONS : [], qq.byDay === true, factScope);
    const day = sql.raw(qq.byDay ? 'day' : 'NULL');
    const text =
      cells && table === 'rollup_daily'
        ? sql`SELECT day, currency, spend_nano FROM ${from} WHERE ${where} AND ${also}`
        : sql`SELECT ${day} AS day, currency, sum(spend_nano) AS spend_nano FROM ${from} WHERE ${where} AND ${also}
              GROUP BY ${sql.raw([...(qq.byDay ? ['day'] : []), 'currency', ...(cells ? ROLLUP_DIMENSIONS : [])].join(', '))}`;
    return allBig<SpendRow>(db, text);
  };
  return byConversion(db, { ...q, groupBy: [] }, read);
}
