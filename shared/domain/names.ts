/**
 * Display names: the user's names for the ids exports carry (projects, API keys, members, accounts),
 * by dimension and then id. One function says how an id is shown, for every report, screen and tip.
 *
 * A display name is also what the user means by a project (or key, member, account): the same project
 * set up in several vendors' consoles has several ids, and naming them alike makes them one. So the ids
 * that show as one text are one group, everywhere figures are grouped, filtered or budgeted:
 *
 * - its key is stable: the smallest id the user gave that name (an id with a name of its own is its
 *   own key, so a row's key stays the id it was before any other id took the name);
 * - an id with no name whose text is that name (an export that names the project by its name) joins it;
 * - a value a filter or a budget scope names stands for the whole group: the group's key, any id in it,
 *   or the name itself.
 *
 * NameGroups.keyOf (grouping) and NameGroups.idsOf (filters, scopes) are exact inverses over the ledger's
 * ids, so a grouped row, the filter of its key and a budget scoped to its name count the same facts.
 */
/** The dimensions whose ids the user can name. */
export const NAMED_DIMENSIONS = ['project', 'api_key', 'member', 'account'] as const;
export type NamedDimension = (typeof NAMED_DIMENSIONS)[number];

export type DisplayNames = Partial<Record<string, Readonly<Record<string, string>>>>;

/** The name the user gave `id` in `dimension`, else the id itself. */
export function displayName(names: DisplayNames | undefined, dimension: string, id: string): string {
  return names?.[dimension]?.[id] ?? id;
}

/** The ids of one dimension that share display names: a group per name. */
export class NameGroups {
  /** name -> the ids given it, sorted (the first is the group's key). */
  private readonly byName = new Map<string, string[]>();

  /** `names`: every display name of the dimension (id -> name), not only those of one view. */
  constructor(private readonly names: Readonly<Record<string, string>> = {}) {
    for (const [id, name] of Object.entries(names)) {
      const ids = this.byName.get(name);
      if (ids) ids.push(id);
      else this.byName.set(name, [id]);
    }
    for (const ids of this.byName.values()) ids.sort(compareIds);
  }

  /** The name of the group `id` belongs to (null: an id without one, alone in its group). */
  nameOf(id: string): string | null {
    return this.names[id] ?? (this.byName.has(id) ? id : null);
  }

  /** The key of the group `id` belongs to: the first id named as it shows, else the id. */
  keyOf(id: string): string {
    const name = this.nameOf(id);
    return name === null ? id : this.byName.get(name)![0]!;
  }

  /**
   * The ids `value` stands for in a filter or a budget scope: an id with a name, or a name, is that
   * name's group (every id given it, and an unnamed id of that text); any other value is itself.
   */
  idsOf(value: string): string[] {
    const name = this.names[value] ?? (this.byName.has(value) ? value : null);
    if (name === null) return [value];
    const ids = [...this.byName.get(name)!];
    if (this.names[name] === undefined) ids.push(name);
    return ids.sort(compareIds);
  }
}

/** Code-unit order (the same on every machine, unlike a locale's collation). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The groups of several dimensions; a dimension without names has singleton groups. */
export function nameGroups(names: DisplayNames): (dimension: string) => NameGroups {
  const cache = new Map<string, NameGroups>();
  return (dimension) => {
    let g = cache.get(dimension);
    if (!g) cache.set(dimension, (g = new NameGroups(names[dimension] ?? {})));
    return g;
  };
}

/** The ids filter or scope values stand for (null, "not stated", stays itself), without repeats. */
export function expandValues<V extends string | null>(groups: NameGroups, values: readonly V[]): V[] {
  const out = new Set<V>();
  for (const v of values) for (const id of v === null ? [v] : groups.idsOf(v)) out.add(id as V);
  return [...out];
}

/** What grouping rows by name gives beside them: each key's name, and the ids folded into it when not only the key. */
export interface GroupedNames<D extends string = string> {
  /** dimension -> key -> the group's display name (keys with one). */
  names: Partial<Record<D, Record<string, string>>>;
  /** dimension -> key -> the ids of the rows folded into it, sorted (only where that is not just the key). */
  ids: Partial<Record<D, Record<string, string[]>>>;
}

/**
 * Rows with each key of a named dimension (`dims[i]`, where `named(dims[i])`) replaced by its group's
 * key, so that folding them sums each group once; the names and member ids of the keys that result.
 */
export function groupKeysByName<R extends { keys: (string | null)[] }, D extends string>(
  rows: readonly R[],
  dims: readonly D[],
  groupsOf: (dimension: D) => NameGroups | null,
): { rows: R[]; grouped: GroupedNames<D> } {
  const idsSeen = new Map<D, Map<string, Set<string>>>();
  const groups = dims.map((d) => groupsOf(d));
  const out = rows.map((r) => {
    if (groups.every((g, i) => g === null || r.keys[i] === null)) return r;
    const keys = r.keys.map((k, i) => {
      const g = groups[i];
      if (!g || k === null) return k;
      const key = g.keyOf(k);
      let byKey = idsSeen.get(dims[i]!);
      if (!byKey) idsSeen.set(dims[i]!, (byKey = new Map()));
      let ids = byKey.get(key);
      if (!ids) byKey.set(key, (ids = new Set()));
      ids.add(k);
      return key;
    });
    return { ...r, keys };
  });
  const grouped: GroupedNames<D> = { names: {}, ids: {} };
  for (const [dim, byKey] of idsSeen) {
    const g = groupsOf(dim)!;
    const names: Record<string, string> = {};
    const members: Record<string, string[]> = {};
    for (const [key, set] of byKey) {
      const name = g.nameOf(key);
      if (name !== null) names[key] = name;
      const ids = [...set].sort(compareIds);
      if (ids.length !== 1 || ids[0] !== key) members[key] = ids;
    }
    if (Object.keys(names).length) grouped.names[dim] = names;
    if (Object.keys(members).length) grouped.ids[dim] = members;
  }
  return { rows: out, grouped };
}
