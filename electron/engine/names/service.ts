/** Display names: set (only for an id the ledger holds), remove, list, and a dimension's values for autocomplete. */
import type { DisplayName, LedgerValue, NamedDimension } from '../../../shared/contract/api/names';
import type { EngineContext } from '../context';
import { saidError } from '../said-error';
import { deleteName, ledgerValues, listNames, upsertName, valueInLedger } from './store';

export function setName(ctx: EngineContext, n: DisplayName): DisplayName {
  // A name for an id no fact carries is almost always a typo of the id: say so instead of keeping it.
  if (!valueInLedger(ctx.db, n.dimension, n.value)) {
    throw saidError('NOT_FOUND', 'engine.error.noNameValue', { dimension: n.dimension, value: n.value });
  }
  upsertName(ctx.db, n, ctx.now());
  return n;
}

export function removeName(ctx: EngineContext, dimension: NamedDimension, value: string): { removed: boolean } {
  return { removed: deleteName(ctx.db, dimension, value) };
}

export function names(ctx: EngineContext, dimension?: NamedDimension): DisplayName[] {
  return listNames(ctx.db, dimension);
}

export function values(ctx: EngineContext, input: { dimension: string; search?: string | undefined; limit: number }): LedgerValue[] {
  return ledgerValues(ctx.db, input.dimension, input.search, input.limit);
}
