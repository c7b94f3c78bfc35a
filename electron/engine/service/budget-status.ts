/**
 * A budget's status for a period: spent (exact), remaining, share, the period-end forecast with its
 * range and overrun day, rollover, unpriced usage in scope, the FX rates used; and the history of
 * past periods. Pure domain logic lives in shared/domain/budgets; this file reads the ledger for it.
 */
import type { BudgetForecast, BudgetFxRate, BudgetPeriodSummary, BudgetStatus, BudgetThresholdState } from '../../../shared/contract/api/budgets';
import { alertsToFire, checkState, type AlertKey } from '../../../shared/domain/budgets/alerts';
import { describeScope, isEmptyScope, periodSpec, type BudgetDefinition } from '../../../shared/domain/budgets/budget';
import { forecastPeriodEnd, type DayAmount, type PriceChange } from '../../../shared/domain/budgets/forecast';
import {
  addDays,
  attributedDay,
  dayString,
  localDate,
  parseDay,
  periodAt,
  periodDays,
  previousPeriod,
  startOfLocalDay,
  weekday,
  type Period,
  type PeriodSpec,
} from '../../../shared/domain/budgets/period';
import { convert, FxError, type FxTable } from '../../../shared/domain/fx';
import { formatAmount, parseDecimalToNano } from '../../../shared/domain/money';
import { estimateCost, parseInstant, type PriceBook } from '../../../shared/domain/pricing/price-book';
import { transaction, type ReadableDb, type WritableDb } from '../db/connection';
import {
  BUCKET_MS,
  cachedRows,
  cacheStateOf,
  factDaysFor,
  firstUsageInScope,
  latestUsageEnd,
  latestUsageEndFromDays,
  modelMix,
  spendBuckets,
  moneyByDay,
  storeCachedDays,
  tokenBuckets,
  tokensByDay,
  unpricedInScope,
  type CacheRow,
  type DayBucketAmount,
  type UnpricedInScope,
} from '../db/repos/budgets';
import { firedFor } from '../db/repos/alerts';
import { loadFxTable } from '../db/repos/fx';
import { priceBookFor } from './prices-book';

const DAY_MS = 86_400_000;
/** Weeks of history before the period that shape the weekday pattern. */
const LOOKBACK_DAYS = 42;
/** Past periods listed in a budget's history. */
const HISTORY_PERIODS = 12;

/** Amount per local day, in the budget's unit (nano-units of its currency, or tokens), exact. */
export interface DailySeries {
  byDay: Map<string, bigint>;
  rates: Map<string, BudgetFxRate>;
  missing: Set<string>;
}

export function budgetAmountUnits(def: BudgetDefinition): bigint {
  return def.amount.unit === 'money' ? parseDecimalToNano(def.amount.value) : BigInt(def.amount.value);
}

export function formatUnits(def: BudgetDefinition, v: bigint): string {
  return def.amount.unit === 'money' ? formatAmount(v) : v.toString();
}

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
    d = addDays(d, 1);
  }
  return (bucket) => {
    const t = bucket * BUCKET_MS;
    if (t < starts[0]! || t >= starts[starts.length - 1]!) return attributedDay(t, t, tz);
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
 * Where a budget's amounts come from. 'raw' reads the facts of the whole range (the reference); a
 * cache (`budgetId`) reads the budget's cached days and recomputes only the stale ones (see
 * repos/budgets.ts "the budget cache"), storing them when `store` is a writable handle.
 */
export type SeriesSource = { kind: 'raw' } | { kind: 'cache'; budgetId: number; store?: WritableDb | undefined };

/** What a budget's status reads from the ledger, per local day of its zone over [from, to). */
interface Amounts {
  /** (local day, currency or '' for tokens) -> amount in that day, native. */
  native: Map<string, bigint>;
  /** Unpriced usage in scope per local day and model: tokens, facts. */
  unpriced: { localDay: string; model: string; tokens: bigint; facts: bigint }[];
}

function defKey(def: BudgetDefinition): string {
  return JSON.stringify({ scope: def.scope, timeZone: def.period.timeZone, unit: def.amount.unit, tokenClass: def.amount.unit === 'tokens' ? def.amount.tokenClass : null });
}

