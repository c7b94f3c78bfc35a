/**
 * After an import: the import pipeline estimates with the built-in book (import-normalize.ts has no
 * ledger handle); when the ledger has user prices (overrides, custom models, loaded sources), the facts
 * the new batches wrote (new and revised ones) are re-priced with the ledger's book here, in one
 * transaction, before the host hears 'ledger.changed'.
 */
import { get, transaction } from '../db/connection';
import { readPriceState, writePriceState } from '../db/repos/prices';
import { sql } from '../db/sql';
import type { LedgerChangeHook } from './hooks';
import { hasUserPrices, priceBookFor } from './prices-book';
import { planRecompute, writeRecompute } from './prices-recompute';

const KEY = 'repriced_through_batch';

export const repriceImportedFacts: LedgerChangeHook = (ctx, reason) => {
  if (reason !== 'import' && reason !== 'demo') return;
  const last = get<{ id: number | null }>(ctx.db, sql`SELECT max(id) AS id FROM import_batches`)?.id ?? 0;
  const through = Number(readPriceState(ctx.db, KEY) ?? '0');
  if (last <= through) return;
  transaction(ctx.db, () => {
    if (hasUserPrices(ctx.db)) writeRecompute(ctx.db, planRecompute(ctx.db, priceBookFor(ctx.db), { afterBatch: through }));
    writePriceState(ctx.db, KEY, String(last));
  });
};
