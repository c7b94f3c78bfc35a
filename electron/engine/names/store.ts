/** display_names: the user's names for the ids of projects, keys, members and accounts. */
// The dimensions from the domain, not the contract's file: a report reads names without building the names noun's schemas.
import { NAMED_DIMENSIONS, type NamedDimension } from '../../../shared/domain/names';
import type { DisplayName, LedgerValue, NameMap } from '../../../shared/contract/api/names';
import { compareIds, expandValues, NameGroups, type DisplayNames } from '../../../shared/domain/names';
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

const isNamed = (d: string): d is NamedDimension => (NAMED_DIMENSIONS as readonly string[]).includes(d);

/**
 * The name groups (shared/domain/names.ts) of the named dimensions among `dims`, from every display name
 * of those dimensions (one row per named id: a small table), or null for a dimension that has none.
 */
export function nameGroupsOf(db: ReadableDb, dims: Iterable<string>): (dimension: string) => NameGroups | null {
  const wanted = [...new Set([...dims].filter(isNamed))];
  const names: DisplayNames = {};
  if (wanted.length) {
    const rows = all<{ dimension: string; value: string; name: string }>(db, sql`SELECT dimension, value, name FROM display_names WHERE dimension IN ${sql.in(wanted)}`);
    for (const r of rows) ((names[r.dimension] as Record<string, string> | undefined) ??= {})[r.value] = r.name;
  }
  const groups = new Map(wanted.map((d) => [d, new NameGroups(names[d] ?? {})]));
  return (dimension) => groups.get(dimension as NamedDimension) ?? null;
}

/** Filters with each value of a named dimension standing for its name's group (NameGroups.idsOf). */
export function expandFilters<F extends Partial<Record<string, readonly (string | null)[]>>>(db: ReadableDb, filters: F | undefined): F | undefined {
  if (!filters) return filters;
  const groupsOf = nameGroupsOf(db, Object.keys(filters));
  const out: Partial<Record<string, (string | null)[]>> = {};
  for (const [dim, values] of Object.entries(filters)) {
    const g = groupsOf(dim);
    if (values) out[dim] = g ? expandValues(g, values) : [...values];
  }
  return out as F;
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
 * row per day and group, far fewer than the facts). In a named dimension the ids that share a display
 * name are one value, its group's key (what a filter or a budget scope of it counts). `search` matches the
 * value, the name or an id in the group, case-insensitive.
 */
export function ledgerValues(db: ReadableDb, dimension: string, search: string | undefined, limit: number): LedgerValue[] {
  const col = sql.raw(dimension);
  const counts = all<{ value: string; facts: number }>(db, sql`SELECT ${col} AS value, sum(facts) AS facts FROM rollup_daily WHERE ${col} IS NOT NULL GROUP BY 1`);
  const groups = nameGroupsOf(db, [dimension])(dimension);
  const byKey = new Map<string, LedgerValue & { ids: string[] }>();
  for (const c of counts) {
    const key = groups ? groups.keyOf(c.value) : c.value;
    const v = byKey.get(key);
    if (v) {
      v.facts += c.facts;
      v.ids.push(c.value);
    } else byKey.set(key, { value: key, name: groups?.nameOf(key) ?? null, facts: c.facts, ids: [c.value] });
  }
  const needle = search?.toLowerCase();
  const match = (v: { name: string | null; ids: string[]; value: string }) =>
    needle === undefined || [v.value, v.name ?? '', ...v.ids].some((s) => s.toLowerCase().includes(needle));
  return [...byKey.values()]
    .filter(match)
    .sort((a, b) => b.facts - a.facts || compareIds(a.value, b.value))
    .slice(0, limit)
    .map(({ value, name, facts }) => ({ value, name, facts }));
}
