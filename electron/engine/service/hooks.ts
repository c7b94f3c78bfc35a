/**
 * Work that follows every change of the ledger (import commit, undo, demo, price changes), run by
 * the engine before the host hears 'ledger.changed': e.g. budget alerts are evaluated here.
 * Register with one line in `LEDGER_CHANGE_HOOKS`. A hook must not throw for a user-facing reason;
 * what it throws is reported to the host as an error, never swallowed.
 */
import type { ApiEvents } from '../../../shared/contract/events';
import type { EngineContext } from './context';
import { evaluateBudgetsAfterChange } from './budget-alerts';
import { repriceImportedFacts } from './prices-hooks';
import { applyUserVendorRegions } from './vendor-region-hooks';

export type LedgerChangeHook = (ctx: EngineContext, reason: ApiEvents['ledger.changed']['reason']) => void;

export const LEDGER_CHANGE_HOOKS: LedgerChangeHook[] = [applyUserVendorRegions, repriceImportedFacts, evaluateBudgetsAfterChange];