const localDayOfInstant = (t: number, tz: string) => dayString(localDate(t, tz));

/** The budget's amounts over [from, to) (from and to are starts of local days), from the cache. */
function cachedAmounts(db: ReadableDb, def: BudgetDefinition, src: { budgetId: number; store?: WritableDb | undefined }, from: number, to: number): Amounts {
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
    const empty = isEmptyScope(def.scope);
    const m = money ? moneyByDay(db, def.scope, empty, days) : null;
    const parts: [CacheRow['kind'], DayBucketAmount[]][] = m
      ? [
          ['amount', m.spend],
          ['unpriced', m.unpriced],
        ]
      : [['amount', tokensByDay(db, def.scope, def.amount.unit === 'tokens' ? def.amount.tokenClass : 'total', days)]];
    let lo = Infinity;
    let hi = -Infinity;
    for (const [, list] of parts)
      for (const b of list) {
        lo = Math.min(lo, b.bucket);
        hi = Math.max(hi, b.bucket);
      }
    const dayOfBucket = lo <= hi ? localDayIndex(lo * BUCKET_MS, (hi + 1) * BUCKET_MS, tz) : () => '';
    const agg = new Map<string, CacheRow>();
    for (const [kind, list] of parts)
      for (const b of list) {
        const localDay = dayOfBucket(b.bucket);
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
  const fromDay = localDayOfInstant(from, tz);
  const toDay = localDayOfInstant(to, tz); // exclusive: `to` is the start of that local day
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
function rawAmounts(db: ReadableDb, def: BudgetDefinition, from: number, to: number): Amounts {
  const tz = def.period.timeZone;
  const dayOfBucket = localDayIndex(from, to, tz);
  const native = new Map<string, bigint>();
  const add = (k: string, v: bigint) => native.set(k, (native.get(k) ?? 0n) + v);
  if (def.amount.unit === 'tokens') {
    for (const b of tokenBuckets(db, def.scope, def.amount.tokenClass, from, to)) add(`${dayOfBucket(b.bucket)}|`, BigInt(b.tokens));
  } else {
    for (const b of spendBuckets(db, def.scope, isEmptyScope(def.scope), from, to)) add(`${dayOfBucket(b.bucket)}|${b.currency}`, b.nano);
  }
  return { native, unpriced: [] };
}

/** Exact daily amounts in scope over [from, to), attributed to local days of the budget's zone. */
export function dailySeries(db: ReadableDb, def: BudgetDefinition, from: number, to: number, fx: FxTable, amounts?: Amounts): DailySeries {
  const tz = def.period.timeZone;
  const byDay = new Map<string, bigint>();
  const rates = new Map<string, BudgetFxRate>();
  const missing = new Set<string>();
  const add = (day: string, v: bigint) => byDay.set(day, (byDay.get(day) ?? 0n) + v);
  // Native amounts per (local day, currency), then one conversion each at the rate in force that day.
  const native = (amounts ?? rawAmounts(db, def, from, to)).native;
  if (def.amount.unit === 'tokens') {
    for (const [k, v] of native) add(k.slice(0, k.indexOf('|')), v);
    return { byDay, rates, missing };
  }
  const target = def.amount.currency;
  for (const [k, nano] of native) {
    const [day, currency] = k.split('|') as [string, string];
    if (currency === target) {
      add(day, nano);
      continue;
    }
    try {
      const c = convert({ nano, currency }, target, startOfLocalDay(parseDay(day), tz), fx);
      add(day, c.nano);
      const prev = rates.get(currency);
      if (!prev || (c.rateDate ?? '') >= (prev.rateDate ?? '')) rates.set(currency, { from: currency, to: target, rate: c.rate, rateDate: c.rateDate });
    } catch (err) {
      if (err instanceof FxError) missing.add(currency);
      else throw err;
    }
  }
  return { byDay, rates, missing };
}

/** unpricedInScope over a period, from cached amounts (local days firstDay..lastDay). */
function unpricedFrom(a: Amounts, firstDay: string, lastDay: string): UnpricedInScope {
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

function sumDays(series: DailySeries, days: readonly string[]): bigint {
  let s = 0n;
  for (const d of days) s += series.byDay.get(d) ?? 0n;
  return s;
}

function percent(spent: bigint, amount: bigint): number {
  if (amount <= 0n) return 0;
  return Number((spent * 1_000_000n) / amount) / 10_000;
}

/**
 * Known price changes inside the rest of the period, as factors on the run rate: the recent token mix of
 * each model in scope priced at each future effective date vs now (price book entries the book already
 * holds, e.g. an announced cut). Models with no price, or priced in another currency, do not move it.
 */
export function knownPriceChanges(db: ReadableDb, def: BudgetDefinition, book: PriceBook, now: number, p: Period): PriceChange[] {
  if (def.amount.unit !== 'money') return [];
  // No entry of the book takes effect in the rest of the period: nothing can move the run rate, whatever
  // the mix (the answer below would be [] too), so the 14 days of facts are not read.
  if (!book.entries.some((e) => { const t = parseInstant(e.effectiveFrom); return t > now && t < p.end; })) return [];
  const mix = modelMix(db, def.scope, now - 14 * DAY_MS, now);
  if (mix.length === 0) return [];
  const models = new Set(mix.map((m) => m.model));
  const instants = [
    ...new Set(
      book.entries
        .filter((e) => models.has(e.model))
        .map((e) => parseInstant(e.effectiveFrom))
        .filter((t) => t > now && t < p.end),
    ),
  ].sort((a, b) => a - b);
  const costAt = (t: number) => {
    const out = new Map<string, bigint>();
    for (const m of mix) {
      const est = estimateCost(
        {
          model: m.model,
          start: t,
          tokens: { input: m.input, cache_read: m.cache_read, cache_write_5m: m.cache_write_5m, cache_write_1h: m.cache_write_1h, output: m.output, reasoning: m.reasoning },
          serviceTier: 'standard',
          contextTier: null,
          requests: m.requests,
        },
        book,
      );
      if (est.status === 'priced') out.set(`${m.model}|${est.money.currency}`, est.money.nano);
    }
    return out;
  };
  const base = costAt(now);
  let baseTotal = 0n;
  for (const v of base.values()) baseTotal += v;
  if (baseTotal <= 0n) return [];
  const changes: PriceChange[] = [];
  for (const t of instants) {
    const next = costAt(t);
    let total = 0n;
    const moved: string[] = [];
    for (const [k, v] of base) {
      const n = next.get(k) ?? v;
      total += n;
      if (n !== v) moved.push(`${k.split('|')[0]} ${n > v ? '+' : ''}${((Number(n - v) / Number(v)) * 100).toFixed(0)} %`);
    }
    if (moved.length === 0) continue;
    const day = dayString(localDate(t, def.period.timeZone));
    changes.push({ fromDay: day, factor: Number(total) / Number(baseTotal), note: `Known price change from ${day}: ${moved.join(', ')}` });
  }
  return changes;
}

/** Price changes are optional input to a forecast: a book that cannot be read leaves the run rate as it is. */
function knownPriceChangesOrNone(db: ReadableDb, def: BudgetDefinition, book: PriceBook | undefined, asOf: number, period: Period): PriceChange[] {
  try {
    return knownPriceChanges(db, def, book ?? priceBookFor(db), asOf, period);
  } catch {
    return [];
  }
}

export interface Computed {
  status: BudgetStatus;
  /** Past periods, oldest first (empty unless asked). */
  history: BudgetPeriodSummary[];
  periodKey: string;
  forecastPercent: number | null;
  /** Spent / amount in percent, 4 decimals, truncated (never rounds up into a crossing). */
  sharePercent: number;
}

export interface StatusOptions {
  id: number | null;
  createdAt: number;
  now: number;
  withHistory?: boolean;
  fx?: FxTable;
  book?: PriceBook;
  /** Default: the budget's cache when it has an id (read-only unless `store` is given), else the raw facts. */
  source?: SeriesSource;
}

function toDayAmounts(series: DailySeries, days: readonly string[]): DayAmount[] {
  return days.map((d) => ({ day: d, weekday: weekday(parseDay(d)), amount: Number(series.byDay.get(d) ?? 0n) }));
}

export function computeBudgetStatus(db: ReadableDb, def: BudgetDefinition, opts: StatusOptions): Computed {
  const spec: PeriodSpec = periodSpec(def);
  const tz = def.period.timeZone;
  const now = opts.now;
  const fx = opts.fx ?? loadFxTable(db);
  const period = periodAt(spec, now);
  const base = budgetAmountUnits(def);

  // Periods to read: from the earliest of (creation, first usage in scope), at most HISTORY_PERIODS back.
  // History goes back to the first usage in scope (one more query); status alone reads only the periods
  // rollover needs (from creation on) and the lookback, so an evaluation after each import stays cheap.
  const firstUsage = opts.withHistory ? firstUsageInScope(db, def.scope) : null;
  const earliest = opts.withHistory ? Math.min(opts.createdAt, firstUsage ?? opts.createdAt) : def.rollover ? opts.createdAt : period.start;
  const periods: Period[] = [period];
  for (let p = previousPeriod(spec, period); p && p.end > earliest && periods.length <= HISTORY_PERIODS; p = previousPeriod(spec, p)) periods.unshift(p);
  const lookbackStart = startOfLocalDay(addDays(parseDay(period.firstDay), -LOOKBACK_DAYS), tz);
  const from = Math.min(periods[0]!.start, lookbackStart);
  const src: SeriesSource = opts.source ?? (opts.id !== null ? { kind: 'cache', budgetId: opts.id } : { kind: 'raw' });
  const cached = src.kind === 'cache' ? cachedAmounts(db, def, src, from, period.end) : undefined;
  const series = dailySeries(db, def, from, period.end, fx, cached);

  // Rollover: from the period of creation on, the unspent part of each period carries into the next.
  const amounts = new Map<string, bigint>();
  let carry = 0n;
  for (const p of periods) {
    const amount = base + (def.rollover && p.end > opts.createdAt ? carry : 0n);
    amounts.set(p.key, amount);
    const spent = sumDays(series, periodDays(p));
    carry = def.rollover && p.end > opts.createdAt && spent < amount ? amount - spent : 0n;
  }
  const amount = amounts.get(period.key)!;
  const days = periodDays(period);
  const spent = sumDays(series, days);

  // The forecast runs from what the data reaches (an import lags the clock), not from the clock.
  // Exports come by the day: a past day that has data is taken as complete.
  const latest = src.kind === 'cache' ? latestUsageEndFromDays(db) : latestUsageEnd(db);
  const dataEnd = latest === null ? null : startOfLocalDay(addDays(localDate(latest - 1, tz), 1), tz);
  const asOf = Math.max(period.start, Math.min(now, dataEnd ?? now));
  const dataThrough = dataEnd !== null && dataEnd < now ? new Date(dataEnd).toISOString() : null;
  const todayStr = dayString(localDate(asOf, tz));
  // Days before the first usage read are not zeros of a run rate: a new ledger or a new project.
  const firstUsageDay = [...series.byDay.entries()].filter(([, v]) => v !== 0n).map(([d]) => d).sort()[0] ?? null;
  const elapsedDays = days.filter((d) => d < todayStr && (firstUsageDay === null || d >= firstUsageDay));
  let forecast: BudgetForecast;
  let forecastPercent: number | null = null;
  if (now >= period.end || asOf >= period.end) {
    forecast = {
      status: 'complete',
      expected: formatUnits(def, spent),
      low: formatUnits(def, spent),
      high: formatUnits(def, spent),
      expectedPercent: percent(spent, amount),
      overrunDay: null,
      basisDays: days.length,
      thin: false,
      weekdayPattern: false,
      dataThrough,
      notes: [],
    };
  } else if (now < period.start) {
    forecast = { status: 'insufficient', reason: 'The period has not started yet.' };
  } else if (firstUsageDay === null) {
    forecast = { status: 'insufficient', reason: 'Not enough data for a forecast: no usage in scope in this period or the 6 weeks before.' };
  } else {
    const todayStart = startOfLocalDay(parseDay(todayStr), tz);
    const todayEnd = startOfLocalDay(addDays(parseDay(todayStr), 1), tz);
    const lookbackDays: string[] = [];
    for (let d = addDays(parseDay(period.firstDay), -LOOKBACK_DAYS); dayString(d) < period.firstDay; d = addDays(d, 1)) {
      const s = dayString(d);
      if (firstUsageDay !== null && s >= firstUsageDay) lookbackDays.push(s);
    }
    const priceChanges = knownPriceChangesOrNone(db, def, opts.book, asOf, period);
    const f = forecastPeriodEnd({
      elapsed: toDayAmounts(series, elapsedDays),
      today: { day: todayStr, weekday: weekday(parseDay(todayStr)), amount: Number(series.byDay.get(todayStr) ?? 0n) },
      todayElapsedShare: Math.min(1, Math.max(0, (asOf - todayStart) / (todayEnd - todayStart))),
      remaining: toDayAmounts(series, days.filter((d) => d > todayStr)).map((d) => ({ ...d, amount: 0 })),
      lookback: toDayAmounts(series, lookbackDays),
      budget: Number(amount),
      priceChanges,
    });
    if (f.status === 'insufficient') forecast = f;
    else {
      // The forecast never goes below what is already spent (exact); rounding only touches the projection.
      const round = (x: number) => (BigInt(Math.round(x)) > spent ? BigInt(Math.round(x)) : spent);
      const expected = round(f.expected);
      forecastPercent = percent(expected, amount);
      forecast = {
        status: f.status,
        expected: formatUnits(def, expected),
        low: formatUnits(def, round(f.low)),
        high: formatUnits(def, round(f.high)),
        expectedPercent: forecastPercent,
        overrunDay: f.overrunDay,
        basisDays: f.basisDays,
        thin: f.thin,
        weekdayPattern: f.weekdayPattern,
        dataThrough,
        notes: f.notes,
      };
    }
  }

  const sharePercent = percent(spent, amount);
  const fired: AlertKey[] = opts.id !== null ? firedFor(db, opts.id, period.key) : [];
  const thresholds: BudgetThresholdState[] = def.thresholds.map((t) => ({
    percent: t,
    state:
      sharePercent >= t || fired.some((f) => f.threshold === t && f.kind === 'crossed')
        ? 'crossed'
        : fired.some((f) => f.threshold === t && f.kind === 'projected') ||
            alertsToFire({ thresholds: [t], sharePercent, forecastPercent, fired: [] }).some((a) => a.kind === 'projected')
          ? 'projected'
          : 'armed',
  }));

  const status: BudgetStatus = {
    id: opts.id,
    definition: def,
    scopeLabel: describeScope(def.scope),
    period: {
      key: period.key,
      label: period.label,
      start: new Date(period.start).toISOString(),
      end: new Date(period.end).toISOString(),
      firstDay: period.firstDay,
      lastDay: period.lastDay,
      days: period.days,
      timeZone: tz,
    },
    unit: def.amount.unit,
    currency: def.amount.unit === 'money' ? def.amount.currency : null,
    tokenClass: def.amount.unit === 'tokens' ? def.amount.tokenClass : null,
    amount: formatUnits(def, amount),
    rolledOver: formatUnits(def, amount - base),
    spent: formatUnits(def, spent),
    remaining: formatUnits(def, amount - spent),
    sharePercent: Math.round(sharePercent * 100) / 100,
    forecast,
    state: checkState(sharePercent, forecastPercent),
    thresholds,
    unpriced:
      def.amount.unit !== 'money'
        ? { facts: 0, tokens: 0, models: [] }
        : cached
          ? unpricedFrom(cached, period.firstDay, period.lastDay)
          : unpricedInScope(db, def.scope, isEmptyScope(def.scope), period.start, period.end),
    fx: [...series.rates.values()].sort((a, b) => a.from.localeCompare(b.from)),
    fxMissing: [...series.missing].sort(),
  };

  const history: BudgetPeriodSummary[] = opts.withHistory
    ? periods.map((p) => {
        const a = amounts.get(p.key)!;
        const s = sumDays(series, periodDays(p));
        return {
          key: p.key,
          label: p.label,
          firstDay: p.firstDay,
          lastDay: p.lastDay,
          amount: formatUnits(def, a),
          spent: formatUnits(def, s),
          sharePercent: Math.round(percent(s, a) * 100) / 100,
          state: s >= a ? ('over' as const) : ('ok' as const),
          current: p.key === period.key,
        };
      })
    : [];
  return { status, history, periodKey: period.key, forecastPercent, sharePercent };
}
