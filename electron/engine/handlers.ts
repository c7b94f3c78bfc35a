/**
 * Every contract method's handler, gathered from each feature's handlers.ts. `satisfies ApiHandlers` makes
 * a missing or mistyped handler a compile error. Handlers receive input already validated by dispatch();
 * what follows a change of the ledger is declared on the handler itself (`mutates`, hooks.ts).
 */
import type { ApiHandlers } from '../../shared/contract/client';
import { appHandlers } from './app/handlers';
import { budgetHandlers } from './budgets/handlers';
import { closeHandlers } from './closing/handlers';
import type { EngineContext } from './context';
import { exportHandlers } from './export/handlers';
import { agentHandlers } from './imports/agent-handlers';
import { importHandlers } from './imports/handlers';
import { mappingHandlers } from './imports/mappings/handlers';
import { namesHandlers } from './names/handlers';
import { plansHandlers } from './plans/handlers';
import { pricingHandlers } from './pricing/handlers';
import { agentViewHandlers } from './reports/agent-view-handlers';
import { reportHandlers } from './reports/handlers';
import { teamHandlers } from './team/handlers';
import { tipsHandlers } from './tips/handlers';

export const handlers = {
  ...appHandlers,
  ...importHandlers,
  ...agentHandlers,
  ...mappingHandlers,
  ...reportHandlers,
  ...pricingHandlers,
  ...budgetHandlers,
  ...tipsHandlers,
  ...namesHandlers,
  ...teamHandlers,
  ...plansHandlers,
  ...agentViewHandlers,
  ...exportHandlers,
  ...closeHandlers,
} satisfies ApiHandlers<EngineContext>;
