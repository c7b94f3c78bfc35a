/**
 * A budget's status for a period, computed from what the ledger gave for it (read once, beforehand):
 * spent (exact), remaining, share, rollover, the period-end forecast with its range and overrun day, the
 * thresholds' states, unpriced usage in scope, the FX rates used; and the history of past periods.
 *
 * The engine reads, in this order: the periods to read (statusFrame), the budget's amounts per local day
 * over them, how far the data reaches (for asOf), the alerts already fired; computeStatus does the rest,
 * asking for the known price changes ahead only when a running period is forecast (the recent token mix
 * is read only then, and only when the book holds a price change ahead).
 */
import { conversionOn, FxError, type Conversion, type FxTable } from '../fx';
import { formatAmount, parseDecimalToNano } from '../money';
import { estimateCost, parseInstant, type PriceBook } from '../pricing/price-book';
import { addLocalDays, dayString, localDate, parseDay, startOfLocalDay, utcDay, weekday } from '../time';
import { alertsToFire, checkState, type AlertKey, type CheckState } from './alerts';
import { describeScope, periodSpec, type BudgetDefinition } from './budget';
import { forecastPeriodEnd, type DayAmount, type PriceChange } from './forecast';
import { periodAt, periodDays, previousPeriod, type Period } from './period';

/** An FX rate used to convert spend into the budget's currency: 1 `from` = `rate` `to`, since `rateDate`. */
export interface BudgetFxRate {
  from: string;
  to: string;
  rate: string;
  rateDate: string | null;
}

export type BudgetForecast =
  | {
      status: 'ok' | 'complete';
      /** Period-end total, low and high of a 90 % range, in the budget's unit (decimal strings). */
      expected: string;
      low: string;
      high: string;
      expectedPercent: number;
      /** First local day the expected total passes the budget; null when it does not. */
      overrunDay: string | null;
      /** Complete days the run rate rests on; `thin` when fewer than 7. */
      basisDays: number;
      thin: boolean;
      weekdayPattern: boolean;
      /** Data reaches this instant (ISO); days after it are forecast, not counted as zero. */
      dataThrough: string | null;
      notes: string[];
    }
  | { status: 'insufficient'; reason: string };

export interface BudgetThresholdState {
  percent: number;
  state: 'armed' | 'projected' | 'crossed';
}

/** Usage in scope that has no price and no bill: not in `spent`, shown so it is never a silent zero. */
export interface UnpricedInScope {
  facts: number;
  tokens: number;
  models: string[];
}

export interface BudgetStatus {
  /** null for a preview of an unsaved budget. */
  id: number | null;
  definition: BudgetDefinition;
  scopeLabel: string;
  period: { key: string; label: string; start: string; end: string; firstDay: string; lastDay: string; days: number; timeZone: string };
  unit: 'money' | 'tokens';
  /** The budget's currency (money budgets) or null. */
  currency: string | null;
  /** Token class counted (token budgets) or null. */
  tokenClass: string | null;
  /** This period's budget: the amount plus what rolled over. */
  amount: string;
  rolledOver: string;
  spent: string;
  /** May be negative (over). */
  remaining: string;
  /** Spent as a percentage of `amount` (2 decimals). */
  sharePercent: number;
  forecast: BudgetForecast;
  state: CheckState;
  thresholds: BudgetThresholdState[];
  unpriced: UnpricedInScope;
  /** Rates used to convert spend in other currencies (money budgets). */
  fx: BudgetFxRate[];
  /** Currencies in scope with no rate to the budget's currency: their spend is left out and named here. */
  fxMissing: string[];
}

export interface BudgetPeriodSummary {
  key: string;
  label: string;
  firstDay: string;
  lastDay: string;
  amount: string;
  spent: string;
  sharePercent: number;
  state: 'ok' | 'over';
  current: boolean;
}

const DAY_MS = 86_400_000;
/** Weeks of history before the period that shape the weekday pattern. */
export const LOOKBACK_DAYS = 42;
/** Past periods listed in a budget's history. */
const HISTORY_PERIODS = 12;
/** Days of recent usage whose token mix is repriced at a known future price. */
export const MIX_DAYS = 14;

export function budgetAmountUnits(def: BudgetDefinition): bigint {
  return def.amount.unit === 'money' ? parseDecimalToNano(def.amount.value) : BigInt(def.amount.value);
}

export function formatUnits(def: BudgetDefinition, v: bigint): string {
  return def.amount.unit === 'money' ? formatAmount(v) : v.toString();
}

function percent(spent: bigint, amount: bigint): number {
  if (amount <= 0n) return 0;
  return Number((spent * 1_000_000n) / amount) / 10_000;
}

// ---- what to read --------------------------------------------------------------------------------

