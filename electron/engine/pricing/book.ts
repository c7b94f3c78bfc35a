/**
 * The ledger's price book: the built-in book + loaded price sources + the user's overrides and custom
 * models (composeBook), merged once per change of the user's side (cached on a signature of those tables).
 */
import { builtinBook, composeBook } from '../../../shared/domain/pricing/price-fact';
import type { PriceBook } from '../../../shared/domain/pricing/price-book';
import type { ReadableDb } from '../ledger/db';
import { overridesForBook, sourceEntries, userBookSignature } from './store';

const cache = new WeakMap<ReadableDb, { sig: string; book: PriceBook }>();

export function priceBookFor(db: ReadableDb): PriceBook {
  const sig = userBookSignature(db);
  const hit = cache.get(db);
  if (hit && hit.sig === sig) return hit.book;
  const book = composeBook(builtinBook(), sourceEntries(db), overridesForBook(db));
  cache.set(db, { sig, book });
  return book;
}
