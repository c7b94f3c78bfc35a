/** Handlers of the report and reconcile nouns (shared/contract/api/report.ts, reconcile.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { factsReport } from './facts';
import { exploreReport, overviewReport } from './views';
import { reconcileReport } from './reconcile';
import { countFacts, ledgerTotals } from './totals-store';

export const reportHandlers = {
  'report.totals': (input, ctx) => ({
    from: input.from ?? null,
    to: input.to ?? null,
    totals: ledgerTotals(ctx.db, input),
    factCount: countFacts(ctx.db, input),
  }),
  'report.overview': (input, ctx) => overviewReport(ctx, input),
  'report.explore': (input, ctx) => exploreReport(ctx, input),
  'report.facts': (input, ctx) => factsReport(ctx, input),
  'reconcile.report': (input, ctx) => reconcileReport(ctx.db, input),
} satisfies Partial<ApiHandlers<EngineContext>>;