/** The periods a status covers: the current one and those before it that rollover or history need. */
export interface StatusFrame {
  period: Period;
  /** Oldest first, ending with `period`. */
  periods: Period[];
  /** The first instant whose usage the status needs (the lookback before the period included). */
  from: number;
}

/**
 * Periods to read: from the earliest of (creation, first usage in scope), at most HISTORY_PERIODS back.
 * History goes back to the first usage in scope; a status alone reads only the periods rollover needs
 * (from creation on) and the lookback, so an evaluation after each import stays cheap. `firstUsage` is
 * read only for a history.
 */
export function statusFrame(def: BudgetDefinition, opts: { createdAt: number; now: number; withHistory: boolean; firstUsage: number | null }): StatusFrame {
  const spec = periodSpec(def);
  const period = periodAt(spec, opts.now);
  const earliest = opts.withHistory ? Math.min(opts.createdAt, opts.firstUsage ?? opts.createdAt) : def.rollover ? opts.createdAt : period.start;
  const periods: Period[] = [period];
  for (let p = previousPeriod(spec, period); p && p.end > earliest && periods.length <= HISTORY_PERIODS; p = previousPeriod(spec, p)) periods.unshift(p);
  const lookbackStart = startOfLocalDay(addLocalDays(parseDay(period.firstDay), -LOOKBACK_DAYS), def.period.timeZone);
  return { period, periods, from: Math.min(periods[0]!.start, lookbackStart) };
}

/**
 * The instant the forecast runs from: what the data reaches (an import lags the clock), not the clock.
 * Exports come by the day: a past day that has data is taken as complete.
 */
export function asOfInstant(def: BudgetDefinition, period: Period, now: number, latestFactEnd: number | null): { asOf: number; dataThrough: string | null } {
  const tz = def.period.timeZone;
  const dataEnd = latestFactEnd === null ? null : startOfLocalDay(addLocalDays(localDate(latestFactEnd - 1, tz), 1), tz);
  return {
    asOf: Math.max(period.start, Math.min(now, dataEnd ?? now)),
    dataThrough: dataEnd !== null && dataEnd < now ? new Date(dataEnd).toISOString() : null,
  };
}

/** Whether an entry of the book takes effect in (asOf, period end): only then can a price change move the run rate. */
export function priceChangeAhead(def: BudgetDefinition, book: PriceBook, asOf: number, period: Period): boolean {
  if (def.amount.unit !== 'money') return false;
  return book.entries.some((e) => {
    const t = parseInstant(e.effectiveFrom);
    return t > asOf && t < period.end;
  });
}

/** Tokens per model in scope over the UTC days of mixDays(asOf). */
export interface ModelMix {
  model: string;
  input: number;
  cache_read: number;
  cache_write_5m: number;
  cache_write_1h: number;
  output: number;
  reasoning: number;
  requests: number;
}

/**
 * Known price changes inside the rest of the period, as factors on the run rate: the recent token mix of
 * each model in scope priced at each future effective date vs now (price book entries the book already
 * holds, e.g. an announced cut). Models with no price, or priced in another currency, do not move it.
 */
