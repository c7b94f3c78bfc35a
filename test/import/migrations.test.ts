/**
 * The import pipeline's migrations, each tested from a file at the version before it (the style of
 * electron/engine/db/migrations.test.ts): 002 (import history) and 007 (fact claims).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../helpers/tmp';
import type { WritableDb } from '../../electron/engine/db/connection';
import { MIGRATIONS, migrate } from '../../electron/engine/db/migrations';
import { createEngine } from '../../electron/engine';
import { fixture } from './helpers';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

const columns = (db: WritableDb, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
const indexes = (db: WritableDb, table: string) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all(table) as string[]);

function fileAt(version: number): { path: string; db: WritableDb } {
  const path = join(tempDir(), `v${version}.sqlite`);
  const db = new Database(path) as WritableDb;
  migrate(db, path, MIGRATIONS.filter((m) => m.version <= version));
  db.exec(`
    INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 1756684800000, 'old.csv', 'abc', 'openrouter-activity-csv');
    INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, input, output, requests, billed_nano, billed_currency)
      VALUES (7, 1, 'openrouter-activity-csv', 'or-gen:old', 1756684800000, 1756684800001, '2025-09-01', 'request', 'openrouter', 100, 20, 1, 5000000, 'USD');
  `);
  return { path, db };
}

describe('migration 002: import history', () => {
  it('adds provider, grain and import id to batches (empty for old ones), and the history and coverage tables, keeping every fact', () => {
    const { path, db } = fileAt(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const result = migrate(db, path, MIGRATIONS.filter((m) => m.version <= 2));
    expect(result.version).toBe(2);
    expect(result.backupPath).not.toBeNull();
    expect(columns(db, 'import_batches')).toEqual(expect.arrayContaining(['provider', 'grain', 'import_id']));
    expect(db.prepare('SELECT provider, grain, import_id, status FROM import_batches WHERE id = 1').get()).toEqual({ provider: null, grain: null, import_id: null, status: 'committed' });
    // fact_history mirrors usage_facts column for column (plus the revising batch): the checklist in 002.
    expect(columns(db, 'fact_history')).toEqual(['revised_by_batch_id', ...columns(db, 'usage_facts')]);
    expect(columns(db, 'token_supersessions')).toEqual(['superseding_batch_id', 'fact_id', 'created_by_batch_id']);
    expect(indexes(db, 'usage_facts')).toContain('usage_facts_coverage');
    expect(db.prepare('SELECT id, identity, input, billed_nano, counts_tokens FROM usage_facts').all()).toEqual([
      { id: 7, identity: 'or-gen:old', input: 100, billed_nano: 5000000, counts_tokens: 1 },
    ]);
    db.close();
  });
});

describe('migration 007: fact claims', () => {
  it('adds the claims table and swaps the batch index for (batch, day), keeping every fact; the ledger then imports and undoes', async () => {
    const { path, db } = fileAt(6);
    expect(indexes(db, 'usage_facts')).toContain('usage_facts_batch');
    const result = migrate(db, path, MIGRATIONS.filter((m) => m.version <= 7));
    expect(result.version).toBe(7);
    expect(columns(db, 'fact_claims')).toEqual(['fact_id', 'batch_id', 'source_line']);
    expect(indexes(db, 'fact_claims')).toEqual(['fact_claims_batch']);
    const factIndexes = indexes(db, 'usage_facts');
    expect(factIndexes).toContain('usage_facts_batch_day');
    expect(factIndexes).not.toContain('usage_facts_batch');
    expect(db.prepare('SELECT id, batch_id, identity FROM usage_facts').all()).toEqual([{ id: 7, batch_id: 1, identity: 'or-gen:old' }]);
    db.close();

    // The migrated file is a working ledger: a new import claims nothing it does not contain, undo keeps the old fact.
    const engine = createEngine({ dbPath: path });
    try {
      const r = await engine.dispatch('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
      expect(r.ok).toBe(true);
      const batchId = r.ok ? (r.value as { files: Array<{ batchId: number }> }).files[0]!.batchId : 0;
      const undone = await engine.dispatch('imports.undo', { batchId });
      expect(undone.ok).toBe(true);
      expect(engine.ctx.db.prepare('SELECT id, batch_id FROM usage_facts').all()).toEqual([{ id: 7, batch_id: 1 }]);
      expect(engine.ctx.db.prepare('SELECT count(*) FROM fact_claims').pluck().get()).toBe(0);
    } finally {
      engine.close();
    }
  });
});
