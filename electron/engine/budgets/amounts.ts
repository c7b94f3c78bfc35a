/**
 * A budget's amounts per local day of its zone, over a range of instants: native money per currency (or
 * tokens), and unpriced usage per model. From the budget's cache (the days the ledger changed since are
 * recomputed, and kept when the handle is writable) or straight from the facts (the raw path, the
 * reference the cache is tested against), or from a reader of the caller's (`given`).
 */
import type { BudgetDefinition } from '../../../shared/domain/budgets/budget';
import type { UnpricedInScope } from '../../../shared/domain/budgets/status';
import { addLocalDays, dayString, localDate, localDay, startOfLocalDay } from '../../../shared/domain/time';
import { transaction, type ReadableDb, type WritableDb } from '../ledger/db';
import { cachedRows, cacheStateOf, factDaysFor, storeCachedDays, type CacheRow } from './cache-store';
import { BUCKET_MS, moneyByDay, periodRange, spendBuckets, tokenBuckets, tokensByDay, type DayBucketAmount, type Placed } from './usage-store';

/**
 * Bucket number -> local day, from the day boundaries of [from, to) (a few Intl calls per day rather
 * than one per bucket: Intl's formatToParts costs tens of microseconds).
 */
function localDayIndex(from: number, to: number, tz: string): (bucket: number) => string {
  const starts: number[] = [];
  const names: string[] = [];
  let d = localDate(from, tz);
  for (;;) {
    const start = startOfLocalDay(d, tz);
    starts.push(start);
    names.push(dayString(d));
    if (start >= to) break;
    d = addLocalDays(d, 1);
  }
  return (bucket) => {
    const t = bucket * BUCKET_MS;
    if (t < starts[0]! || t >= starts[starts.length - 1]!) return localDay(t, tz);
    let lo = 0;
    let hi = starts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid;
    }
    return names[lo]!;
  };
}

/**
 * Where a budget's amounts come from. 'raw' reads the facts of the whole range (the reference); a cache
 * (`budgetId`) reads the budget's cached days and recomputes only the stale ones (cache-store.ts),
 * storing them when `store` is a writable handle.
 */
export type SeriesSource =
  | { kind: 'raw' }
  | { kind: 'cache'; budgetId: number; store?: WritableDb | undefined }
  /**
   * Amounts another reader gives for the same definition and range (the Overview's month of everything,
   * from the rollups): the status is computed from them exactly as from the others.
   */
  | { kind: 'given'; read: (def: BudgetDefinition, from: number, to: number) => Amounts };

/** What a budget's status reads from the ledger, per local day of its zone over [from, to). */
export interface Amounts {
  /** 'local day|currency|conversion cell' ('local day|' for tokens) -> amount in that day, native. */
  native: Map<string, bigint>;
  /** Unpriced usage in scope per local day and model: tokens, facts. */
  unpriced: { localDay: string; model: string; tokens: bigint; facts: bigint }[];
}

/** Which rule placed the cached amounts on days: cache rows written under another rule are recomputed. */
const DAY_RULE = 'fact-day-2+cells';

function defKey(def: BudgetDefinition): string {
  return JSON.stringify({ scope: def.scope, timeZone: def.period.timeZone, unit: def.amount.unit, tokenClass: def.amount.unit === 'tokens' ? def.amount.tokenClass : null, days: DAY_RULE });
}

/** The local day of a placed amount: the day a bucket fact keeps, else its instant's bucket's local day. */
function placer(list: readonly Placed[], tz: string, from?: number, to?: number): (p: Placed) => string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of list)
    if (b.fixedDay === null) {
      lo = Math.min(lo, b.bucket);
      hi = Math.max(hi, b.bucket);
    }
  const start = from ?? lo * BUCKET_MS;
  const end = to ?? (hi + 1) * BUCKET_MS;
  const dayOfBucket = lo <= hi || from !== undefined ? localDayIndex(start, end, tz) : () => '';
  return (p) => p.fixedDay ?? dayOfBucket(p.bucket);
}

