/**
 * A chunk's varying text numbered as tuples by the parser worker (imports/fact-dims.ts) and read by the INSERT
 * from temp.fact_dims (fact-store.ts) must store exactly the rows that binding every value stores: the
 * same ids in the same order, the same values with the same storage classes, whatever the chunks' varying
 * columns, a NULL beside the text 'null', a fact left out; and a chunk whose tuples the table does not
 * hold must still be stored right (its values bound).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { all, run, type WritableDb } from '../../electron/engine/ledger/db';
import { ROW_COLUMNS } from '../../electron/engine/ledger/facts';
import { sql } from '../../electron/engine/ledger/sql';
import { FactAdder, refreshDerived } from '../../electron/engine/ledger/derived';
import { DimCoder, DimRegistry } from '../../electron/engine/imports/fact-dims';
import { factAt, rowOffsets, valueAt, withoutRows, type FactRows } from '../../electron/engine/imports/fact-rows';
import { insertFactRows } from '../../electron/engine/imports/fact-store';
import { FactSums } from '../../electron/engine/imports/fact-sums-store';
import { lastImportStats } from '../../electron/engine/imports/run';
import { importPaths } from '../../electron/engine/imports/service';
import { testEngine } from '../helpers/engine';
import { FACT_ROW_BASE, rowsOf, tempLedger, type FactRow, type TestLedger } from './helpers';


const MODELS: Array<[string | null, string | null, string]> = [
  ['gpt-4o', 'gpt-4o', 'openai/gpt-4o'],
  ['claude-sonnet-4', 'claude-sonnet-4', 'anthropic/claude-4-sonnet'],
  [null, null, 'mystery/model'],
];

/** Facts whose text varies over a few combinations (model, key, app, host), now and then a NULL or the text 'null'. */
function fact(n: number): FactRow {
  const [model, family, raw] = MODELS[n % 3]!;
  return {
    ...FACT_ROW_BASE,
    identity: `gen-${n}`,
    source_line: n + 2,
    start_ms: Date.parse('2025-09-08T10:00:00Z') + n * 1000,
    end_ms: Date.parse('2025-09-08T10:00:00Z') + n * 1000 + 1,
    model,
    model_family: family,
    model_raw: raw,
    vendor: model === null ? null : raw.split('/')[0]!,
    api_key: n % 7 === 0 ? null : n % 11 === 0 ? 'null' : `key-${n % 4}`,
    project: ['Cline', 'Roo Code', null][n % 5 % 3]!,
    host: ['Together', 'Azure'][n % 2]!,
    billed_nano: BigInt(1000 + n),
    billed_currency: 'USD',
  };
}


/** usage_facts, every value with its storage class, in id order. */
function stored(db: WritableDb): string {
  const cols = ['id', 'batch_id', 'format', ...ROW_COLUMNS];
  return JSON.stringify(all(db, sql.raw(`SELECT ${cols.map((c) => `${c}, typeof(${c})`).join(', ')} FROM usage_facts ORDER BY id`)), (_k, v: unknown) =>
    typeof v === 'bigint' ? String(v) : v,
  );
}

const DERIVED = ['rollup_daily', 'rollup_narrow', 'rollup_hourly', 'rollup_hourly_spend', 'rollup_tip_cells', 'ledger_days'];

