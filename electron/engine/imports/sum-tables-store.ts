/**
 * The temp tables an import's summed facts are written to (fact-sums-store.ts): per table of sums, its rows
 * (a group's number, the day, the numbers) and its groups (the text of the rows' other columns, each once per
 * import run), and the view the leg formulas read them through, with the columns one table of sums had.
 */
import { all, preparedOnce, runPrepared, type WritableDb } from '../ledger/db';
import { sql, type SqlValue } from '../ledger/sql';

/** Summed rows per INSERT (at most 64 columns each, far below SQLite's limit of bound values). */
const ROWS_PER_INSERT = 100;

let types: Map<string, string> | undefined;

/** usage_facts' column types (the temp tables' columns take them, so values keep the same storage classes). */
function columnTypes(db: WritableDb): Map<string, string> {
  return (types ??= new Map(all<{ name: string; type: string }>(db, sql`SELECT name, type FROM pragma_table_info('usage_facts')`).map((r) => [r.name, r.type])));
}

const bare = (t: string) => t.replace(/^temp\./, '');

/**
 * The rows and groups tables and the view (`shown`: its columns, from `r` the rows or `g` the groups), made when
 * missing (IF NOT EXISTS: a rolled back import drops them), the rows emptied. Answers how many groups the table holds.
 */
export function sumTables(db: WritableDb, t: { view: string; rows: string; groups: string; rowColumns: readonly string[]; groupColumns: readonly string[]; shown: readonly string[] }): number {
  const typesOf = columnTypes(db);
  const typed = (c: string) => `${c} ${c === 'gid' ? 'INTEGER' : (typesOf.get(c) ?? 'INTEGER')}`;
  runPrepared(db, sql.raw(`CREATE TEMP TABLE IF NOT EXISTS ${bare(t.rows)} (${t.rowColumns.map(typed).join(', ')})`));
  runPrepared(db, sql.raw(`CREATE TEMP TABLE IF NOT EXISTS ${bare(t.groups)} (gid INTEGER PRIMARY KEY, ${t.groupColumns.map(typed).join(', ')})`));
  // CROSS JOIN: the summed rows outer, each one's group found by its number (never the rows scanned per group).
  runPrepared(db, sql.raw(`CREATE TEMP VIEW IF NOT EXISTS ${bare(t.view)} AS SELECT ${t.shown.join(', ')} FROM ${t.rows} r CROSS JOIN ${t.groups} g ON g.gid = r.gid`));
  runPrepared(db, sql.raw(`DELETE FROM ${t.rows}`));
  return preparedOnce(db, `SELECT count(*) FROM ${t.groups}`, 'pluck').get() as number;
}

export function clearGroups(db: WritableDb, groups: string): void {
  runPrepared(db, sql.raw(`DELETE FROM ${groups}`));
}

/**
 * INSERT `count` rows of `width` values into `into` ("table (columns)", the `head` values' columns first), ROWS_PER_INSERT
 * a statement and the rest in powers of two (a handful of statements kept per connection); `push` gives row k's values.
 */
export function writeRows(db: WritableDb, into: string, width: number, head: readonly SqlValue[], count: number, push: (values: SqlValue[], k: number) => void): void {
  const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
  const select = [...head.map(() => '?'), ...Array.from({ length: width }, (_, k) => `column${k + 1}`)].join(', ');
  for (let i = 0; i < count; ) {
    const left = count - i;
    const n = left >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 2 ** Math.floor(Math.log2(left));
    const values: SqlValue[] = head.slice();
    for (let k = i; k < i + n; k++) push(values, k);
    preparedOnce(db, `INSERT INTO ${into} SELECT ${select} FROM (VALUES ${new Array<string>(n).fill(tuple).join(', ')})`).run(...values);
    i += n;
  }
}