export function priceChangesAhead(def: BudgetDefinition, book: PriceBook, mix: readonly ModelMix[], asOf: number, period: Period): PriceChange[] {
  if (mix.length === 0) return [];
  const models = new Set(mix.map((m) => m.model));
  const instants = [
    ...new Set(
      book.entries
        .filter((e) => models.has(e.model))
        .map((e) => parseInstant(e.effectiveFrom))
        .filter((t) => t > asOf && t < period.end),
    ),
  ].sort((a, b) => a - b);
  const costAt = (t: number) => {
    const out = new Map<string, bigint>();
    for (const m of mix) {
      const tokens = { input: m.input, cache_read: m.cache_read, cache_write_5m: m.cache_write_5m, cache_write_1h: m.cache_write_1h, output: m.output, reasoning: m.reasoning };
      const est = estimateCost({ model: m.model, start: t, tokens, serviceTier: 'standard', contextTier: null, requests: m.requests }, book);
      if (est.status === 'priced') out.set(`${m.model}|${est.money.currency}`, est.money.nano);
    }
    return out;
  };
  const base = costAt(asOf);
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

/**
 * The days whose token mix priceChangesAhead reprices: whole UTC days, from the UTC day MIX_DAYS before
 * asOf through the UTC day of asOf (inclusive), so the rollups (per UTC day) answer it; a fact is on its
 * UTC day by the one rule of usage_facts.day (an instant by its start, a bucket the day it keeps).
 */
export function mixDays(asOf: number): { from: string; to: string } {
  return { from: utcDay(asOf - MIX_DAYS * DAY_MS), to: utcDay(asOf) };
}

// ---- the amounts ---------------------------------------------------------------------------------

/** Amount per local day, in the budget's unit (nano-units of its currency, or tokens), exact. */
export interface DailySeries {
  byDay: Map<string, bigint>;
  rates: Map<string, BudgetFxRate>;
  missing: Set<string>;
}

/**
 * Native amounts per 'local day|currency|conversion cell' ('local day|' for tokens) into the budget's unit:
 * each cell's amount of a day converted once, at the rate in force that day (the cells the reports convert).
 */
export function dailySeries(def: BudgetDefinition, native: ReadonlyMap<string, bigint>, fx: FxTable): DailySeries {
  const byDay = new Map<string, bigint>();
  const rates = new Map<string, BudgetFxRate>();
  const missing = new Set<string>();
  const add = (day: string, v: bigint) => byDay.set(day, (byDay.get(day) ?? 0n) + v);
  if (def.amount.unit === 'tokens') {
    for (const [k, v] of native) add(k.slice(0, k.indexOf('|')), v);
    return { byDay, rates, missing };
  }
  const target = def.amount.currency;
  // One rate per (currency, day), applied to each cell of that day (convertOn's conversion, looked up once).
  const conversions = new Map<string, Conversion | null>();
  for (const [k, nano] of native) {
    const [day, currency] = k.split('|') as [string, string];
    if (currency === target) {
      add(day, nano);
      continue;
    }
    const at = `${currency}|${day}`;
    let c = conversions.get(at);
    if (c === undefined) {
      try {
        c = conversionOn(currency, target, day, fx);
      } catch (err) {
        if (!(err instanceof FxError)) throw err;
        c = null;
      }
      conversions.set(at, c);
    }
    if (c === null) {
      missing.add(currency);
      continue;
    }
    add(day, c.apply(nano));
    const prev = rates.get(currency);
    if (!prev || (c.rateDate ?? '') >= (prev.rateDate ?? '')) rates.set(currency, { from: currency, to: target, rate: c.rate, rateDate: c.rateDate });
  }
  return { byDay, rates, missing };
}

function sumDays(series: DailySeries, days: readonly string[]): bigint {
  let s = 0n;
  for (const d of days) s += series.byDay.get(d) ?? 0n;
  return s;
}

function toDayAmounts(series: DailySeries, days: readonly string[]): DayAmount[] {
  return days.map((d) => ({ day: d, weekday: weekday(parseDay(d)), amount: Number(series.byDay.get(d) ?? 0n) }));
}

/** Each period's budget: from the period of creation on, the unspent part of each period carries into the next. */
function periodAmounts(def: BudgetDefinition, frame: StatusFrame, series: DailySeries, createdAt: number): Map<string, bigint> {
  const base = budgetAmountUnits(def);
  const amounts = new Map<string, bigint>();
  let carry = 0n;
  for (const p of frame.periods) {
    const amount = base + (def.rollover && p.end > createdAt ? carry : 0n);
    amounts.set(p.key, amount);
    const spent = sumDays(series, periodDays(p));
    carry = def.rollover && p.end > createdAt && spent < amount ? amount - spent : 0n;
  }
  return amounts;
}

// ---- the status ----------------------------------------------------------------------------------

/** What a status is computed from, read from the ledger beforehand. */
export interface StatusInputs {
  id: number | null;
  createdAt: number;
  now: number;
  frame: StatusFrame;
  /** Native amounts per 'local day|currency' over [frame.from, period end). */
  native: ReadonlyMap<string, bigint>;
  fx: FxTable;
  /** The end of the latest fact in the ledger (any scope); null for an empty ledger. */
  latestFactEnd: number | null;
  /**
   * Known price changes ahead (priceChangesAhead), [] when none. Asked for only by a running period's
   * forecast (at most once): the reads behind it are skipped for past or future periods.
   */
  priceChanges: () => PriceChange[];
  /** Alerts already fired for this budget in the current period. */
  fired: AlertKey[];
  unpriced: UnpricedInScope;
  withHistory: boolean;
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

/** The period-end forecast: complete periods say what was spent, running ones project from the run rate. */
function forecastOf(def: BudgetDefinition, input: StatusInputs, series: DailySeries, amount: bigint, spent: bigint): { forecast: BudgetForecast; forecastPercent: number | null } {
  const { period } = input.frame;
  const days = periodDays(period);
  const { now } = input;
  const { asOf, dataThrough } = asOfInstant(def, period, now, input.latestFactEnd);
  const tz = def.period.timeZone;
  const todayStr = dayString(localDate(asOf, tz));
  // Days before the first usage read are not zeros of a run rate: a new ledger or a new project.
  const firstUsageDay = [...series.byDay.entries()].filter(([, v]) => v !== 0n).map(([d]) => d).sort()[0] ?? null;
  if (now >= period.end || asOf >= period.end) {
    const all = formatUnits(def, spent);
    const forecast: BudgetForecast = { status: 'complete', expected: all, low: all, high: all, expectedPercent: percent(spent, amount), overrunDay: null, basisDays: days.length, thin: false, weekdayPattern: false, dataThrough, notes: [] };
    return { forecast, forecastPercent: null };
  }
  if (now < period.start) return { forecast: { status: 'insufficient', reason: 'The period has not started yet.' }, forecastPercent: null };
  if (firstUsageDay === null) {
    return { forecast: { status: 'insufficient', reason: 'Not enough data for a forecast: no usage in scope in this period or the 6 weeks before.' }, forecastPercent: null };
  }
  const todayStart = startOfLocalDay(parseDay(todayStr), tz);
  const todayEnd = startOfLocalDay(addLocalDays(parseDay(todayStr), 1), tz);
  const lookbackDays: string[] = [];
  for (let back = LOOKBACK_DAYS; back > 0; back--) {
    const s = dayString(addLocalDays(parseDay(period.firstDay), -back));
    if (s >= firstUsageDay) lookbackDays.push(s);
  }
  const f = forecastPeriodEnd({
    elapsed: toDayAmounts(series, days.filter((d) => d < todayStr && d >= firstUsageDay)),
    today: { day: todayStr, weekday: weekday(parseDay(todayStr)), amount: Number(series.byDay.get(todayStr) ?? 0n) },
    todayElapsedShare: Math.min(1, Math.max(0, (asOf - todayStart) / (todayEnd - todayStart))),
    remaining: toDayAmounts(series, days.filter((d) => d > todayStr)).map((d) => ({ ...d, amount: 0 })),
    lookback: toDayAmounts(series, lookbackDays),
    budget: Number(amount),
    priceChanges: input.priceChanges(),
  });
  if (f.status === 'insufficient') return { forecast: f, forecastPercent: null };
  // The forecast never goes below what is already spent (exact); rounding only touches the projection.
  const round = (x: number) => (BigInt(Math.round(x)) > spent ? BigInt(Math.round(x)) : spent);
  const expected = round(f.expected);
  const forecastPercent = percent(expected, amount);
  const forecast: BudgetForecast = {
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
  return { forecast, forecastPercent };
}

/** Each threshold: crossed (by the exact share, or an alert that fired), projected by the forecast, or armed. */
function thresholdStates(def: BudgetDefinition, sharePercent: number, forecastPercent: number | null, fired: readonly AlertKey[]): BudgetThresholdState[] {
  return def.thresholds.map((t) => {
    const crossed = sharePercent >= t || fired.some((f) => f.threshold === t && f.kind === 'crossed');
    const projected =
      fired.some((f) => f.threshold === t && f.kind === 'projected') || alertsToFire({ thresholds: [t], sharePercent, forecastPercent, fired: [] }).some((a) => a.kind === 'projected');
    return { percent: t, state: crossed ? 'crossed' : projected ? 'projected' : 'armed' };
  });
}

function historyOf(def: BudgetDefinition, frame: StatusFrame, series: DailySeries, amounts: ReadonlyMap<string, bigint>): BudgetPeriodSummary[] {
  return frame.periods.map((p) => {
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
      state: s >= a ? 'over' : 'ok',
      current: p.key === frame.period.key,
    };
  });
}

/** The status (and history, when asked) from its inputs. */
export function computeStatus(def: BudgetDefinition, input: StatusInputs): Computed {
  const { period } = input.frame;
  const series = dailySeries(def, input.native, input.fx);
  const amounts = periodAmounts(def, input.frame, series, input.createdAt);
  const amount = amounts.get(period.key)!;
  const spent = sumDays(series, periodDays(period));
  const { forecast, forecastPercent } = forecastOf(def, input, series, amount, spent);
  const sharePercent = percent(spent, amount);
  const status: BudgetStatus = {
    id: input.id,
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
      timeZone: def.period.timeZone,
    },
    unit: def.amount.unit,
    currency: def.amount.unit === 'money' ? def.amount.currency : null,
    tokenClass: def.amount.unit === 'tokens' ? def.amount.tokenClass : null,
    amount: formatUnits(def, amount),
    rolledOver: formatUnits(def, amount - budgetAmountUnits(def)),
    spent: formatUnits(def, spent),
    remaining: formatUnits(def, amount - spent),
    sharePercent: Math.round(sharePercent * 100) / 100,
    forecast,
    state: checkState(sharePercent, forecastPercent),
    thresholds: thresholdStates(def, sharePercent, forecastPercent, input.fired),
    unpriced: def.amount.unit !== 'money' ? { facts: 0, tokens: 0, models: [] } : input.unpriced,
    fx: [...series.rates.values()].sort((a, b) => a.from.localeCompare(b.from)),
    fxMissing: [...series.missing].sort(),
  };
  const history = input.withHistory ? historyOf(def, input.frame, series, amounts) : [];
  return { status, history, periodKey: period.key, forecastPercent, sharePercent };
}
