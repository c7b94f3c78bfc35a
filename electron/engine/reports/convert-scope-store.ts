/**
 * Which facts can give rows to convert, read from the rollups before the facts are: outside UTC the
 * conversion cells (a local day, a currency and every rollup dimension) come from the facts, because no
 * rollup keeps every dimension by the hour; but only the facts of a UTC day and provider whose rollup rows
 * hold a currency other than the display one can give such a row. Reading only those, through the facts'
 * (day, provider) index, gives exactly the same cells (the rollups hold every leg of every fact) and skips
 * the rest: a ledger mostly in the display currency reads a small part of its facts.
 */
import { addDays } from '../../../shared/domain/time';
import { all, type ReadableDb } from '../ledger/db';
import { sql, type SqlQuery } from '../ledger/sql';

/**
 * A condition on usage_facts AS f covering every fact with a leg in a currency other than `currency` over the
 * local days [from, to] (either side open), or null when no fact has one.
 */
export function otherCurrencyFacts(db: ReadableDb, currency: string, from: string | undefined, to: string | undefined): SqlQuery | null {
  const range: SqlQuery[] = [sql`currency NOT IN (${currency}, '')`];
  // A local day lies within one UTC day of the same UTC day.
  if (from) range.push(sql`day >= ${addDays(from, -1)}`);
  if (to) range.push(sql`day <= ${addDays(to, 1)}`);
  const pairs = all<{ day: string; provider: string }>(db, sql`SELECT DISTINCT day, provider FROM rollup_narrow WHERE ${sql.join(range, ' AND ')}`);
  if (pairs.length === 0) return null;
  const days = [...new Set(pairs.map((p) => p.day))];
  const providers = [...new Set(pairs.map((p) => p.provider))];
  // Day and provider each as a list: both equalities of the index, so SQLite seeks each pair's rows.
  return sql`f.day IN ${sql.in(days)} AND f.provider IN ${sql.in(providers)}`;
}
