/** Handlers of the tips area (issue 7). */
import type { ApiHandlers } from '../../../shared/contract/client';
import { setTipDismissed } from '../db/repos/tips';
import type { EngineContext } from './context';
import { listTips, tipKpis } from './tips-service';

export const tipsHandlers = {
  'tips.list': (input, ctx) => listTips(ctx.db, input.period, ctx.now()),
  'tips.dismiss': (input, ctx) => {
    setTipDismissed(ctx.db, input.period, input.tipId, input.dismissed);
    ctx.emit('ledger.changed', { reason: 'settings' });
    return { period: input.period, tipId: input.tipId, dismissed: input.dismissed };
  },
  'tips.kpis': (input, ctx) => tipKpis(ctx.db, input, ctx.now()),
} satisfies Partial<ApiHandlers<EngineContext>>;