/** The budget's amounts over [from, to) (from and to are starts of local days), from the cache. */
export function cachedAmounts(db: ReadableDb, def: BudgetDefinition, src: { budgetId: number; store?: WritableDb | undefined }, from: number, to: number): Amounts {
  const tz = def.period.timeZone;
  const key = defKey(def);
  const money = def.amount.unit === 'money';
  const { first, last } = factDaysFor(from, to);
  const state = cacheStateOf(db, src.budgetId, first, last);
  const stale = state.filter((d) => d.cachedVersion !== d.version || d.cachedDef !== key);
  const rows: CacheRow[] = [];
  const fresh: CacheRow[] = [];
  if (stale.length > 0) {
    const days = stale.map((d) => d.day);
    const m = money ? moneyByDay(db, def.scope, days) : null;
    const parts: [CacheRow['kind'], DayBucketAmount[]][] = m
      ? [
          ['amount', m.spend],
          ['unpriced', m.unpriced],
        ]
      : [['amount', tokensByDay(db, def.scope, def.amount.unit === 'tokens' ? def.amount.tokenClass : 'total', days)]];
    const dayOf = placer(
      parts.flatMap(([, list]) => list),
      tz,
    );
    const agg = new Map<string, CacheRow>();
    for (const [kind, list] of parts)
      for (const b of list) {
        const localDay = dayOf(b);
        const k = `${b.day}|${localDay}|${kind}|${b.key}`;
        const r = agg.get(k);
        if (r) {
          r.amount += b.amount;
          r.facts += b.facts;
        } else agg.set(k, { day: b.day, local_day: localDay, kind, key: b.key, amount: b.amount, facts: b.facts });
      }
    fresh.push(...agg.values());
    if (src.store) {
      const store = src.store;
      transaction(store, () => storeCachedDays(store, src.budgetId, key, stale, fresh));
    }
  }
  const staleDays = new Set(stale.map((d) => d.day));
  if (staleDays.size < state.length) for (const r of cachedRows(db, src.budgetId, first, last)) if (!staleDays.has(r.day)) rows.push(r);
  rows.push(...fresh);
  const fromDay = localDay(from, tz);
  const toDay = localDay(to, tz); // exclusive: `to` is the start of that local day
  const native = new Map<string, bigint>();
  const unpriced: Amounts['unpriced'] = [];
  for (const r of rows.sort((a, b) => (a.local_day < b.local_day ? -1 : a.local_day > b.local_day ? 1 : 0))) {
    if (r.local_day < fromDay || r.local_day >= toDay) continue;
    if (r.kind === 'amount') {
      const k = `${r.local_day}|${r.key}`;
      native.set(k, (native.get(k) ?? 0n) + r.amount);
    } else unpriced.push({ localDay: r.local_day, model: r.key, tokens: r.amount, facts: r.facts });
  }
  return { native, unpriced };
}

/** The same amounts from the facts of the whole range (the raw path). */
export function rawAmounts(db: ReadableDb, def: BudgetDefinition, from: number, to: number): Amounts {
  const tz = def.period.timeZone;
  const r = periodRange(from, to, tz);
  const dayOf = placer([], tz, from, to);
  const native = new Map<string, bigint>();
  const add = (k: string, v: bigint) => native.set(k, (native.get(k) ?? 0n) + v);
  if (def.amount.unit === 'tokens') {
    for (const b of tokenBuckets(db, def.scope, def.amount.tokenClass, r)) add(`${dayOf(b)}|`, BigInt(b.tokens));
  } else {
    for (const b of spendBuckets(db, def.scope, r)) add(`${dayOf(b)}|${b.currency}|${b.cell}`, b.nano);
  }
  return { native, unpriced: [] };
}

/** unpricedInScope over a period, from cached amounts (local days firstDay..lastDay). */
export function unpricedFrom(a: Amounts, firstDay: string, lastDay: string): UnpricedInScope {
  const byModel = new Map<string, { tokens: bigint; facts: bigint }>();
  for (const u of a.unpriced) {
    if (u.localDay < firstDay || u.localDay > lastDay) continue;
    const m = byModel.get(u.model) ?? { tokens: 0n, facts: 0n };
    m.tokens += u.tokens;
    m.facts += u.facts;
    byModel.set(u.model, m);
  }
  const models = [...byModel.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    facts: models.reduce((s, m) => s + Number(byModel.get(m)!.facts), 0),
    tokens: models.reduce((s, m) => s + Number(byModel.get(m)!.tokens), 0),
    models,
  };
}