/** Every derived table's rows, each value with its storage class, sorted (but the ledger's own machine id and the days' versions). */
function derived(db: WritableDb): string {
  return JSON.stringify(
    DERIVED.map((t) => {
      const cols = all<{ name: string }>(db, sql.raw(`PRAGMA table_info(${t})`))
        .map((c) => c.name)
        .filter((c) => c !== 'machine' && c !== 'version');
      return all(db, sql.raw(`SELECT ${cols.map((c) => `${c}, typeof(${c})`).join(', ')} FROM ${t} ORDER BY ${cols.join(', ')}`));
    }),
    (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
  );
}

function ledgerWithBatch(): WritableDb {
  const db = testEngine().engine.ctx.db;
  run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.csv', 'x', 'crafted')`);
  return db;
}

/** Chunks of uneven sizes; in the third, every fact has the same host (a column constant there, varying elsewhere). */
function chunks(): FactRow[][] {
  const facts = Array.from({ length: 700 }, (_, n) => fact(n));
  for (const f of facts.slice(300, 420)) f.host = 'Azure';
  return [facts.slice(0, 130), facts.slice(130, 300), facts.slice(300, 420), facts.slice(420, 421), facts.slice(421)];
}

/** The chunks as the worker sends them and the inserting thread takes them. */
function coded(parts: FactRow[][], coder = new DimCoder('run-1'), registry = new DimRegistry()): FactRows[] {
  return parts.map((p) => {
    const r = rowsOf(p);
    coder.code(r);
    registry.take(r);
    return r;
  });
}

/** Every value of every fact as valueAt reads it, and each fact as factAt rebuilds it. */
function read(rows: FactRows): unknown[] {
  const pos = rowOffsets(rows);
  const out: unknown[] = [];
  for (let i = 0; i < rows.count; i++) out.push(ROW_COLUMNS.map((_, c) => valueAt(rows, pos, i, c)), factAt(rows, i));
  return out;
}

/** Insert the chunks (the second without its eighth fact) and add them to the rollups from their sums; answers the ledger's facts and derived rows. */
function importChunks(chunks: readonly FactRows[]): string {
  const db = ledgerWithBatch();
  const sums = new FactSums();
  const adder = new FactAdder(0, sums);
  db.transaction(() => {
    chunks.forEach((rows, k) => {
      const which = k === 1 ? Array.from({ length: rows.count }, (_, i) => i).filter((i) => i !== 7) : null;
      insertFactRows(db, 1, 'crafted', rows, which);
      sums.add(rows, which, 1);
    });
    refreshDerived(db, adder.add(db, new Set()));
  })();
  expect(adder.summed).toBe(699);
  return stored(db) + derived(db);
}

describe('varying text numbered as tuples', () => {
  it('reads, stores and sums exactly what the whole values give, ids and storage classes included', () => {
    const parts = chunks();
    const plain = parts.map(rowsOf);
    const numbered = coded(parts);
    // Every chunk but the one-fact chunk (too few varying columns) lost its coded columns' values.
    expect(numbered.map((r) => r.dims?.cols.length ?? 0)).toEqual([7, 7, 6, 0, 7]);
    expect(numbered[0]!.varAt.length).toBe(plain[0]!.varAt.length - 7);
    numbered.forEach((r, k) => expect(read(r)).toEqual(read(plain[k]!)));
    const db = importChunks(numbered);
    expect(db).toContain('"api_key":"null"');
    expect(db).toBe(importChunks(plain));
  });

  it('keeps only what a chunk keeps when facts are taken out of it (the ledger could not carry them)', () => {
    const [whole] = coded([chunks()[0]!]);
    const drop = new Set([0, 5, 6, 129]);
    const kept = withoutRows(whole!, drop);
    const [plain] = [rowsOf(chunks()[0]!.filter((_, i) => !drop.has(i)))];
    expect(kept.count).toBe(126);
    expect(read(kept)).toEqual(read(plain!));
  });

  it('fills the temp table again when it holds fewer tuples than written or another run\'s', () => {
    const parts = chunks();
    const expected = stored(insertAll(parts.map(rowsOf), () => {}));
    // A transaction that wrote tuples rolled back, then the same chunks again.
    const rolledBack = coded(parts);
    const db1 = insertAll(rolledBack, (db) => {
      try {
        db.transaction(() => {
          insertFactRows(db, 1, 'crafted', rolledBack[2]!, null);
          throw new Error('rolled back');
        })();
      } catch {
        // as an import that failed
      }
    });
    expect(stored(db1)).toBe(expected);
    // Two runs on one connection, their chunks interleaved (each with its own numbers).
    const [a, b] = [coded(parts.slice(0, 3)), coded(parts.slice(3), new DimCoder('run-2'))];
    const db2 = ledgerWithBatch();
    for (const rows of [a[0]!, b[0]!, a[1]!, b[1]!, a[2]!]) db2.transaction(() => insertFactRows(db2, 1, 'crafted', rows, null))();
    const db3 = ledgerWithBatch();
    for (const rows of [0, 3, 1, 4, 2].map((k) => rowsOf(parts[k]!))) db3.transaction(() => insertFactRows(db3, 1, 'crafted', rows, null))();
    expect(stored(db2)).toBe(stored(db3));
  });

  it('stops numbering when the text hardly repeats (a value per fact), and a lost chunk is an error', () => {
    const parts = Array.from({ length: 12 }, (_, c) => Array.from({ length: 500 }, (_, i) => ({ ...fact(c * 500 + i), api_key: `key-${c * 500 + i}` })));
    const rows = coded(parts);
    expect(rows[0]!.dims).toBeDefined();
    expect(rows[11]!.dims).toBeUndefined();
    expect(read(rows[11]!)).toEqual(read(rowsOf(parts[11]!)));
    // However well they repeat, a run keeps at most so many tuples (memory): past them its chunks stay whole.
    const capped = coded(chunks(), new DimCoder('run-4', 100));
    expect(capped.map((r) => r.dims?.added.length ?? null)).toEqual([60, 11, 52, null, null]);
    expect(read(capped[4]!)).toEqual(read(rowsOf(chunks()[4]!)));
    const coder = new DimCoder('run-3');
    const [first, second] = [rowsOf(parts[0]!), rowsOf(parts[1]!)];
    coder.code(first);
    coder.code(second);
    expect(() => new DimRegistry().take(second)).toThrow(/tuple 501 of run-3 after 0: a chunk was lost/);
  });
});

/** A ledger with the chunks inserted, one transaction each, after `before`. */
function insertAll(rows: readonly FactRows[], before: (db: WritableDb) => void): WritableDb {
  const db = ledgerWithBatch();
  before(db);
  for (const r of rows) db.transaction(() => insertFactRows(db, 1, 'crafted', r, null))();
  return db;
}

describe('an OpenRouter export parsed by the worker', () => {
  const ledgers: TestLedger[] = [];
  afterEach(() => {
    for (const l of ledgers.splice(0)) l.close();
    delete process.env.TOKENLEDGER_PARSE_THREAD;
  });

  it('is stored as the inserting thread parsing it stores it, its facts inserted through the tuples', async () => {
    const header =
      'generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,finish_reason_normalized,generation_time_ms,time_to_first_token_ms,api_key_disabled,api_key_name,app_name';
    const models = ['openai/gpt-4o-2024-08-06', 'anthropic/claude-4-sonnet-20250522', 'deepseek/deepseek-chat-v3-0324', 'mystery/unknown-model'];
    const lines = [header];
    for (let i = 0; i < 6_000; i++) {
      const t = new Date(Date.UTC(2025, 5, 1) + i * 37_000).toISOString().replace('T', ' ').replace('Z', '');
      lines.push(
        `gen-${1756714443 + i}-${i.toString(36).padStart(7, '0')},${t},${(0.001 + (i % 97) / 1e4).toFixed(7)},0,,,0,${200 + (i % 5000)},${20 + (i % 300)},0,${i % 3 === 0 ? 100 : 0},${models[i % 4]},${['Together', 'Azure', 'OpenAI'][i % 3]},standard,false,true,,stop,stop,1000,100,false,${['ci', 'laptop', ''][i % 3]},${['Cline', 'Roo Code', ''][(i >> 2) % 3]}`,
      );
    }
    const l0 = tempLedger();
    ledgers.push(l0);
    const path = join(l0.dir, 'openrouter-activity.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const out: Record<string, { facts: string; dimFacts: number; threaded: boolean }> = {};
    for (const thread of ['worker', 'main'] as const) {
      const l = tempLedger();
      ledgers.push(l);
      process.env.TOKENLEDGER_PARSE_THREAD = thread;
      const result = await importPaths(l.engine.ctx, [path], { onError: 'abort' });
      expect(result.counts.new).toBe(6_000);
      const stats = lastImportStats()!;
      out[thread] = { facts: stored(l.engine.ctx.db), dimFacts: stats.dimFacts, threaded: stats.threaded };
    }
    expect(out.worker!.threaded).toBe(true);
    expect(out.worker!.dimFacts).toBe(6_000);
    expect(out.main!.dimFacts).toBe(0);
    expect(out.worker!.facts).toBe(out.main!.facts);
  });

  it('every sample export and agent log is stored and summed as the inserting thread parsing them stores them', async () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'exports');
    const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
    const out: Record<string, { ledger: string; dimFacts: number; threaded: boolean; counts: unknown }> = {};
    for (const thread of ['worker', 'main'] as const) {
      const l = tempLedger();
      ledgers.push(l);
      process.env.TOKENLEDGER_PARSE_THREAD = thread;
      const result = await importPaths(l.engine.ctx, paths, { onError: 'skip' });
      const stats = lastImportStats()!;
      out[thread] = { ledger: stored(l.engine.ctx.db) + derived(l.engine.ctx.db), dimFacts: stats.dimFacts, threaded: stats.threaded, counts: result.counts };
    }
    expect([out.worker!.threaded, out.main!.threaded]).toEqual([true, false]);
    expect(out.worker!.dimFacts).toBeGreaterThan(100);
    expect(out.worker!.counts).toEqual(out.main!.counts);
    expect(out.worker!.ledger).toBe(out.main!.ledger);
  });
});
