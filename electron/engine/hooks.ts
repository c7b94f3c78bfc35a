/**
 * What follows a change of the ledger, declared where each handler is registered: a method that changes
 * the ledger is wrapped in `mutates(reason, handler)`. When the handler has finished (and its transaction
 * committed), the ledger-change hooks that care about that reason run, once, then the host hears
 * 'ledger.changed' once. No handler emits 'ledger.changed' itself.
 *
 * A hook must not fix up what the change itself wrote: the change is committed before the hook runs, so a
 * crash in between would leave the fix undone. (Imports price facts with the ledger's book and place them
 * in the user's vendor regions inside their own transaction; an undo does the same for the rows it restores.)
 * A hook must not throw for a user-facing reason; what it throws is reported to the caller as an error,
 * never swallowed.
 */
import type { LedgerChangeReason } from '../../shared/contract/events';
import { evaluateAllBudgets } from './budgets/alerts';
import type { EngineContext } from './context';

export interface LedgerChangeHook {
  name: string;
  /** The reasons it runs for. */
  on: readonly LedgerChangeReason[];
  run(ctx: EngineContext, reason: LedgerChangeReason): void;
}

/** Changes that move what a budget has spent: its facts, their estimates and regions, FX rates, a plan, or a display name (the ids a project's budget counts). */
const SPEND_CHANGES: readonly LedgerChangeReason[] = ['import', 'undo', 'demo', 'restore', 'prices', 'vendors', 'fx', 'plans', 'team', 'names'];

/** Register a hook with one entry here. */
export const LEDGER_CHANGE_HOOKS: readonly LedgerChangeHook[] = [
  // A saved budget is evaluated by its own handler (budgets/handlers.ts), so 'budgets' is not here.
  { name: 'budget alerts', on: SPEND_CHANGES, run: (ctx) => void evaluateAllBudgets(ctx) },
];

/** Run the hooks for one change, then tell the host. */
export function ledgerChanged(ctx: EngineContext, reason: LedgerChangeReason): void {
  for (const hook of LEDGER_CHANGE_HOOKS) if (hook.on.includes(reason)) hook.run(ctx, reason);
  ctx.emit('ledger.changed', { reason });
}

/**
 * A handler that changes the ledger. `changed(output, input)` says whether this call did (a dry run or a
 * call that found nothing to change did not); by default every call did.
 */
export function mutates<I, O>(
  reason: LedgerChangeReason,
  handler: (input: I, ctx: EngineContext) => O | Promise<O>,
  changed: (output: O, input: I) => boolean = () => true,
): (input: I, ctx: EngineContext) => Promise<O> {
  const wrapped = async (input: I, ctx: EngineContext): Promise<O> => {
    const output = await handler(input, ctx);
    if (changed(output, input)) ledgerChanged(ctx, reason);
    return output;
  };
  return Object.assign(wrapped, { mutates: reason });
}

/** A handler that writes to the ledger file without changing what the ledger reports (alerts read, a budget evaluated). */
export function writes<I, O>(handler: (input: I, ctx: EngineContext) => O | Promise<O>): (input: I, ctx: EngineContext) => O | Promise<O> {
  return Object.assign((input: I, ctx: EngineContext) => handler(input, ctx), { writes: true as const });
}

export { isWriter } from './handler-kinds';
