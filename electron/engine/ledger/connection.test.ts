import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../../../test/helpers/tmp';
import { assertNodeApi, LEDGER_PAGE_BYTES, openLedger } from './connection';
import type { WritableDb } from './db';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, type Migration } from './migrations';
import { EngineError } from '../errors';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('opening and migrating the ledger file', () => {
  it('creates a new ledger at the latest schema version with WAL and foreign keys on', () => {
    const dir = tempDir();
    const { db, schemaVersion, backupPath } = openLedger(join(dir, 'ledger.sqlite'));
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(backupPath).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['import_batches', 'settings', 'usage_facts']));
    db.close();
  });

  it('creates a new ledger file with 16 KiB pages, and opens an older one with its own page size unchanged', () => {
    const path = join(tempDir(), 'ledger.sqlite');
    const created = openLedger(path);
    expect(created.db.pragma('page_size', { simple: true })).toBe(LEDGER_PAGE_BYTES);
    expect(LEDGER_PAGE_BYTES).toBe(16_384);
    // A ledger from before, with SQLite's default 4 KiB pages (only a VACUUM outside WAL mode changes them).
    created.db.pragma('journal_mode = DELETE');
    created.db.pragma('page_size = 4096');
    created.db.exec('VACUUM');
    created.db.pragma('journal_mode = WAL');
    created.db.close();
    const older = openLedger(path);
    expect(older.db.pragma('page_size', { simple: true })).toBe(4096);
    expect(older.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(older.db.pragma('journal_mode', { simple: true })).toBe('wal');
    older.db.close();
  });

  it('refuses a file written by a newer app version, says so, and leaves the file byte-for-byte untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'newer.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE future_things (x INTEGER)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = sha(path);
    const filesBefore = readdirSync(dir).sort();
    let error: unknown;
    try {
      openLedger(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('DB_TOO_NEW');
    expect((error as EngineError).message).toContain(`written by a newer version of Token Ledger (schema ${LATEST_SCHEMA_VERSION + 5}`);
    expect((error as EngineError).message).toContain('the file was not changed');
    expect(sha(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });

  it('keeps a copy of a non-empty older file before migrating it, and the copy still opens at the old version', () => {
    const dir = tempDir();
    const path = join(dir, 'old.sqlite');
    const v1Only = MIGRATIONS.slice(0, 1);
    const first = new Database(path) as WritableDb;
    migrate(first, path, v1Only);
    first.exec("INSERT INTO settings (key, value) VALUES ('displayCurrency', '\"EUR\"')");
    first.close();
    const m2: Migration = {
      version: 2,
      name: 'test-extra-table',
      up: (db) => db.exec('CREATE TABLE extra (id INTEGER PRIMARY KEY)'),
    };
    const db = new Database(path) as WritableDb;
    const result = migrate(db, path, [...v1Only, m2]);
    expect(result.version).toBe(2);
    expect(result.backupPath).not.toBeNull();
    expect(existsSync(result.backupPath!)).toBe(true);
    expect(result.backupPath!).toMatch(/old\.sqlite\.v1-to-v2\..+\.bak$/);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
    const copy = new Database(result.backupPath!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'displayCurrency'").get()).toEqual({ value: '"EUR"' });
    expect(copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ n: 0 });
    copy.close();
  });

  it('runs all pending migrations in one transaction: a failing one leaves the file at its old version', () => {
    const dir = tempDir();
    const path = join(dir, 'partial.sqlite');
    const db = new Database(path) as WritableDb;
    const ok: Migration = { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') };
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (d) => {
        d.exec('CREATE TABLE b (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, path, [ok, bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('a', 'b')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('does not copy a brand-new empty file', () => {
    const dir = tempDir();
    openLedger(join(dir, 'fresh.sqlite')).db.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('refuses a file that is not a SQLite database with a clear error', async () => {
    const dir = tempDir();
    const path = join(dir, 'notes.sqlite');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'this is not a database, just some text that is long enough to have a header');
    expect(() => openLedger(path)).toThrow(/is not a Token Ledger database/);
  });

  it('each shipped migration has a unique, increasing version', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBe(1);
  });
});

describe('the Node-API guard', () => {
  it('throws a clear DB_UNAVAILABLE error instead of loading the driver on a Node without Node-API 10', () => {
    expect(() => assertNodeApi('9', 'v20.20.2')).toThrow(
      'This Node.js (v20.20.2, Node-API 9) cannot load the ledger database: better-sqlite3 needs Node-API 10 (Node.js 22.14 or newer).',
    );
    expect(() => assertNodeApi(undefined, 'v18.0.0')).toThrow(/Node-API unknown/);
    expect(() => assertNodeApi('10', 'v22.14.0')).not.toThrow();
  });
});
