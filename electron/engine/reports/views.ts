/**
 * The dashboard's reads: the Overview and Explore. Groups come from query-store.ts (rollups for UTC days,
 * local days from hourly rollups or raw facts in another zone), always by day: every amount converts to
 * the display currency at its own day's rate (shared/domain/reports/display.ts), so a total is the sum of
 * its rows in any grouping and range, and the basis is stated with each answer.
 */
import { NAMED_DIMENSIONS, type NameMap, type NamedDimension } from '../../../shared/contract/api/names';
import type { ReportExplore, ReportOverview } from '../../../shared/contract/api/report';
import { bucketOf, overviewPeriods, type Bucket, type Dimension } from '../../../shared/domain/aggregate';
import { Converter } from '../../../shared/domain/reports/display';
import { fold, groupFigures, sumAll, totalsFigures } from '../../../shared/domain/reports/fold';
import { OVERVIEW_DIMS, overviewFigures } from '../../../shared/domain/reports/overview';
import { budgetDefinitionSchema } from '../../../shared/domain/budgets/budget';
import { addLocalDays, isUtcZone, localDay, parseDay, startOfLocalDay } from '../../../shared/domain/time';
import { computeBudgetStatus } from '../budgets/status';
import { readSettings } from '../app/store';
import type { EngineContext } from '../context';
import { nameMap } from '../names/store';
import type { ReadableDb } from '../ledger/db';
import { machineNames } from '../ledger/team-dims';
import { loadFxTable } from '../pricing/fx-store';
import { comparison, coverageOf } from '../../../shared/domain/reports/comparison';
import { EngineError } from '../errors';
import { aggregate, dailySpend, latestDay, latestDayIn, ledgerFactCount, monthsWithData, unpricedModels, type Filters } from './query-store';

export interface ViewOptions {
  timeZone: string;
  currency: string;
}

/** A view's zone and display currency: as asked, else the settings'. */
export function viewOptions(ctx: EngineContext, input: { timeZone?: string | undefined; currency?: string | undefined }): ViewOptions {
  const s = readSettings(ctx.db);
  return { timeZone: input.timeZone ?? s.timeZone, currency: input.currency ?? s.displayCurrency };
}

/** The keys of each named dimension among a view's groups. */
function namedKeys(groupBy: readonly Dimension[], groups: readonly { keys: (string | null)[] }[]): Partial<Record<NamedDimension, (string | null)[]>> {
  const out: Partial<Record<NamedDimension, (string | null)[]>> = {};
  groupBy.forEach((d, i) => {
    if ((NAMED_DIMENSIONS as readonly string[]).includes(d)) out[d as NamedDimension] = groups.map((g) => g.keys[i] ?? null);
  });
  return out;
}

/** A view grouped by machine names its machines too. */
function withMachineNames(db: ReadableDb, groupBy: readonly Dimension[], names: NameMap): NameMap {
  return groupBy.includes('machine') ? { ...names, machine: machineNames(db) } : names;
}

const dayBasis = (tz: string) => (isUtcZone(tz) ? ('utc' as const) : ('local' as const));

export function exploreReport(
  ctx: EngineContext,
  input: { from?: string | undefined; to?: string | undefined; filters?: Filters | undefined; timeZone?: string | undefined; currency?: string | undefined; groupBy: Dimension[]; bucket: Bucket; weekStart?: 'monday' | 'sunday' | undefined },
): ReportExplore {
  const o = viewOptions(ctx, input);
  const weekStart = input.weekStart ?? readSettings(ctx.db).weekStart;
  const q = { from: input.from, to: input.to, timeZone: o.timeZone, filters: input.filters, groupBy: input.groupBy, byDay: true, convertTo: o.currency };
  const rows = aggregate(ctx.db, q);
  const at = input.to ?? latestDay(ctx.db) ?? localDay(ctx.now(), o.timeZone);
  const fx = new Converter(o.currency, at, loadFxTable(ctx.db));
  const groups = fold(rows, (d) => (d === null ? null : bucketOf(d, input.bucket, weekStart)), fx)
    .map((a) => groupFigures(a))
    .sort((a, b) => (a.bucket ?? '').localeCompare(b.bucket ?? '') || JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));
  const totals = totalsFigures(sumAll(rows, fx), unpricedModels(ctx.db, q));
  return {
    from: input.from ?? null,
    to: input.to ?? null,
    timeZone: o.timeZone,
    dayBasis: dayBasis(o.timeZone),
    groupBy: input.groupBy,
    bucket: input.bucket,
    display: fx.info(),
    rows: groups,
    totals,
    names: withMachineNames(ctx.db, input.groupBy, nameMap(ctx.db, namedKeys(input.groupBy, groups))),
  };
}

