/**
 * A large import's writes, to a ledger no other connection has open, put once into the file instead of
 * twice. In WAL mode (connection.ts) every page a transaction writes goes to the -wal file first and is
 * copied into the ledger by the checkpoint at its commit: the 1M-row OpenRouter export writes its 561 MB
 * twice (in this machine's VM, copying pages into the page cache was 12 % of the inserting thread's CPU
 * in the checkpoint alone). Under SQLite's rollback journal a transaction writes its new pages straight
 * into the file and journals only the pages it overwrites (none in a new ledger): the same commit took
 * 0.28-0.41 s instead of 2.65-2.91 s, and a 1M-row export appended to a ledger already holding 1M facts
 * of the same days 16.9-18.7 s instead of 22.3-25.3 s (docs/benchmarks.md).
 *
 * SQLite leaves WAL mode only for a connection alone on the file (any other connection, in any process,
 * makes it refuse at once: nothing is waited for). While the rollback journal is in use, the journal is
 * synced before any page of the ledger is overwritten (synchronous = FULL: a crash or a power cut leaves
 * the ledger as before the import, its journal rolled back at the next open), and another process that
 * opens the ledger waits for the import (its busy timeout) instead of reading the ledger as it was.
 */
import { isBusy } from './connection';
import type { WritableDb } from './db';

/**
 * Put `db` (alone on its file, outside any transaction) under the rollback journal until `restore()`; null, at
 * once, when another connection has the file open.
 */
export function writeOnce(db: WritableDb, cacheKb: number): { restore(): void } | null {
  const waits = db.pragma('busy_timeout', { simple: true }) as number;
  let mode: unknown;
  db.pragma('busy_timeout = 0');
  try {
    mode = db.pragma('journal_mode = DELETE', { simple: true });
  } catch (err) {
    if (isBusy(err)) return null;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${waits}`);
  }
  if (mode !== 'delete') return null;
  const [synchronous, cache] = [db.pragma('synchronous', { simple: true }) as number, db.pragma('cache_size', { simple: true }) as number];
  db.pragma('synchronous = FULL');
  db.pragma(`cache_size = -${Math.floor(cacheKb)}`);
  return {
    restore() {
      db.pragma(`cache_size = ${cache}`);
      db.pragma(`synchronous = ${synchronous}`);
      // Back to WAL. Refused only while another process, which waited for the import, now reads it: that
      // process's own open has set WAL already, or the next open does.
      try {
        db.pragma('journal_mode = WAL');
      } catch (err) {
        if (!isBusy(err)) throw err;
      }
    },
  };
}
