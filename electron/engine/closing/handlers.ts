/** Handlers of the close noun (shared/contract/api/close.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { mutates } from '../hooks';
import { ledgerTotals } from '../reports/totals-store';
import { acceptHolds, closeMonth, closeState, discardHolds, reopenMonth } from './close-store';

export const closeHandlers = {
  'close.list': (_input, ctx) => closeState(ctx.db),
  'close.month': mutates('close', (input, ctx) => closeMonth(ctx, input.month)),
  'close.reopen': mutates('close', (input, ctx) => reopenMonth(ctx, input.month)),
  // Accepted facts count: what a budget has spent moves (the budget alerts run).
  'close.accept': mutates(
    'import',
    (input, ctx) => {
      const accepted = acceptHolds(ctx, input);
      return { accepted, state: closeState(ctx.db), totals: ledgerTotals(ctx.db, {}) };
    },
    (out) => out.accepted > 0,
  ),
  'close.discard': mutates(
    'close',
    (input, ctx) => ({ discarded: discardHolds(ctx, input), state: closeState(ctx.db) }),
    (out) => out.discarded > 0,
  ),
} satisfies Partial<ApiHandlers<EngineContext>>;
