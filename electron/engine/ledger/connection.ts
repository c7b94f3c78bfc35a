/**
 * Opening the ledger file (ledger/ is the ONLY folder that imports better-sqlite3): refuse a file written
 * by a newer app or by another application (checked read-only, so the file is left untouched), keep a
 * copy of a non-empty file before migrating it, open a ledger this user cannot write read-only, then WAL, foreign keys and a busy timeout; after migrating, the tables derived
 * from the facts are rebuilt by today's code.
 */
import { createRequire } from 'node:module';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { EngineError } from '../errors';
import { said, type Said } from '../../../shared/i18n/said';
import { ledgerError } from './ledger-error';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from './migrations';
import type { WritableDb } from './db';
import { rebuildDerived } from './derived';

/** better-sqlite3 13 is built on Node-API 10 (Node >= 22.14); on older Node it segfaults instead of failing. */
const REQUIRED_NAPI = 10;

type DatabaseCtor = typeof BetterSqlite3;
let ctor: DatabaseCtor | undefined;

/** Refuse, with a message a user can act on, a Node whose Node-API is too old for the driver. */
export function assertNodeApi(napiVersion: string | undefined, nodeVersion: string): void {
  const napi = Number(napiVersion ?? 0);
  if (!(napi >= REQUIRED_NAPI)) {
    throw ledgerError('DB_UNAVAILABLE', 'engine.error.ledger.nodeTooOld', { node: nodeVersion, napi: napi || 'unknown', required: REQUIRED_NAPI });
  }
}

function loadDriver(): DatabaseCtor {
  if (ctor) return ctor;
  assertNodeApi(process.versions.napi, process.version);
  const require = createRequire(import.meta.url);
  ctor = require('better-sqlite3') as DatabaseCtor;
  return ctor;
}

export interface OpenOptions {
  /** Called with the path of the copy kept before migrating a non-empty database. */
  onBackup?: (path: string) => void;
  /** SQLite's page cache for this connection, in KiB (default: SQLite's 2 MB). */
  cacheKb?: number;
  /**
   * Temporary storage in memory (temp_store): statement journals and temp tables. A large write wants it:
   * each multi-row INSERT of an import keeps the pages it changed (~130 KB for 100 facts) to undo that
   * statement alone, and on disk that journal spilled past 64 KB into a temp file, 267 MB of writes for
   * 200,000 facts, more than the ledger's own.
   */
  memoryTemp?: boolean;
  /** How long to wait for another connection's lock before answering BUSY (default BUSY_WAIT_MS). */
  busyMs?: number;
}

export interface OpenedLedger {
  db: WritableDb;
  path: string;
  schemaVersion: number;
  /** Path of the copy made before migrating, when one was made. */
  backupPath: string | null;
  /** This process cannot write the file or its folder: opened read-only (or as a copy in memory). */
  readOnly: boolean;
}

/** Whether this process may write `path` (a file, or a folder: WAL creates its -wal and -shm files there). */
function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A database image opened in memory (a private, writable copy). The header's WAL bytes are set back to
 * the rollback journal: a memory database has no WAL and refuses to open an image that asks for one.
 */
