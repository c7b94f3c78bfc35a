/**
 * Work that follows every change of the ledger (import commit, undo, demo, price changes), run by
 * the engine before the host hears 'ledger.changed': e.g. budget alerts are evaluated here.
 * Register with one line in `LEDGER_CHANGE_HOOKS`. A hook must not throw for a user-facing reason;
 * what it throws is reported to the host as an error, never swallowed.
 *
 * A hook must not fix up what the change itself wrote: the change is committed before the hook runs, so a
 * crash in between would leave the fix undone. Imports price facts with the ledger's book and place them
 * in the user's vendor regions inside their own transaction (import-normalize.ts), and an undo does the
 * same for the rows it restores (import-history.ts).
 */
import type { ApiEvents } from '../../../shared/contract/events';
import type { EngineContext } from './context';
import { evaluateBudgetsAfterChange } from './budget-alerts';

export type LedgerChangeHook = (ctx: EngineContext, reason: ApiEvents['ledger.changed']['reason']) => void;

export const LEDGER_CHANGE_HOOKS: LedgerChangeHook[] = [evaluateBudgetsAfterChange];
