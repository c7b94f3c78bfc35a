/**
 * Explore (the Overview is overview.ts). Groups come from query-store.ts (rollups for UTC days,
 * local days from hourly rollups or raw facts in another zone), always by day: every amount converts to
 * the display currency at its own day's rate (shared/domain/reports/display.ts), so a total is the sum of
 * its rows in any grouping and range, and the basis is stated with each answer.
 */
import { english } from '../../../shared/i18n/english';
import type { NameMap } from '../../../shared/contract/api/names';
import type { ReportExplore } from '../../../shared/contract/api/report';
import { bucketOf, type Bucket, type Dimension } from '../../../shared/domain/aggregate';
import { Converter } from '../../../shared/domain/reports/display';
import { fold, groupFigures, sumAll, totalsFigures } from '../../../shared/domain/reports/fold';
import { isUtcZone, localDay } from '../../../shared/domain/time';
import { readSettings } from '../app/store';
import type { EngineContext } from '../context';
import { expandFilters, nameGroupsOf } from '../names/store';
import { groupKeysByName } from '../../../shared/domain/names';
import type { ReadableDb } from '../ledger/db';
import { machineNames } from '../ledger/team-dims';
import { loadFxTable } from '../pricing/fx-store';
import { aggregate, latestDay, unpricedModels, type Filters } from './query-store';

export interface ViewOptions {
  timeZone: string;
  currency: string;
}

/** A view's zone and display currency: as asked, else the settings'. */
export function viewOptions(ctx: EngineContext, input: { timeZone?: string | undefined; currency?: string | undefined }): ViewOptions {
  const s = readSettings(ctx.db);
  return { timeZone: input.timeZone ?? s.timeZone, currency: input.currency ?? s.displayCurrency };
}

/** A view grouped by machine names its machines too. */
function withMachineNames(db: ReadableDb, groupBy: readonly Dimension[], names: NameMap): NameMap {
  return groupBy.includes('machine') ? { ...names, machine: machineNames(db) } : names;
}

export const dayBasis = (tz: string) => (isUtcZone(tz) ? ('utc' as const) : ('local' as const));

export function exploreReport(
  ctx: EngineContext,
  input: { from?: string | undefined; to?: string | undefined; filters?: Filters | undefined; timeZone?: string | undefined; currency?: string | undefined; groupBy: Dimension[]; bucket: Bucket; weekStart?: 'monday' | 'sunday' | undefined },
): ReportExplore {
  const o = viewOptions(ctx, input);
  const weekStart = input.weekStart ?? readSettings(ctx.db).weekStart;
  // Ids that share a display name are one project (key, member, account): filtered and grouped as one.
  const q = { from: input.from, to: input.to, timeZone: o.timeZone, filters: expandFilters(ctx.db, input.filters), groupBy: input.groupBy, byDay: true, convertTo: o.currency };
  const { rows, grouped } = groupKeysByName(aggregate(ctx.db, q), input.groupBy, nameGroupsOf(ctx.db, input.groupBy));
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
    display: fx.info(english),
    rows: groups,
    totals,
    names: withMachineNames(ctx.db, input.groupBy, grouped.names),
    ids: grouped.ids,
  };
}
