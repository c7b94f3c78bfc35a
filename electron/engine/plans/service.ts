/** Plan settings: saving one recounts every derived figure of the tool's days in the same transaction. */
import type { UsagePlans } from '../../../shared/contract/api/plans';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import type { EngineContext } from '../context';
import { saidError } from '../said-error';
import { transaction } from '../ledger/db';
import { refreshDerived } from '../ledger/derived';
import { listPlanSettings, planTools, putPlan, toolDays, toolInLedger } from './store';

export function usagePlans(ctx: EngineContext): UsagePlans {
  return { settings: listPlanSettings(ctx.db), tools: planTools(ctx.db) };
}

export function setUsagePlan(ctx: EngineContext, input: MethodParsedInput<'plans.set'>): UsagePlans {
  const account = input.account ?? null;
  // A typo must not create a setting that never applies.
  if (!toolInLedger(ctx.db, input.tool, account)) {
    throw account === null ? saidError('NOT_FOUND', 'engine.error.noToolUsage', { tool: input.tool }) : saidError('NOT_FOUND', 'engine.error.noToolUsageForAccount', { tool: input.tool, account });
  }
  transaction(ctx.db, () => {
    if (putPlan(ctx.db, input.tool, account, input.plan, ctx.now())) refreshDerived(ctx.db, toolDays(ctx.db, input.tool, account));
  });
  return usagePlans(ctx);
}
