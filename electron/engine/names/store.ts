/** display_names: the user's names for the ids of projects, keys, members and accounts. */
import type { DisplayName, LedgerValue, NameMap, NamedDimension } from '../../../shared/contract/api/names';
import { all, get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';

export function listNames(db: ReadableDb, dimension?: NamedDimension): DisplayName[] {
  const where = dimension ? sql`WHERE dimension = ${dimension}` : sql.raw('');
  return all<DisplayName>(db, sql`SELECT dimension, value, name FROM display_names ${where} ORDER BY dimension, value`);
}

/** The names of these ids, by dimension (only ids that have one). */
export function nameMap(db: ReadableDb, wanted: Partial<Record<NamedDimension, Iterable<string | null>>>): NameMap {
  const out: NameMap = {};
  for (const [dim, ids] of Object.entries(wanted) as [NamedDimension, Iterable<string | null>][]) {
    const list = [...new Set([...ids].filter((v): v is string => v !== null))];
    if (list.length === 0) continue;
    const rows = all<{ value: string; name: string }>(db, sql`SELECT value, name FROM display_names WHERE dimension = ${dim} AND value IN ${sql.in(list)}`);
    if (rows.length) out[dim] = Object.fromEntries(rows.map((r) => [r.value, r.name]));
  }
  return out;
}

export function upsertName(db: WritableDb, n: DisplayName, now: number): void {
  run(
    db,
    sql`INSERT INTO display_names (dimension, value, name, updated_at) VALUES (${n.dimension}, ${n.value}, ${n.name}, ${now})
        ON CONFLICT (dimension, value) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
  );
}

export function deleteName(db: WritableDb, dimension: NamedDimension, value: string): boolean {
  return run(db, sql`DELETE FROM display_names WHERE dimension = ${dimension} AND value = ${value}`).changes > 0;
}

/** Whether any fact carries this value of the dimension. */
export function valueInLedger(db: ReadableDb, dimension: NamedDimension, value: string): boolean {
  return get(db, sql`SELECT 1 AS x FROM usage_facts WHERE ${sql.raw(dimension)} = ${value} LIMIT 1`) !== undefined;
}

/**
 * The values of a dimension in the ledger, most facts first, with their names (from the wide rollup: one
 * row per day and group, far fewer than the facts). `search` matches the id or the name, case-insensitive.
 */
export function ledgerValues(db: ReadableDb, dimension: string, search: string | undefined, limit: number): LedgerValue[] {
  const col = sql.raw(dimension);
  const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const match = like === null ? sql.raw('1 = 1') : sql`(r.v LIKE ${like} ESCAPE '\\' OR n.name LIKE ${like} ESCAPE '\\')`;
  return all<LedgerValue>(
    db,
    sql`SELECT r.v AS value, n.name AS name, r.facts AS facts
        FROM (SELECT ${col} AS v, sum(facts) AS facts FROM rollup_daily WHERE ${col} IS NOT NULL GROUP BY 1) r
        LEFT JOIN display_names n ON n.dimension = ${dimension} AND n.value = r.v
        WHERE ${match}
        ORDER BY r.facts DESC, r.v LIMIT ${limit}`,
  );
}
