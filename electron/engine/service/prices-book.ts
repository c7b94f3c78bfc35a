/**
 * The ledger's price book: the built-in book + loaded price sources + the user's overrides and custom
 * models, merged once per change of the user's side (cached on a signature of those tables).
 */
import { mergePriceOverrides, type PriceBook } from '../../../shared/domain/pricing/price-book';
import type { ReadableDb } from '../db/connection';
import { overridesForBook, sourceEntries, userBookSignature } from '../db/repos/prices';
import { builtinBook } from './pricing';

const cache = new WeakMap<ReadableDb, { sig: string; book: PriceBook }>();

/** Loaded sources are appended after the built-in entries (they win on equal dates), then overrides. */
export function composeBook(base: PriceBook, loaded: PriceBook['entries'], overrides: Parameters<typeof mergePriceOverrides>[1]): PriceBook {
  const withSources = loaded.length ? { ...base, entries: [...base.entries, ...loaded] } : base;
  return overrides.length ? mergePriceOverrides(withSources, overrides) : withSources;
}

export function priceBookFor(db: ReadableDb): PriceBook {
  const sig = userBookSignature(db);
  const hit = cache.get(db);
  if (hit && hit.sig === sig) return hit.book;
  const book = composeBook(builtinBook(), sourceEntries(db), overridesForBook(db));
  cache.set(db, { sig, book });
  return book;
}

/** True when the ledger's book differs from the built-in one (import-time estimates need a re-price). */
export function hasUserPrices(db: ReadableDb): boolean {
  return userBookSignature(db) !== '0:0:0/0:0:0';
}