export function memoryCopy(image: Buffer): WritableDb {
  const Database = loadDriver();
  image[18] = 1;
  image[19] = 1;
  const db = new Database(image) as WritableDb;
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * How long an open, a read or a write waits for another connection's lock before it answers that the ledger is
 * busy: a write waits for another's commit; an open, for a large import that took the ledger for itself
 * (write-once.ts) or for a migration.
 */
const BUSY_WAIT_MS = 5000;

/** An error of SQLite's that another connection's lock refused (SQLITE_BUSY and its extended codes). */
export const isBusy = (err: unknown) => String((err as { code?: unknown } | null)?.code).startsWith('SQLITE_BUSY');
const busyError = (path: string) => ledgerError('BUSY', 'engine.error.busy', undefined, { path });

function notALedger(path: string, why: string | Said): EngineError {
  return ledgerError('DB_UNAVAILABLE', 'engine.error.ledger.notLedger', { path, why }, { path });
}

/**
 * Open an existing file read-only (writable only to roll back a write that was cut off) and check it is a
 * ledger this app can read. In a folder this user cannot write, SQLite cannot open a WAL database (it must
 * create the -shm file): the file is read into memory instead (it holds every committed change once no other
 * process has it open).
 */
function peekLedger(path: string, folderWritable: boolean, busyMs: number): { db: BetterSqlite3.Database; version: number } {
  const Database = loadDriver();
  let db: BetterSqlite3.Database;
  // A write cut off under the rollback journal (a large import that took the ledger, write-once.ts, killed) leaves its
  // journal: SQLite puts the file back from it at the first read, which a read-only connection cannot do.
  const journal = `${path}-journal`;
  const hot = existsSync(journal) && statSync(journal).size > 0;
  try {
    if (folderWritable) db = new Database(path, { readonly: !(hot && canWrite(path)), fileMustExist: true });
    else {
      for (const wal of [`${path}-wal`, journal]) {
        if (existsSync(wal) && statSync(wal).size > 0) {
          throw ledgerError('DB_UNAVAILABLE', 'engine.error.ledger.walInReadOnlyFolder', { path, wal }, { path });
        }
      }
      db = memoryCopy(readFileSync(path));
    }
  } catch (err) {
    if (err instanceof EngineError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw ledgerError('DB_UNAVAILABLE', 'engine.error.ledger.permissionDenied', { path }, { path });
    throw notALedger(path, (err as Error).message);
  }
  try {
    db.pragma(`busy_timeout = ${busyMs}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    // Every ledger has its facts table from its first version on: tables without it are another application's.
    // (A newer app's file is refused as such, below, whatever its tables.)
    if (version <= LATEST_SCHEMA_VERSION && tables.length > 0 && (version === 0 || !tables.includes('usage_facts'))) throw notALedger(path, said('engine.error.ledger.otherAppTables'));
    return { db, version };
  } catch (err) {
    db.close();
    if (err instanceof EngineError) throw err;
    if (isBusy(err)) throw busyError(path);
    if ((err as { code?: string }).code === 'SQLITE_READONLY_DIRECTORY') throw ledgerError('DB_UNAVAILABLE', 'engine.error.ledger.readOnlyFolder', { path }, { path });
    throw notALedger(path, (err as Error).message);
  }
}

/**
 * A new ledger file's page size. A ledger is written in large imports and read in scans (rollups, days of
 * facts): 16 KiB pages instead of SQLite's 4 KiB made the 1M-row OpenRouter import's inserts 13-16 % and
 * its commit (the WAL checkpoint: a quarter as many pages) 20-30 % faster, the file the same size; at 10M
 * facts the rollups' queries took as long or less, the scans of the facts less (docs/benchmarks.md).
 * A ledger created before keeps its 4 KiB pages (a WAL file's page size cannot change).
 */
export const LEDGER_PAGE_BYTES = 16_384;

/** Open (creating when missing) a ledger file, or ':memory:'. */
export function openLedger(path: string, opts: OpenOptions = {}): OpenedLedger {
  const Database = loadDriver();
  const busyMs = opts.busyMs ?? BUSY_WAIT_MS;
  if (path !== ':memory:' && existsSync(path) && statSync(path).size > 0) {
    const folderWritable = canWrite(dirname(path));
    const peek = peekLedger(path, folderWritable, busyMs);
    const version = peek.version;
    if (version > LATEST_SCHEMA_VERSION) {
      peek.db.close();
      throw ledgerError('DB_TOO_NEW', 'engine.error.ledger.tooNew', { path, version, latest: LATEST_SCHEMA_VERSION }, { path, fileVersion: version, appVersion: LATEST_SCHEMA_VERSION });
    }
    if (!folderWritable || !canWrite(path)) {
      if (version < LATEST_SCHEMA_VERSION) {
        peek.db.close();
        throw ledgerError('DB_UNAVAILABLE', 'engine.error.ledger.readOnlyOld', { path, version }, { path });
      }
      // Read-only: reads and previews work; dispatch refuses every method that writes.
      peek.db.pragma(`busy_timeout = ${busyMs}`);
      return { db: peek.db as WritableDb, path, schemaVersion: version, backupPath: null, readOnly: true };
    }
    peek.db.close();
  } else if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }
  const fresh = path !== ':memory:' && !(existsSync(path) && statSync(path).size > 0);
  const raw = new Database(path);
  try {
    // Only a file with nothing in it yet takes a page size; in WAL mode it is the file's for good.
    if (fresh) raw.pragma(`page_size = ${LEDGER_PAGE_BYTES}`);
    raw.pragma(`busy_timeout = ${busyMs}`);
    if (path !== ':memory:') raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    if (opts.cacheKb) raw.pragma(`cache_size = -${Math.floor(opts.cacheKb)}`);
    if (opts.memoryTemp) raw.pragma('temp_store = MEMORY');
    const db = raw as WritableDb;
    const { version, backupPath } = migrate(db, path, MIGRATIONS, rebuildDerived);
    if (backupPath) opts.onBackup?.(backupPath);
    return { db, path, schemaVersion: version, backupPath, readOnly: false };
  } catch (err) {
    raw.close();
    throw isBusy(err) ? busyError(path) : err;
  }
}
