/**
 * Explore (the Overview is overview.ts). Groups come from query-store.ts (rollups for UTC days,
 * local days from hourly rollups or raw facts in another zone), always by day: every amount converts to
 * the display currency at its own day's rate (shared/domain/reports/display.ts), so a total is the sum of
 * its rows in any grouping and range, and the basis is stated with each answer.
 */
import { english } from '../../../shared/i18n/english';
import { NAMED_DIMENSIONS, type NameMap, type NamedDimension } from '../../../shared/contract/api/names';
import type { ReportExplore } from '../../../shared/contract/api/report';
import { bucketOf, type Bucket, type Dimension } from '../../../shared/domain/aggregate';
import { Converter } from '../../../shared/domain/reports/display';
import { fold, groupFigures, sumAll, totalsFigures } from '../../../shared/domain/reports/fold';
import { isUtcZone, localDay } from '../../../shared/domain/time';
import { readSettings } from '../app/store';
import type { EngineContext } from '../context';
import { nameMap } from '../names/store';
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

export const dayBasis = (tz: string) => (isUtcZone(tz) ? ('utc' as const) : ('local' as const));

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
    display: fx.info(english),
    rows: groups,
    totals,
    names: withMachineNames(ctx.db, input.groupBy, nameMap(ctx.db, namedKeys(input.groupBy, groups))),
  };
}
