/** Handlers of the report noun (shared/contract/api/report.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { factsReport } from './facts';
import { exploreReport } from './views';
import { countFacts, ledgerTotals } from './totals-store';

export const reportHandlers = {
  'report.totals': (input, ctx) => ({
    from: input.from ?? null,
    to: input.to ?? null,
    totals: ledgerTotals(ctx.db, input),
    factCount: countFacts(ctx.db, input),
  }),
  // The Overview's forecast loads the budgets' code: only when the Overview is asked for.
  'report.overview': async (input, ctx) => (await import('./overview')).overviewReport(ctx, input),
  'report.overviewRest': async (input, ctx) => (await import('./overview')).overviewRest(ctx, input),
  'report.explore': (input, ctx) => exploreReport(ctx, input),
  'report.facts': (input, ctx) => factsReport(ctx, input),
} satisfies Partial<ApiHandlers<EngineContext>>;
