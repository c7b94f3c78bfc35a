/**
 * One handler per contract method, gathered from each area's file. `satisfies ApiHandlers` makes a
 * missing or mistyped handler a compile error. Handlers receive input already validated by dispatch().
 */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from './context';
import { appHandlers } from './app-handlers';
import { importHandlers } from './import-handlers';
import { formatsHandlers } from './formats-handlers';
import { reportHandlers } from './report-handlers';
import { pricesHandlers } from './prices-handlers';
import { budgetHandlers } from './budget-handlers';
import { tipsHandlers } from './tips-handlers';
import { mappingHandlers } from './mapping-handlers';

export const handlers = {
  ...appHandlers,
  ...importHandlers,
  ...formatsHandlers,
  ...reportHandlers,
  ...pricesHandlers,
  ...budgetHandlers,
  ...tipsHandlers,
  ...mappingHandlers,
} satisfies ApiHandlers<EngineContext>;
