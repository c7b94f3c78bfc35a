/**
 * Reading another program's SQLite file (a coding agent's store, e.g. opencode.db), never writing it.
 *
 * Why here and with better-sqlite3: besides ledger/, only this file may load the driver, and it is the driver the app
 * already ships and loads in Node, Electron and the parser worker alike (Node's built-in node:sqlite is
 * still experimental: it prints a warning on every CLI run, and Electron's build of it is not one we
 * test here).
 *
 * The agent may be running while we read: its database is then in WAL mode with a live `-wal` file
 * beside it. That case is opened in place, read-only (SQLite's own locking gives a consistent snapshot
 * that includes what is still in the WAL; a busy agent only delays us by the busy timeout). Without a
 * live `-wal` file, SQLite would CREATE `-wal`/`-shm` files next to a WAL-mode database even for a
 * read-only connection (and leave them there), so the file is copied to a private temporary folder and
 * the copy is read instead: nothing ever appears beside the user's file, and memory stays flat.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

export interface ForeignDb {
  /** Rows one at a time (a large store is never held whole). */
  iterate<T = Record<string, unknown>>(sql: string, ...params: unknown[]): IterableIterator<T>;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** The names of its tables. */
  tables(): Set<string>;
  close(): void;
}

const BUSY_TIMEOUT_MS = 5_000;

/** The driver the ledger already loaded (opening the ledger checked this Node can run it). */
function driver(): typeof BetterSqlite3 {
  return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
}

/** Open `path` read-only (or a private copy of it, see above). Throws when it is not a SQLite database. */
export function openForeignDb(path: string): ForeignDb {
  const Database = driver();
  let copyDir: string | null = null;
  let file = path;
  if (!existsSync(`${path}-wal`)) {
    copyDir = mkdtempSync(join(tmpdir(), 'tokenledger-foreign-'));
    file = join(copyDir, 'copy.db');
    copyFileSync(path, file);
  }
  let db: BetterSqlite3.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    db.pragma('query_only = ON');
    // Reading the schema fails here, not later, when the file is not a database.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
    throw err;
  }
  return {
    iterate: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).iterate(...params) as IterableIterator<T>,
    all: <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[],
    tables: () => new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]),
    close() {
      db.close();
      if (copyDir) rmSync(copyDir, { recursive: true, force: true });
    },
  };
}
