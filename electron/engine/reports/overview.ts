/**
 * The Overview's read (report.overview): its own module, so Explore and the totals load without the
 * budgets' forecaster and the price book it reaches.
 */
import { saidError } from '../said-error';
import { english } from '../../../shared/i18n/english';
import type { ReportOverview, ReportOverviewRest } from '../../../shared/contract/api/report';
import { overviewPeriods } from '../../../shared/domain/aggregate';
import { Converter } from '../../../shared/domain/reports/display';
import { OVERVIEW_DIMS, overviewFigures } from '../../../shared/domain/reports/overview';
import { localDay } from '../../../shared/domain/time';
import type { EngineContext } from '../context';
import { nameGroupsOf } from '../names/store';
import { groupKeysByName, type GroupedNames } from '../../../shared/domain/names';
import { loadFxTable } from '../pricing/fx-store';
import { unpricedSummary } from '../pricing/service';
import { comparison, coverageOf } from '../../../shared/domain/reports/comparison';
import { aggregate, dailySpend, latestDayIn, ledgerFactCount, monthsWithData } from './query-store';
import { forecastNow, forecastReadsFacts, monthForecast } from './overview-forecast';
import { aggregateFacts } from './spend-store';
import { dayBasis, viewOptions } from './views';
import { keptWhileUnchanged } from '../ledger/unchanged';

/**
 * The Overview: two scans (this period and the comparison period, summed, only their conversion cells by day)
 * at the narrow rollup's grain, and the daily chart's spend in the display currency by day (dailySpend:
 * rollup_narrow, or in a whole-hour zone other than UTC the slim rollup_hourly_spend); in a zone with
 * half-hour offsets everything comes from the facts, this period by day.
 */
/** The names and ids of the projects the Overview lists. */
function topNames(grouped: GroupedNames, top: readonly { key: string | null }[]): Pick<ReportOverview, 'names' | 'ids'> {
  const keep = <V>(m: Record<string, V> | undefined) => {
    const kept = top.flatMap((p) => (p.key !== null && m?.[p.key] !== undefined ? [[p.key, m[p.key]!] as const] : []));
    return kept.length ? { project: Object.fromEntries(kept) } : {};
  };
  return { names: keep(grouped.names.project), ids: keep(grouped.ids.project) };
}

interface OverviewInput {
  today?: string | undefined;
  month?: string | undefined;
  timeZone?: string | undefined;
  currency?: string | undefined;
  /** Leave out the forecast when it would read the facts themselves: `deferred`. */
  quick?: boolean | undefined;
}

/**
 * `source: 'raw'` reads every figure from the facts (the reference the rollup path is tested against);
 * by default the rollups are read wherever they give the same figures.
 */
export function overviewReport(ctx: EngineContext, input: OverviewInput, source?: 'raw'): ReportOverview {
  const o = viewOptions(ctx, input);
  const today = input.today ?? localDay(ctx.now(), o.timeZone);
  if (input.month !== undefined && input.month > today.slice(0, 7)) throw saidError('VALIDATION', 'engine.error.monthAfter', { month: input.month, current: today.slice(0, 7) });
  // Everything but the forecast is a function of the ledger, the view, the day and the month: kept while the
  // ledger is unchanged (a window opened again reads nothing). The forecast reads the clock: worked out each call.
  const { forecasts, ...base } = source
    ? overviewOfDay(ctx, o, today, input.month, source)
    : keptWhileUnchanged(ctx.db, `report.overview ${JSON.stringify([o.timeZone, o.currency, today, input.month ?? null])}`, () => overviewOfDay(ctx, o, today, input.month));
  const now = forecastNow(today, o.timeZone, input.today !== undefined, ctx.now());
  const deferred = input.quick === true && forecasts && forecastReadsFacts(ctx.db, o, now);
  return { ...base, forecast: forecasts && !deferred ? monthForecast(ctx.db, o, now, source) : null, deferred };
}

