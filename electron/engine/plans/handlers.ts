/** Handlers of the plans noun (shared/contract/api/plans.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { mutates } from '../hooks';
import { setUsagePlan, usagePlans } from './service';

export const plansHandlers = {
  'plans.list': (_input, ctx) => usagePlans(ctx),
  // What a budget has spent moves with a plan: the budget alerts run, then the host reloads.
  'plans.set': mutates('plans', (input, ctx) => setUsagePlan(ctx, input)),
} satisfies Partial<ApiHandlers<EngineContext>>;
