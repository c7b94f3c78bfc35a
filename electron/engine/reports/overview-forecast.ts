/**
 * The Overview's month-end forecast of everything: the budgets' status (budgets/status.ts, and through it
 * shared/domain/budgets/forecast.ts), for exactly the budget of that scope, month, zone and currency, so the
 * Overview and such a budget can never forecast two figures. Only where its amounts come from differs: the
 * reports' own aggregation (reports/query-store.ts aggregate; its spend alone, spend-store.ts), which reads the
 * rollups, instead of the facts.
 *
 * Why that gives the budget's amounts: a budget places a fact on the local day of its 15-minute bucket (an
 * instant) or the day it keeps (a bucket), and sums spend per (local day, currency, conversion cell); the
 * aggregate places facts by the same rule (ledger/facts.ts factDaySql) and returns rows in the display
 * currency by day, and rows in other currencies by day at the same conversion cells (every rollup
 * dimension), the rollups' spend being the same spend (ledger/facts.ts spendNano). In UTC that is
 * rollup_narrow and rollup_daily; in a zone whose offsets are whole hours, rollup_hourly, unless some spend
 * of those weeks is in another currency than the display one (its conversion cells are then read from the
 * facts, as the Overview's own figures are); zones with half-hour offsets read the facts. Those two cases
 * take seconds at millions of facts: `forecastReadsFacts` says so beforehand, and the window asks for it apart.
 */
import type { ReportOverview } from '../../../shared/contract/api/report';
import { budgetDefinitionSchema, type BudgetDefinition } from '../../../shared/domain/budgets/budget';
import { statusFrame } from '../../../shared/domain/budgets/status';
import { addLocalDays, isUtcZone, localDay, parseDay, startOfLocalDay } from '../../../shared/domain/time';
import type { Amounts } from '../budgets/amounts';
import { computeBudgetStatus } from '../budgets/status';
import type { ReadableDb } from '../ledger/db';
import { otherCurrencySpend, wholeHourZone } from './query-store';
import { aggregateSpend } from './spend-store';

/**
 * Spend per 'local day|currency|cell' over [from, to) (starts of local days) in `tz`, as the budget's
 * amounts are keyed: rows in `currency` by day (no conversion, so no cell), the others one key per cell.
 */
export function reportAmounts(db: ReadableDb, tz: string, currency: string, from: number, to: number, source?: 'raw'): Amounts {
  const fromDay = localDay(from, tz);
  const lastDay = localDay(to - 1, tz);
  // Nothing to convert: the days' sums per currency, without the cells (outside UTC those come from the facts).
  const convert = isUtcZone(tz) || otherCurrencySpend(db, currency, fromDay, lastDay);
  const rows = aggregateSpend(db, { timeZone: tz, from: fromDay, to: lastDay, byDay: true, ...(convert ? { convertTo: currency } : {}), ...(source ? { source } : {}) });
  const native = new Map<string, bigint>();
  rows.forEach((r, i) => {
    if (r.spend_nano === null || r.currency === '') return;
    const k = r.currency === currency ? `${r.day}|${r.currency}|` : `${r.day}|${r.currency}|${i}`;
    native.set(k, (native.get(k) ?? 0n) + r.spend_nano);
  });
  return { native, unpriced: [] };
}

/** The budget whose forecast the Overview shows: everything, this month in the view's zone, in its currency. */
function monthBudget(view: { timeZone: string; currency: string }): BudgetDefinition {
  return budgetDefinitionSchema.parse({ name: 'Overview', period: { kind: 'month', timeZone: view.timeZone }, amount: { unit: 'money', value: '1', currency: view.currency } });
}

/** Whether monthForecast would read the facts (see the top of this file), from what the rollups hold. */
export function forecastReadsFacts(db: ReadableDb, view: { timeZone: string; currency: string }, now: number): boolean {
  const tz = view.timeZone;
  if (isUtcZone(tz)) return false;
  const frame = statusFrame(monthBudget(view), { createdAt: now, now, withHistory: false, firstUsage: null });
  const fromDay = localDay(frame.from, tz);
  const lastDay = localDay(frame.period.end - 1, tz);
  return !wholeHourZone(tz, fromDay, lastDay) || otherCurrencySpend(db, view.currency, fromDay, lastDay);
}

/**
 * The forecast of the month of `today` in the view's zone and currency. "Now" as asked: the last instant
 * of `today` when the caller names the day, else the clock. A range that is one value is one value.
 */
export function monthForecast(db: ReadableDb, view: { timeZone: string; currency: string }, now: number, source?: 'raw'): ReportOverview['forecast'] {
  const def = monthBudget(view);
  const read = (_def: unknown, from: number, to: number) => reportAmounts(db, view.timeZone, view.currency, from, to, source);
  const f = computeBudgetStatus(db, def, { id: null, createdAt: now, now, source: { kind: 'given', read } }).status.forecast;
  if (f.status !== 'ok') return null;
  return { point: f.expected, low: f.low, high: f.high, single: f.low === f.high };
}

/** The instant the Overview forecasts from: the last instant of `today` when the caller names it, else the clock. */
export function forecastNow(today: string, timeZone: string, explicitToday: boolean, clock: number): number {
  return explicitToday ? startOfLocalDay(addLocalDays(parseDay(today), 1), timeZone) - 1 : clock;
}
