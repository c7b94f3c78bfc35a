/**
 * The dashboard's reads: the Overview and Explore. Groups come from query-store.ts (rollups for UTC days,
 * local days from hourly rollups or raw facts in another zone); the folding and the conversion to the
 * display currency (at the rates in force on the view's last day, shown with each figure) are
 * shared/domain/reports.
 */
import { NAMED_DIMENSIONS, type NamedDimension } from '../../../shared/contract/api/names';
import type { ReportExplore, ReportOverview } from '../../../shared/contract/api/report';
import { bucketOf, overviewPeriods, type Bucket, type Dimension } from '../../../shared/domain/aggregate';
import { Converter } from '../../../shared/domain/reports/display';
import { fold, groupFigures, sumAll, totalsFigures } from '../../../shared/domain/reports/fold';
import { OVERVIEW_DIMS, overviewFigures } from '../../../shared/domain/reports/overview';
import { isUtcZone, localDay } from '../../../shared/domain/time';
import { readSettings } from '../app/store';
import type { EngineContext } from '../context';
import { nameMap } from '../names/store';
import { loadFxTable } from '../pricing/fx-store';
import { aggregate, dailySpend, latestDay, latestDayIn, ledgerFactCount, unpricedModels, type Filters } from './query-store';

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

const dayBasis = (tz: string) => (isUtcZone(tz) ? ('utc' as const) : ('local' as const));

export function exploreReport(
  ctx: EngineContext,
  input: { from?: string | undefined; to?: string | undefined; filters?: Filters | undefined; timeZone?: string | undefined; currency?: string | undefined; groupBy: Dimension[]; bucket: Bucket; weekStart?: 'monday' | 'sunday' | undefined },
): ReportExplore {
  const o = viewOptions(ctx, input);
  const weekStart = input.weekStart ?? readSettings(ctx.db).weekStart;
  const q = { from: input.from, to: input.to, timeZone: o.timeZone, filters: input.filters, groupBy: input.groupBy, byDay: input.bucket !== 'none' };
  const rows = aggregate(ctx.db, q);
  const at = input.to ?? latestDay(ctx.db) ?? localDay(ctx.now(), o.timeZone);
  const fx = new Converter(o.currency, at, loadFxTable(ctx.db));
  const groups = fold(rows, (d) => (d === null ? null : bucketOf(d, input.bucket, weekStart)))
    .map((a) => groupFigures(a, fx))
    .sort((a, b) => (a.bucket ?? '').localeCompare(b.bucket ?? '') || JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));
  const totals = totalsFigures(sumAll(rows), unpricedModels(ctx.db, q), fx);
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
    names: nameMap(ctx.db, namedKeys(input.groupBy, groups)),
  };
}

/**
 * The Overview: two scans (this period by day, the comparison period) at the narrow rollup's grain. In a
 * whole-hour zone other than UTC, local days come from hourly rows: there the daily chart reads the slim
 * rollup_hourly_spend (dailySpend), and this period's breakdowns need no day, so they read rollup_narrow
 * for the UTC days inside the period and hourly rows only at its edges.
 */
export function overviewReport(ctx: EngineContext, input: { today?: string | undefined; timeZone?: string | undefined; currency?: string | undefined }): ReportOverview {
  const o = viewOptions(ctx, input);
  const today = input.today ?? localDay(ctx.now(), o.timeZone);
  const p = overviewPeriods(today, latestDayIn(ctx.db, o.timeZone));
  const fx = new Converter(o.currency, p.current.to, loadFxTable(ctx.db));
  const cur = { timeZone: o.timeZone, from: p.current.from, to: p.current.to };
  const prev = { timeZone: o.timeZone, from: p.previous.from, to: p.previous.to };
  const slim = dailySpend(ctx.db, cur);
  const figures = overviewFigures({
    period: p,
    curRows: aggregate(ctx.db, { ...cur, groupBy: OVERVIEW_DIMS, byDay: slim === null }),
    prevRows: aggregate(ctx.db, { ...prev, groupBy: OVERVIEW_DIMS }),
    slimDaily: slim?.map((r) => ({ day: r.day, keys: [r.vendor, r.origin_region], currency: r.currency, spend_nano: r.spend_nano })) ?? null,
    fx,
  });
  return {
    ledgerFacts: ledgerFactCount(ctx.db),
    timeZone: o.timeZone,
    dayBasis: dayBasis(o.timeZone),
    today,
    period: { ...p.current, isCurrentMonth: p.isCurrentMonth, daysElapsed: p.daysElapsed, daysInMonth: p.daysInMonth },
    previous: p.previous,
    display: fx.info(),
    ...figures,
    names: nameMap(ctx.db, { project: figures.topProjects.map((p) => p.key) }),
  };
}
