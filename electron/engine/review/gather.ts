/**
 * A month's figures for the review pack, each from the function that answers that question everywhere
 * else: the Overview (period, headline totals, daily chart), Explore's groupings (the tables), the
 * budgets' status, Reconcile, the price book's history and the tips. Nothing here adds or converts money.
 */
import type { BudgetStatus } from '../../../shared/contract/api/budgets';
import type { PriceHistoryEntry } from '../../../shared/contract/api/prices';
import type { ReconcileReport } from '../../../shared/contract/api/reconcile';
import type { ReportExplore, ReportOverview } from '../../../shared/contract/api/report';
import type { TipsReport } from '../../../shared/contract/api/tips';
import type { Dimension } from '../../../shared/domain/aggregate';
import { parseInstant } from '../../../shared/domain/pricing/price-book';
import { addLocalDays, parseDay, startOfLocalDay } from '../../../shared/domain/time';
import { budgetHandlers } from '../budgets/handlers';
import type { EngineContext } from '../context';
import { showPrice } from '../pricing/service';
import { reconcileReport } from '../reports/reconcile';
import { overviewReport } from '../reports/overview';
import { exploreReport } from '../reports/views';
import { listTips } from '../tips/service';

/**
 * The dimension of the "by member" table. The ledger's `member` is the person a fact is attributed to
 * (an agent log's user, a console's member or key owner); another grouping of people is this one line.
 */
export const PERSON_DIMENSION: Dimension = 'member';

/** The pack's breakdowns, in the order they are printed. */
export const BREAKDOWNS = [
  { id: 'vendor', dimension: 'vendor' },
  { id: 'region', dimension: 'origin_region' },
  { id: 'project', dimension: 'project' },
  { id: 'member', dimension: PERSON_DIMENSION },
] as const satisfies readonly { id: string; dimension: Dimension }[];

export type BreakdownId = (typeof BREAKDOWNS)[number]['id'];

/** A price of a model used in the month that the book changed inside the month, with the one it replaced. */
export interface PriceChangeRow {
  entry: PriceHistoryEntry;
  before: PriceHistoryEntry | null;
}

export interface ReviewData {
  month: string;
  ledger: string;
  generatedAt: string;
  overview: ReportOverview;
  breakdowns: Record<BreakdownId, ReportExplore>;
  budgets: BudgetStatus[];
  reconcile: ReconcileReport;
  priceChanges: PriceChangeRow[];
  tips: TipsReport;
}

/** The last instant of the period in its zone, or now when the period runs to today. */
function periodEnd(ctx: EngineContext, to: string, timeZone: string): number {
  return Math.min(ctx.now(), startOfLocalDay(addLocalDays(parseDay(to), 1), timeZone) - 1);
}

/** Book prices of the month's models whose in-force date falls inside the month (prices.show's history). */
function priceChangesIn(ctx: EngineContext, models: readonly string[], start: number, end: number): PriceChangeRow[] {
  const out: PriceChangeRow[] = [];
  for (const model of models) {
    const history = showPrice(ctx.db, model).history;
    for (const entry of history) {
      const t = parseInstant(entry.effectiveFrom);
      if (t < start || t > end) continue;
      const before = history.find((h) => h.model === entry.model && h.route === entry.route && h.currency === entry.currency && h.origin === entry.origin && h.effectiveTo === entry.effectiveFrom) ?? null;
      out.push({ entry, before });
    }
  }
  return out.sort((a, b) => a.entry.effectiveFrom.localeCompare(b.entry.effectiveFrom) || a.entry.model.localeCompare(b.entry.model) || a.entry.route.localeCompare(b.entry.route));
}

export function gatherReview(ctx: EngineContext, month: string, ledger: string): ReviewData {
  const overview = overviewReport(ctx, { month });
  const { from, to } = overview.period;
  const tz = overview.timeZone;
  const view = { from, to, timeZone: tz, currency: overview.display.currency, bucket: 'none' as const };
  const breakdowns = Object.fromEntries(BREAKDOWNS.map((b) => [b.id, exploreReport(ctx, { ...view, groupBy: [b.dimension] })])) as Record<BreakdownId, ReportExplore>;
  const end = periodEnd(ctx, to, tz);
  const models = exploreReport(ctx, { ...view, groupBy: ['model'] }).rows.flatMap((r) => (r.keys[0] ? [r.keys[0]] : []));
  return {
    month,
    ledger,
    generatedAt: new Date(ctx.now()).toISOString(),
    overview,
    breakdowns,
    budgets: budgetHandlers['budgets.list']({ at: new Date(end).toISOString() }, ctx),
    reconcile: reconcileReport(ctx.db, { month }),
    priceChanges: priceChangesIn(ctx, models, startOfLocalDay(parseDay(from), tz), end),
    tips: listTips(ctx.db, month, ctx.now()),
  };
}
