/**
 * Period-end forecast: the period's own run rate, shaped by the weekday pattern of the last weeks,
 * with known future price changes applied to the days after they take effect.
 *
 * Figures here are ESTIMATES of the future, computed in floating point over per-day amounts (nano-units
 * or tokens as numbers) and rounded once at the end; spend itself stays exact bigint elsewhere.
 * When the data is thin the forecast says so (`status: 'insufficient'`) instead of inventing a range.
 */

export interface DayAmount {
  /** Local day 'YYYY-MM-DD'. */
  day: string;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  amount: number;
}

export interface PriceChange {
  /** First local day at the new price. */
  fromDay: string;
  /** New cost / old cost for the same usage mix (e.g. 0.5 for a price cut in half). */
  factor: number;
  note: string;
}

export interface ForecastInput {
  /** Days of this period that are over (complete), oldest first. */
  elapsed: DayAmount[];
  /** Amount already in today (partial day) and which share of today is over (0..1). */
  today: DayAmount | null;
  todayElapsedShare: number;
  /** Days of this period still to come after today, oldest first (amounts ignored). */
  remaining: DayAmount[];
  /** Complete days before the period (the last weeks), oldest first, for the weekday pattern. */
  lookback: DayAmount[];
  /** Budget amount in the same unit, to find the overrun day; null for none. */
  budget: number | null;
  priceChanges?: PriceChange[];
}

export type Forecast =
  | {
      status: 'ok';
      /** Period-end total (spent + projected). */
      expected: number;
      low: number;
      high: number;
      /** First local day on which the expected cumulative total passes the budget; null when it does not. */
      overrunDay: string | null;
      /** Days whose run rate the level rests on. */
      basisDays: number;
      /** True when a weekday pattern (>= 2 full weeks of history) shaped the forecast. */
      weekdayPattern: boolean;
      /** Few days behind it: a wide range, read with care. */
      thin: boolean;
      notes: string[];
    }
  | { status: 'insufficient'; reason: string }
  | { status: 'complete'; expected: number; low: number; high: number; overrunDay: null; basisDays: number; weekdayPattern: boolean; thin: false; notes: string[] };

/** Fewer complete days than this in the period and its recent past: no forecast. */
export const MIN_BASIS_DAYS = 3;
/** Below this many basis days the forecast is flagged thin. */
export const THIN_BASIS_DAYS = 7;
/** Two-sided 90 % quantile of Student's t with `df` degrees of freedom (1.645 in the limit). */
export function tQuantile90(df: number): number {
  const table = [6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753];
  if (df < 1) return table[0]!;
  if (df <= table.length) return table[df - 1]!;
  return 1.645 + 2.4 / df;
}

/** Weekday factors (mean 1) from complete days: null when fewer than 2 observations of every weekday. */
export function weekdayFactors(days: DayAmount[]): number[] | null {
  const sums = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  for (const d of days) {
    sums[d.weekday]! += d.amount;
    counts[d.weekday]! += 1;
  }
  if (counts.some((c) => c < 2)) return null;
  const means = sums.map((s, i) => s / counts[i]!);
  const overall = means.reduce((a, b) => a + b, 0) / 7;
  if (overall <= 0) return null;
  return means.map((m) => m / overall);
}

export function forecastPeriodEnd(input: ForecastInput): Forecast {
  const spent = input.elapsed.reduce((s, d) => s + d.amount, 0) + (input.today?.amount ?? 0);
  if (input.remaining.length === 0 && (input.today === null || input.todayElapsedShare >= 1)) {
    return { status: 'complete', expected: spent, low: spent, high: spent, overrunDay: null, basisDays: input.elapsed.length, weekdayPattern: false, thin: false, notes: [] };
  }
  // Weekday pattern from the last six weeks of complete days (period + lookback).
  const history = [...input.lookback, ...input.elapsed].slice(-42);
  const factors = weekdayFactors(history);
  const w = (wd: number) => (factors ? factors[wd]! : 1);
  // Level: the period's own de-seasonalized run rate; in the first days of a period, the last week's.
  let basis = input.elapsed;
  const notes: string[] = [];
  if (basis.length < MIN_BASIS_DAYS) {
    const recent = input.lookback.slice(-7);
    if (basis.length + recent.length < MIN_BASIS_DAYS) {
      const n = basis.length + recent.length;
      return {
        status: 'insufficient',
        reason: `Not enough data for a forecast: ${n} complete day${n === 1 ? '' : 's'} of usage in scope (needs ${MIN_BASIS_DAYS}).`,
      };
    }
    basis = [...recent, ...basis].slice(-7);
    notes.push('Early in the period: the run rate is the last 7 days.');
  }
  const deseason = basis.map((d) => d.amount / Math.max(w(d.weekday), 0.05));
  const level = deseason.reduce((a, b) => a + b, 0) / deseason.length;
  const variance = deseason.length > 1 ? deseason.reduce((s, x) => s + (x - level) ** 2, 0) / (deseason.length - 1) : level ** 2;
  const sd = Math.sqrt(variance);

  const changes = [...(input.priceChanges ?? [])].sort((a, b) => a.fromDay.localeCompare(b.fromDay));
  const priceFactor = (day: string) => {
    let f = 1;
    for (const c of changes) if (c.fromDay <= day) f = c.factor;
    return f;
  };
  for (const c of changes) if (input.remaining.some((d) => d.day >= c.fromDay)) notes.push(c.note);

  // Remaining: the rest of today, then each day to come.
  const future: { day: string; weight: number }[] = [];
  if (input.today && input.todayElapsedShare < 1) {
    future.push({ day: input.today.day, weight: w(input.today.weekday) * (1 - input.todayElapsedShare) * priceFactor(input.today.day) });
  }
  for (const d of input.remaining) future.push({ day: d.day, weight: w(d.weekday) * priceFactor(d.day) });
  const sumW = future.reduce((s, f) => s + f.weight, 0);
  const sumW2 = future.reduce((s, f) => s + f.weight ** 2, 0);
  const projected = level * sumW;
  // Day-to-day noise over the remaining days plus the uncertainty of the level itself (Student t for the
  // few days behind it), widened for the weekday factors being estimates too (about 6 weeks of them).
  const factorNoise = factors ? 1 + 7 / history.length : 1;
  const q = tQuantile90(deseason.length - 1);
  const spread = q * Math.sqrt(factorNoise * (sd ** 2 * sumW2 + (sd ** 2 / deseason.length) * sumW ** 2));
  const expected = spent + projected;
  const low = spent + Math.max(0, projected - spread);
  const high = expected + spread;

  let overrunDay: string | null = null;
  if (input.budget !== null && spent <= input.budget) {
    let cum = spent;
    for (const f of future) {
      cum += level * f.weight;
      if (cum > input.budget) {
        overrunDay = f.day;
        break;
      }
    }
  }
  return {
    status: 'ok',
    expected,
    low,
    high,
    overrunDay,
    basisDays: basis.length,
    weekdayPattern: factors !== null,
    thin: basis.length < THIN_BASIS_DAYS,
    notes,
  };
}
