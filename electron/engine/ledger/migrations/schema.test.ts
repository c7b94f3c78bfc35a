/**
 * The schema the migrations build, checked against the committed snapshot (schema.snapshot.sql): an
 * empty file migrated to the latest version must have exactly these tables and indexes, with exactly
 * this SQL. A new migration changes the snapshot on purpose: regenerate it with
 * `TOKENLEDGER_WRITE_SCHEMA=1 npx vitest run --project node electron/engine/ledger/migrations/schema.test.ts`
 * and review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/helpers/tmp';
import { createEngine } from '../../index';
import { openLedger } from '../connection';
import type { ReadableDb } from '../db';

const SNAPSHOT = join(import.meta.dirname, 'schema.snapshot.sql');

/** sqlite_master as text: every table and index with its SQL, by type and name, and the schema version. */
function schemaDump(db: ReadableDb): string {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  const text = rows.map((r) => `-- ${r.type} ${r.name} on ${r.tbl_name}\n${r.sql ?? '(no sql)'};\n`).join('\n');
  return `-- user_version ${db.pragma('user_version', { simple: true })}\n\n` + text;
}

/** Every row of every table, by table, in rowid order. */
function dataDump(db: ReadableDb): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).join(', ');
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ${cols(t)}`).all()]));
}

describe('the ledger schema', () => {
  it('an empty file migrated to the latest version has exactly the committed schema', () => {
    const { db } = openLedger(join(tempDir(), 'empty.sqlite'));
    const dump = schemaDump(db);
    db.close();
    if (process.env.TOKENLEDGER_WRITE_SCHEMA === '1') writeFileSync(SNAPSHOT, dump);
    expect(dump).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });

  it('opening a ledger of the current version changes neither its schema nor any row', async () => {
    const path = join(tempDir(), 'current.sqlite');
    const engine = createEngine({ dbPath: path });
    await engine.dispatch('demo.load', {});
    const before = { schema: schemaDump(engine.ctx.db), data: dataDump(engine.ctx.db) };
    engine.close();
    const { db, backupPath } = openLedger(path);
    expect(backupPath).toBeNull();
    expect({ schema: schemaDump(db), data: dataDump(db) }).toEqual(before);
    db.close();
  });
});
