/**
 * The Overview's month-end forecast's read: aggregate() summing the spend alone (query-store.ts).
 */
import { allBig, type ReadableDb } from '../ledger/db';
import { ROLLUP_DIMENSIONS } from '../ledger/rollups';
import { sql } from '../ledger/sql';
import { byConversion, sourceFor, type AggregateQuery, type ReadRows } from './query-store';

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
