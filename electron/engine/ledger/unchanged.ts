/**
 * Whether the ledger is still what it was, and answers kept for as long as it is.
 *
 * `ledgerStamp` changes whenever anything is committed to the ledger: this connection's row changes
 * (`total_changes()`, which also counts a write to a temporary table: a needless miss, never a stale hit) and
 * the version SQLite bumps for every other connection's commit (`PRAGMA data_version`: the CLI importing
 * while the window is open, the agents' watcher in the desktop app).
 *
 * `keptWhileUnchanged` keeps a computed value beside the stamp it was computed under and gives it back
 * while the stamp is the same: for what is a function of the ledger and the key alone (a month's figures in
 * a zone and currency), never of the clock. A window opened again, a return to a screen, or a second window
 * then gets it without reading the ledger again; any write sends the next call to the ledger. Kept values
 * are frozen (every caller shares them) and only the last few keys are kept.
 */
import type { ReadableDb } from './db';
import { preparedOnce } from './db';

export function ledgerStamp(db: ReadableDb): string {
  const own = preparedOnce(db, 'SELECT total_changes()', 'pluck').get() as number;
  const others = preparedOnce(db, 'PRAGMA data_version', 'pluck').get() as number;
  return `${own}/${others}`;
}

/** How many keys a connection keeps values for (the most recently computed). */
export const KEPT_KEYS = 8;

const keptByDb = new WeakMap<ReadableDb, Map<string, { stamp: string; value: unknown }>>();

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

export function keptWhileUnchanged<T>(db: ReadableDb, key: string, compute: () => T): T {
  let kept = keptByDb.get(db);
  if (!kept) keptByDb.set(db, (kept = new Map()));
  // The stamp before the reads: a write that lands while they run leaves the value stale, never kept as current.
  const stamp = ledgerStamp(db);
  const hit = kept.get(key);
  if (hit?.stamp === stamp) return hit.value as T;
  const value = deepFreeze(compute());
  kept.delete(key);
  kept.set(key, { stamp, value });
  if (kept.size > KEPT_KEYS) kept.delete(kept.keys().next().value!);
  return value;
}
