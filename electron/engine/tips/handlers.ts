/** Handlers of the tips noun (shared/contract/api/tips.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { mutates } from '../hooks';
import { listTips, tipKpis } from './service';
import { setTipDismissed } from './store';

export const tipsHandlers = {
  'tips.list': (input, ctx) => listTips(ctx.db, input.period, ctx.now()),
  'tips.dismiss': mutates('settings', (input, ctx) => {
    setTipDismissed(ctx.db, input.period, input.tipId, input.dismissed, ctx.now());
    return { period: input.period, tipId: input.tipId, dismissed: input.dismissed };
  }),
  'tips.kpis': (input, ctx) => tipKpis(ctx.db, input, ctx.now()),
} satisfies Partial<ApiHandlers<EngineContext>>;
