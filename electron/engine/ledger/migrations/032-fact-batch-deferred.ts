import type { Migration } from './types';

/**
 * A fact's batch (usage_facts.batch_id REFERENCES import_batches) is checked when the transaction commits
 * (DEFERRABLE INITIALLY DEFERRED) instead of at the end of each statement. A constraint a statement
 * checks at its end is one that statement may fail on after writing some of its rows, so SQLite keeps a
 * statement journal for it: the original of every page it changes, kept so that statement alone can be
 * undone. An import's multi-row INSERTs of facts (100 facts each, inside one transaction) paid that copy
 * for every page of the table and its five indexes they touched, and past 64 KB it spilled to a temp file:
 * 1M facts inserted with 100-row INSERTs, 3 alternated runs: 6.3-8.4 s with the immediate key, 4.7-5.6 s
 * deferred (with the insert's other constraints taken as OR IGNORE, fact-store.ts). A fact whose batch
 * does not exist still fails the import, at its commit. Frozen: the column's text as version 1 wrote it.
 */
const IMMEDIATE = 'batch_id        INTEGER NOT NULL REFERENCES import_batches(id),';
const DEFERRED = 'batch_id        INTEGER NOT NULL REFERENCES import_batches(id) DEFERRABLE INITIALLY DEFERRED,';

export const m032FactBatchDeferred: Migration = {
  version: 32,
  name: 'fact-batch-deferred',
  up(db) {
    const before = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'usage_facts'").pluck().get() as string;
    // Migration 1 wrote the column once; a table that read otherwise keeps its key as it is (immediate: slower, as strict).
    if (before.split(IMMEDIATE).length !== 2) return;
    const sql = before.replace(IMMEDIATE, DEFERRED);
    // The SQL parses before it becomes the table's: a table whose SQL does not parse is a ledger that does not open.
    db.exec(sql.replace(/^CREATE TABLE usage_facts\b/, 'CREATE TEMP TABLE usage_facts_m032'));
    db.exec('DROP TABLE temp.usage_facts_m032');
    const version = db.pragma('schema_version', { simple: true }) as number;
    // writable_schema is refused in better-sqlite3's defensive mode; left only here, for these three statements.
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'usage_facts'").run(sql);
      db.pragma(`schema_version = ${version + 1}`);
    } finally {
      db.pragma('writable_schema = OFF');
      db.unsafeMode(false);
    }
  },
};