/**
 * The Overview: two scans by day (this period, the comparison period) at the narrow rollup's grain; in a
 * whole-hour zone other than UTC local days come from hourly rows, and the daily chart reads the slim
 * rollup_hourly_spend (dailySpend).
 */
/**
 * The month-end forecast of everything, in the view's zone and currency: the budgets' forecaster
 * (shared/domain/budgets/forecast.ts), with exactly the inputs a budget of that scope and month reads, so
 * the Overview and such a budget can never forecast two figures. A range that is one value is one value.
 */
function monthForecast(ctx: EngineContext, o: ViewOptions, today: string, explicitToday: boolean): ReportOverview['forecast'] {
  const def = budgetDefinitionSchema.parse({ name: 'Overview', period: { kind: 'month', timeZone: o.timeZone }, amount: { unit: 'money', value: '1', currency: o.currency } });
  // "Today" as asked: the last instant of that day when the caller names one, else the clock.
  const now = explicitToday ? startOfLocalDay(addLocalDays(parseDay(today), 1), o.timeZone) - 1 : ctx.now();
  const f = computeBudgetStatus(ctx.db, def, { id: null, createdAt: now, now, source: { kind: 'raw' } }).status.forecast;
  if (f.status !== 'ok') return null;
  return { point: f.expected, low: f.low, high: f.high, single: f.low === f.high };
}

export function overviewReport(
  ctx: EngineContext,
  input: { today?: string | undefined; month?: string | undefined; timeZone?: string | undefined; currency?: string | undefined },
): ReportOverview {
  const o = viewOptions(ctx, input);
  const today = input.today ?? localDay(ctx.now(), o.timeZone);
  if (input.month !== undefined && input.month > today.slice(0, 7)) throw new EngineError('VALIDATION', `month ${input.month} is after the current month (${today.slice(0, 7)})`);
  const p = overviewPeriods(today, latestDayIn(ctx.db, o.timeZone), input.month);
  const fx = new Converter(o.currency, p.current.to, loadFxTable(ctx.db));
  const cur = { timeZone: o.timeZone, from: p.current.from, to: p.current.to };
  const prev = { timeZone: o.timeZone, from: p.previous.from, to: p.previous.to };
  const curRows = aggregate(ctx.db, { ...cur, groupBy: OVERVIEW_DIMS, byDay: true, convertTo: o.currency });
  // The slim hourly rows sum conversion cells together: only when nothing needs converting.
  const slim = curRows.every((r) => r.currency === o.currency || r.currency === '') ? dailySpend(ctx.db, cur) : null;
  const coverage = (q: typeof cur) => coverageOf(aggregate(ctx.db, { ...q, groupBy: ['provider'], byDay: true }));
  const compared = comparison(coverage(cur), coverage(prev), { cur: p.current.month, prev: p.previous.month });
  const figures = overviewFigures({
    period: p,
    curRows,
    prevRows: aggregate(ctx.db, { ...prev, groupBy: OVERVIEW_DIMS, byDay: true, convertTo: o.currency }),
    slimDaily: slim?.map((r) => ({ day: r.day, keys: [r.vendor, r.origin_region], currency: r.currency, spend_nano: r.spend_nano })) ?? null,
    fx,
    comparable: compared.comparable,
  });
  return {
    ledgerFacts: ledgerFactCount(ctx.db),
    timeZone: o.timeZone,
    dayBasis: dayBasis(o.timeZone),
    today,
    period: { ...p.current, isCurrentMonth: p.isCurrentMonth, picked: input.month !== undefined, daysElapsed: p.daysElapsed, daysInMonth: p.daysInMonth },
    previous: p.previous,
    months: [...new Set([today.slice(0, 7), ...monthsWithData(ctx.db)])].filter((m) => m <= today.slice(0, 7)).sort().reverse(),
    comparison: compared,
    display: fx.info(),
    ...figures,
    forecast: p.isCurrentMonth && fx.missing.size === 0 ? monthForecast(ctx, o, today, input.today !== undefined) : null,
    names: nameMap(ctx.db, { project: figures.topProjects.map((p) => p.key) }),
  };
}
