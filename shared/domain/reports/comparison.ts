/**
 * Whether the Overview compares a period with the previous one: only when both periods' data comes from
 * the same sources (providers) over a comparable number of days each. A month where a source is missing
 * (not imported yet) or holds a day or two (a bill row landing at the edge) would make any change
 * meaningless, so the screen says why it does not compare instead.
 */

/** Days with data per provider in one period. */
export type Coverage = ReadonlyMap<string, number>;

/** Coverage from rows grouped by day and provider (the provider as the first key). */
export function coverageOf(rows: readonly { day: string | null; keys: readonly (string | null)[]; facts: bigint }[]): Coverage {
  const days = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.facts === 0n || r.day === null) continue;
    const p = r.keys[0] ?? '(none)';
    const set = days.get(p) ?? new Set<string>();
    set.add(r.day);
    days.set(p, set);
  }
  return new Map([...days].map(([p, s]) => [p, s.size]));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "September 2025" for '2025-09'. */
export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

const list = (names: readonly string[]) => [...names].sort().join(', ');

/** Whether `cur` (shown) compares with `prev`, and if not why, naming the months. */
export function comparison(cur: Coverage, prev: Coverage, months: { cur: string; prev: string }): { comparable: boolean; reason: string | null } {
  const [c, p] = [monthName(months.cur), monthName(months.prev)];
  const no = (reason: string) => ({ comparable: false, reason: `Not compared: ${reason}.` });
  if (prev.size === 0) return no(`${p} has no data`);
  const onlyCur = [...cur.keys()].filter((k) => !prev.has(k));
  if (onlyCur.length) return no(`${p} has no data from ${list(onlyCur)}, which ${c} has`);
  const onlyPrev = [...prev.keys()].filter((k) => !cur.has(k));
  if (onlyPrev.length) return no(`${c} has no data from ${list(onlyPrev)}, which ${p} has`);
  for (const [k, n] of cur) {
    const m = prev.get(k)!;
    if (m * 2 < n || n * 2 < m) return no(`${k} has data on ${m} ${m === 1 ? 'day' : 'days'} in ${p} and ${n} in ${c}`);
  }
  return { comparable: true, reason: null };
}