/** The Overview of `today`'s view without its forecast, and whether it has one (this month, every rate found). */
function overviewOfDay(
  ctx: EngineContext,
  o: { timeZone: string; currency: string },
  today: string,
  month: string | undefined,
  source?: 'raw',
): Omit<ReportOverview, 'forecast' | 'deferred'> & { forecasts: boolean } {
  const p = overviewPeriods(today, latestDayIn(ctx.db, o.timeZone), month);
  const fx = new Converter(o.currency, p.current.to, loadFxTable(ctx.db));
  const src = source ? { source } : {};
  const cur = { timeZone: o.timeZone, from: p.current.from, to: p.current.to, ...src };
  const prev = { timeZone: o.timeZone, from: p.previous.from, to: p.previous.to, ...src };
  // Project ids that share a display name are one project (shared/domain/names.ts).
  const groupsOf = nameGroupsOf(ctx.db, OVERVIEW_DIMS);
  // The daily chart's spend in the display currency from a slim read by day (dailySpend) where there is one:
  // the period's rows then come summed, only the cells to convert by day (they give the chart the rest).
  const daily = source ? null : dailySpend(ctx.db, cur);
  const { rows: curRows, grouped } = groupKeysByName(aggregate(ctx.db, { ...cur, groupBy: OVERVIEW_DIMS, byDay: daily === null, convertTo: o.currency }), OVERVIEW_DIMS, groupsOf);
  const inDisplay = (currency: string) => currency === o.currency || currency === '';
  // The slim rows sum conversion cells together: the chart takes from them only the display currency's spend.
  const slim = daily && [
    ...daily.filter((r) => inDisplay(r.currency)).map((r) => ({ day: r.day, keys: [r.vendor, r.origin_region], currency: r.currency, spend_nano: r.spend_nano })),
    ...curRows.filter((r) => !inDisplay(r.currency)).map((r) => ({ day: r.day, keys: [r.keys[0] ?? null, r.keys[1] ?? null], currency: r.currency, spend_nano: r.spend_nano })),
  ];
  const coverage = (q: typeof cur) => coverageOf(aggregateFacts(ctx.db, { ...q, groupBy: ['provider'], byDay: true }));
  const compared = comparison(coverage(cur), coverage(prev), { cur: p.current.month, prev: p.previous.month });
  const figures = overviewFigures({
    period: p,
    curRows,
    // The comparison period is shown summed (no daily chart): by day only the cells to convert (aggregate).
    prevRows: groupKeysByName(aggregate(ctx.db, { ...prev, groupBy: OVERVIEW_DIMS, byDay: false, convertTo: o.currency }), OVERVIEW_DIMS, groupsOf).rows,
    slimDaily: slim,
    fx,
    comparable: compared.comparable,
  });
  return {
    ledgerFacts: ledgerFactCount(ctx.db),
    timeZone: o.timeZone,
    dayBasis: dayBasis(o.timeZone),
    today,
    period: { ...p.current, isCurrentMonth: p.isCurrentMonth, picked: month !== undefined, daysElapsed: p.daysElapsed, daysInMonth: p.daysInMonth },
    previous: p.previous,
    months: [...new Set([today.slice(0, 7), ...monthsWithData(ctx.db)])].filter((m) => m <= today.slice(0, 7)).sort().reverse(),
    comparison: compared,
    display: fx.info(english),
    ...figures,
    unpriced: unpricedSummary(ctx.db, undefined, { from: p.current.from, to: p.current.to }),
    ...topNames(grouped, figures.topProjects),
    forecasts: p.isCurrentMonth && fx.missing.size === 0,
  };
}

/**
 * What the quick Overview left out, from the whole Overview (the forecast needs to know whether the period's
 * figures converted without a missing rate), so the two answers can never disagree.
 */
export function overviewRest(ctx: EngineContext, input: Omit<OverviewInput, 'quick'>): ReportOverviewRest {
  const o = overviewReport(ctx, input);
  return { month: o.period.month, unpriced: o.unpriced, forecast: o.forecast };
}
