/** Handlers of the reconcile noun (shared/contract/api/reconcile.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { reconcileReport } from './reconcile';

export const reconcileHandlers = {
  'reconcile.report': (input, ctx) => reconcileReport(ctx.db, input),
} satisfies Partial<ApiHandlers<EngineContext>>;
