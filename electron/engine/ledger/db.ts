/**
 * The ledger's database handles and the thin query helpers over the `sql` template. Read paths get a
 * `ReadableDb`, write paths a `WritableDb`: a function that only takes a ReadableDb cannot write by mistake.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { SqlQuery, SqlValue } from './sql';

/** A prepared statement, for stores that keep their own per connection. */
export type { Statement };

declare const readable: unique symbol;
declare const writable: unique symbol;
export type ReadableDb = BetterSqlite3.Database & { readonly [readable]: true };
export type WritableDb = ReadableDb & { readonly [writable]: true };

/** Run `fn` in one IMMEDIATE transaction: all or nothing. */
export function transaction<T>(db: WritableDb, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * A write transaction that spans awaits (an import streams its file between statements), where
 * `transaction` cannot: BEGIN IMMEDIATE now, then exactly one of commit() or rollback() (a no-op when
 * SQLite already rolled back).
 */
export function beginWrite(db: WritableDb): { commit(): void; rollback(): void } {
  db.exec('BEGIN IMMEDIATE');
  return {
    commit: () => db.exec('COMMIT'),
    rollback: () => {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
  };
}

/** The rows of a read, its statement kept per connection and text (reads), as a run keeps its own (preparedOnce). */
export function all<T>(db: ReadableDb, q: SqlQuery): T[] {
  return kept(reads, db, q.text, 'rows').all(...(q.params as SqlValue[])) as T[];
}

/** Like all(), with INTEGER columns as bigint: for money sums, which can pass 2^53 nano-units. */
export function allBig<T>(db: ReadableDb, q: SqlQuery): T[] {
  return kept(reads, db, q.text, 'big').all(...(q.params as SqlValue[])) as T[];
}

/** Like allBig(), one row at a time: for a pass over many facts without holding them all. */
export function iterateBig<T>(db: ReadableDb, q: SqlQuery): IterableIterator<T> {
  return db
    .prepare(q.text)
    .safeIntegers(true)
    .iterate(...(q.params as SqlValue[])) as IterableIterator<T>;
}

export function get<T>(db: ReadableDb, q: SqlQuery): T | undefined {
  return kept(reads, db, q.text, 'rows').get(...(q.params as SqlValue[])) as T | undefined;
}

export function run(db: WritableDb, q: SqlQuery): BetterSqlite3.RunResult {
  return db.prepare(q.text).run(...(q.params as SqlValue[]));
}

/** Statements kept per connection and text, for writes repeated many times in one import (a few days at a time). */
const prepared = new WeakMap<ReadableDb, Map<string, Statement>>();
/**
 * The reads' own (all, allBig, get), apart so they never push an import's out: the Overview's ~20 statements
 * cost ~3 ms a call to prepare at 10M facts (the report model's CASE ~0.5 ms each), paid once per connection.
 */
const reads = new WeakMap<ReadableDb, Map<string, Statement>>();
const PREPARED_PER_CONNECTION = 128;

function kept(cache: WeakMap<ReadableDb, Map<string, Statement>>, db: ReadableDb, text: string, mode: 'rows' | 'pluck' | 'big'): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  const key = mode === 'rows' ? text : `${mode}:${text}`;
  let st = m.get(key);
  if (!st) {
    if (m.size >= PREPARED_PER_CONNECTION) m.clear();
    st = db.prepare(text);
    if (mode === 'pluck') st.pluck();
    if (mode === 'big') st.safeIntegers(true);
    m.set(key, st);
  }
  return st;
}

/**
 * The statement of this text, prepared once per connection (a statement of the import's per-file work
 * costs ~0.5 ms to prepare, paid again for each of hundreds of files otherwise). Its mode is part of
 * the key: a plucking caller and a row-reading caller of the same text get two statements, so neither
 * changes the other's (call no mode setter on the returned statement).
 */
export function preparedOnce(db: ReadableDb, text: string, mode: 'rows' | 'pluck' = 'rows'): Statement {
  return kept(prepared, db, text, mode);
}

/** run(), with the statement prepared once per connection and text. */
export function runPrepared(db: WritableDb, q: SqlQuery): BetterSqlite3.RunResult {
  return preparedOnce(db, q.text).run(...(q.params as SqlValue[]));
}
