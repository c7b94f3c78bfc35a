/**
 * Opening the ledger file (ledger/ is the ONLY folder that imports better-sqlite3): refuse a file written
 * by a newer app (checked read-only, so the file is left untouched), keep a copy of a non-empty file
 * before migrating it, then WAL, foreign keys and a busy timeout; after migrating, the tables derived
 * from the facts are rebuilt by today's code.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { EngineError } from '../errors';
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
    throw new EngineError(
      'DB_UNAVAILABLE',
      `This Node.js (${nodeVersion}, Node-API ${napi || 'unknown'}) cannot load the ledger database: ` +
        `better-sqlite3 needs Node-API ${REQUIRED_NAPI} (Node.js 22.14 or newer). ` +
        'Run through npm scripts or npx, which use the Node 22 that npm installed, or install Node 22.14+.',
    );
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
}

export interface OpenedLedger {
  db: WritableDb;
  path: string;
  schemaVersion: number;
  /** Path of the copy made before migrating, when one was made. */
  backupPath: string | null;
}

/** Open (creating when missing) a ledger file, or ':memory:'. */
export function openLedger(path: string, opts: OpenOptions = {}): OpenedLedger {
  const Database = loadDriver();
  if (path !== ':memory:' && existsSync(path)) {
    // Read-only peek: a database from a newer app must be refused without touching the file.
    const peek = new Database(path, { readonly: true, fileMustExist: true });
    let version: number;
    try {
      version = peek.pragma('user_version', { simple: true }) as number;
    } catch (err) {
      peek.close();
      throw new EngineError('DB_UNAVAILABLE', `${path} is not a Token Ledger database: ${(err as Error).message}`);
    }
    peek.close();
    if (version > LATEST_SCHEMA_VERSION) {
      throw new EngineError(
        'DB_TOO_NEW',
        `${path} was written by a newer version of Token Ledger (schema ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}). ` +
          'Update the app to open it; the file was not changed.',
        { path, fileVersion: version, appVersion: LATEST_SCHEMA_VERSION },
      );
    }
  } else if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }
  const raw = new Database(path);
  try {
    if (path !== ':memory:') raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('synchronous = NORMAL');
    if (opts.cacheKb) raw.pragma(`cache_size = -${Math.floor(opts.cacheKb)}`);
    const db = raw as WritableDb;
    const { version, backupPath } = migrate(db, path, MIGRATIONS, rebuildDerived);
    if (backupPath) opts.onBackup?.(backupPath);
    return { db, path, schemaVersion: version, backupPath };
  } catch (err) {
    raw.close();
    throw err;
  }
}
