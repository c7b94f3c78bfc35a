/**
 * A chunk's facts go in with INSERT OR IGNORE (fact-store.ts: no statement journal), so a fact a constraint
 * refuses is left out by its statement instead of failing it. It must still fail the import with that
 * constraint's own message, whether the chunk is inserted first (a first import) or looked up first (its
 * first fact stored), and a chunk repeating an identity must fail as the UNIQUE index says; inside the
 * import's transaction nothing of the chunk stays.
 */
import { describe, expect, it } from 'vitest';
import { all, run, type WritableDb } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { classifyChunk, emptyCounts, type FileTally } from '../../electron/engine/imports/classify';
import { emptyCoverageSides } from '../../electron/engine/imports/coverage-store';
import { DimCoder, DimRegistry } from '../../electron/engine/imports/fact-dims';
import type { FactRows } from '../../electron/engine/imports/fact-rows';
import { factWriter } from '../../electron/engine/imports/fact-store';
import type { Importer } from '../../electron/engine/importers/types';
import { testEngine } from '../helpers/engine';
import { FACT_ROW_BASE, rowsOf, type FactRow } from './helpers';

const START = Date.parse('2025-09-08T10:00:00Z');

function fact(n: number, change: FactRow = {}): FactRow {
  return {
    ...FACT_ROW_BASE,
    identity: `gen-${n}`,
    source_line: n + 2,
    start_ms: START + n * 1000,
    end_ms: START + n * 1000 + 1,
    model_raw: `model-${n % 3}`,
    api_key: `key-${n % 4}`,
    input: 100 + n,
    billed_nano: BigInt(1000 + n),
    billed_currency: 'USD',
    ...change,
  };
}

/** The chunk with its varying text numbered as tuples, as the parser worker sends it (fact-dims.ts): the INSERT joins them. */
function codedRowsOf(facts: readonly FactRow[]): FactRows {
  const rows = rowsOf(facts);
  new DimCoder(`run-${facts.length}-${String(facts[0]?.identity)}`).code(rows);
  new DimRegistry().take(rows);
  expect(rows.dims).toBeDefined();
  return rows;
}

function ledger(): WritableDb {
  const db = testEngine().engine.ctx.db;
  run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.csv', 'x', 'crafted'), (2, 0, 'b.csv', 'y', 'crafted')`);
  return db;
}

function tally(): FileTally {
  return { counts: emptyCounts(), sample: [], providers: new Set(), sides: emptyCoverageSides(), newFactDay: () => {}, touched: () => {} };
}

/** Classify the chunk as batch `batchId`'s in a transaction of its own; answers its counts. */
function classify(db: WritableDb, batchId: number, rows: FactRows) {
  const t = tally();
  db.transaction(() => classifyChunk(db, rows, { importer: { id: 'crafted' } as Importer, batchId, writer: factWriter(db, batchId, 'crafted'), tally: t }))();
  return t.counts;
}

const identities = (db: WritableDb) => all<{ identity: string }>(db, sql`SELECT identity FROM usage_facts ORDER BY id`).map((r) => r.identity);

describe('facts a constraint refuses in a chunk inserted with OR IGNORE', () => {
  it('fail a first import with the constraint that refused them, and leave nothing of the chunk', () => {
    const db = ledger();
    const facts = Array.from({ length: 150 }, (_, n) => fact(n));
    facts[120] = fact(120, { granularity: 'week' });
    expect(() => classify(db, 1, rowsOf(facts))).toThrow('CHECK constraint failed: usage_facts_granularity');
    expect(identities(db)).toEqual([]);
    facts[120] = fact(120, { reasoning: 60 });
    expect(() => classify(db, 1, rowsOf(facts))).toThrow(/CHECK constraint failed: reasoning >= 0 AND reasoning <= output/);
    facts[120] = fact(120, { provider: null });
    expect(() => classify(db, 1, rowsOf(facts))).toThrow('NOT NULL constraint failed: usage_facts.provider');
    expect(identities(db)).toEqual([]);
    // The same through numbered tuples.
    facts[120] = fact(120, { granularity: 'week' });
    expect(() => classify(db, 1, codedRowsOf(facts))).toThrow('CHECK constraint failed: usage_facts_granularity');
    expect(identities(db)).toEqual([]);
    facts[120] = fact(120);
    expect(classify(db, 1, rowsOf(facts))).toMatchObject({ new: 150, duplicate: 0 });
    expect(identities(db)).toHaveLength(150);
  });

  it('fail a chunk beside stored facts, inserted first or looked up first', () => {
    const db = ledger();
    expect(classify(db, 1, rowsOf(Array.from({ length: 100 }, (_, n) => fact(n))))).toMatchObject({ new: 100 });
    // Inserted first (its first fact is new): 50 stored facts left out, 100 new ones, one refused.
    const later = Array.from({ length: 150 }, (_, n) => fact(n + 50));
    later[140] = fact(190, { line_type: 'Usage' });
    expect(() => classify(db, 2, rowsOf(later))).toThrow('CHECK constraint failed: usage_facts_line_type');
    // Looked up first (its first fact is stored).
    const again = Array.from({ length: 150 }, (_, n) => fact(n));
    again[130] = fact(130, { origin_region: 'us' });
    expect(() => classify(db, 2, rowsOf(again))).toThrow('CHECK constraint failed: usage_facts_origin_region');
    expect(() => classify(db, 2, codedRowsOf(again))).toThrow('CHECK constraint failed: usage_facts_origin_region');
    expect(identities(db)).toEqual(Array.from({ length: 100 }, (_, n) => `gen-${n}`));
    // The same chunks without the refused facts: what is stored is a duplicate, the rest new.
    later[140] = fact(190);
    expect(classify(db, 2, rowsOf(later))).toMatchObject({ new: 100, duplicate: 50 });
  });

  it('fail a chunk that repeats an identity as the UNIQUE index says', () => {
    const db = ledger();
    const facts = Array.from({ length: 150 }, (_, n) => fact(n));
    facts[140] = fact(3);
    expect(() => classify(db, 1, rowsOf(facts))).toThrow('UNIQUE constraint failed: usage_facts.identity');
    expect(identities(db)).toEqual([]);
  });
});
