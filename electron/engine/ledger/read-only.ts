/**
 * A ledger opened only to read, and at once: the status line's connection. Nothing is checked or changed
 * beyond the schema version: a file this app would have to migrate, one it cannot open read-only, or one
 * that is not a ledger answers null, and the caller takes the engine's full path (which migrates, opens a
 * read-only folder's file from memory, or explains what is wrong).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { ReadableDb } from './db';
import { LATEST_SCHEMA_VERSION } from './migrations';

/** better-sqlite3 13 needs Node-API 10; on an older Node the full path gives the error a user can act on. */
const REQUIRED_NAPI = 10;

export function openCurrentLedgerToRead(path: string): ReadableDb | null {
  if (!existsSync(path) || !(Number(process.versions.napi ?? 0) >= REQUIRED_NAPI)) return null;
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
  try {
    if (db.pragma('user_version', { simple: true }) === LATEST_SCHEMA_VERSION) {
      db.pragma('busy_timeout = 5000');
      return db as ReadableDb;
    }
  } catch {
    // Not a database, or not readable: the full path says which.
  }
  db.close();
  return null;
}
