/**
 * An import adds its new facts to the rollups from their in-memory sums (imports/fact-sums-store.ts) instead of
 * reading them again. The derived rows must be exactly, storage class included, what recomputing them from
 * the facts gives: on crafted facts that agree on nearly everything (only a NULL, a currency, a plan, an
 * hour, a member or whether they count apart), and on every sample export imported through the pipeline.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, allBig, run, type WritableDb } from '../../electron/engine/ledger/db';
import { FactAdder, rebuildDerived, refreshDerived } from '../../electron/engine/ledger/derived';
import { sql } from '../../electron/engine/ledger/sql';
import { insertFactRows } from '../../electron/engine/imports/fact-store';
import { FactSums } from '../../electron/engine/imports/fact-sums-store';
import { lastImportStats } from '../../electron/engine/imports/run';
import { testEngine } from '../helpers/engine';
import { rowsOf, type FactRow } from './helpers';

const DERIVED = ['rollup_daily', 'rollup_narrow', 'rollup_hourly', 'rollup_hourly_spend', 'rollup_tip_cells', 'ledger_days'];

/** Every derived table's rows, each value with its storage class, sorted. */
function derived(db: WritableDb): string {
  return JSON.stringify(
    DERIVED.map((t) => {
      const cols = all<{ name: string }>(db, sql.raw(`PRAGMA table_info(${t})`)).map((c) => c.name);
      const typed = cols.map((c) => `${c}, typeof(${c})`).join(', ');
      return all(db, sql.raw(`SELECT ${typed} FROM ${t} ORDER BY ${cols.join(', ')}`));
    }),
    (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
  );
}

/** The derived rows a recompute from the facts gives (ledger_days' versions aside: a recompute bumps them). */
function rebuilt(db: WritableDb): string {
  let out = '';
  try {
    db.transaction(() => {
      rebuildDerived(db);
      run(db, sql`UPDATE ledger_days SET version = 0`);
      out = derived(db);
      throw new Error('rolled back');
    })();
  } catch (e) {
    if ((e as Error).message !== 'rolled back') throw e;
  }
  return out;
}

const BASE: FactRow = {
  granularity: 'request',
  provider: 'anthropic',
  model_raw: 'claude-sonnet-4-20250514',
  model: 'claude-sonnet-4-20250514',
  model_family: 'claude-sonnet-4',
  vendor: 'anthropic',
  origin_region: 'US',
  service_tier: 'standard',
  line_type: 'usage',
  counts_tokens: 1,
  price_status: 'priced',
  input: 100,
  cache_read: 1000,
  cache_write_5m: 10,
  cache_write_1h: 0,
  output: 50,
  reasoning: 0,
  requests: 1,
  estimated_nano: 1_000_000n,
  estimated_currency: 'USD',
};

/** Facts that group together but for one thing each (hour, a NULL, a currency, a plan, a member, counts_tokens, the grain...). */
function craftedFacts(): FactRow[] {
  const at = (h: number, m = 0) => Date.parse(`2025-09-08T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`);
  const variants: FactRow[] = [
    {},
    { start_ms: at(9, 59) },
    { start_ms: at(10, 1) },
    { estimated_nano: null, estimated_currency: null, price_status: 'unpriced' },
    { recorded_nano: 2_500_000n, recorded_currency: 'USD' },
    { recorded_nano: 3_000_000n, recorded_currency: 'EUR' },
    { billed_nano: 4_000_000n, billed_currency: 'USD' },
    // Six of these (four in the first batch) sum past a double's exact integers (2^53 nano): the sum goes on as a BigInt.
    { billed_nano: 4_000_000_000_000_001n, billed_currency: 'USD', api_key: 'big' },
    { billed_nano: 4_000_000_000_000_001n, billed_currency: 'USD', api_key: 'big' },
    { billed_nano: 4_000_000n, billed_currency: 'CNY', estimated_nano: 7_000_000n, estimated_currency: 'CNY' },
    { plan: 'included' },
    { plan: 'payg' },
    { member: 'ann' },
    { member: '' },
    { counts_tokens: 0 },
    { context_tier: '>200k' },
    { granularity: 'day', start_ms: Date.parse('2025-09-08T00:00:00Z'), end_ms: Date.parse('2025-09-09T00:00:00Z') },
    { model: null, model_family: null, model_raw: 'mystery-1' },
    { model: null, model_family: null, model_raw: 'mystery-2' },
    { api_key: 'k1', project: 'p' },
    { billed_by: 'anthropic', provider: 'claude-code' },
    { line_type: 'usage', reasoning: 20, output: 60 },
  ];
  const out: FactRow[] = [];
  let n = 0;
  // Each variant three times, a few seconds apart in the same hour (so they sum), then the next.
  for (const v of variants)
    for (let k = 0; k < 3; k++) {
      const start = (v.start_ms as number | undefined) ?? at(10, 5);
      out.push({ ...BASE, day: '2025-09-08', ...v, identity: `sum-${++n}`, source_line: n, start_ms: start + k * 1000, end_ms: (v.end_ms as number | undefined) ?? start + k * 1000 + 1 });
    }
  return out;
}

/** A test ledger with one crafted batch (id 1), the crafted facts, and sums with the adder that reads them. */
function craftedLedger() {
  const { engine } = testEngine();
  const db = engine.ctx.db;
  run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.jsonl', 'x', 'crafted')`);
  const sums = new FactSums();
  return { db, facts: craftedFacts(), sums, adder: new FactAdder(0, sums) };
}

describe('new facts added to the rollups from their sums', () => {
  it('give the derived rows a recompute gives, on facts apart by a NULL, a currency, a plan, an hour, a member or counts_tokens', () => {
    const { engine } = testEngine();
    const db = engine.ctx.db;
    // The second batch came from a teammate's machine, whose member the facts without their own take.
    run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format, origin_machine) VALUES (1, 0, 'a.jsonl', 'x', 'crafted', NULL), (2, 0, 'b.jsonl', 'y', 'crafted', 'm2')`);
    run(db, sql`INSERT INTO machine_members (machine_id, member) VALUES ('m2', 'bob')`);
    run(db, sql`INSERT INTO usage_plans (provider, account, plan, updated_at) VALUES ('claude-code', '', 'included', 0)`);
    const facts = craftedFacts();
    const sums = new FactSums();
    const adder = new FactAdder(0, sums);
    db.transaction(() => {
      // Two batches (the team's rule reads the batch), in chunks of uneven sizes, one chunk with a fact left out.
      const first = rowsOf(facts.slice(0, 25));
      insertFactRows(db, 1, 'crafted', first, null);
      sums.add(first, null, 1);
      const second = rowsOf(facts.slice(25));
      const some = Array.from({ length: second.count }, (_, i) => i).filter((i) => i !== 4);
      insertFactRows(db, 2, 'crafted', second, some);
      sums.add(second, some, 2);
      refreshDerived(db, adder.add(db, new Set()));
    })();
    expect(adder.summed).toBe(facts.length - 1);
    // Not an empty comparison: every fact inserted is in the rollups, in rows of several facts.
    expect(all(db, sql`SELECT sum(facts) AS n, count(*) AS rows FROM rollup_daily`)).toEqual([{ n: facts.length - 1, rows: 13 }]);
    // Sums past 2^53 nano, exact: four facts of the first batch, two of the teammate's.
    expect(allBig(db, sql`SELECT member, billed_nano AS n FROM rollup_daily WHERE api_key = 'big' ORDER BY member`)).toEqual([
      { member: null, n: 16_000_000_000_000_004n },
      { member: 'bob', n: 8_000_000_000_000_002n },
    ]);
    run(db, sql`UPDATE ledger_days SET version = 0`);
    expect(derived(db)).toBe(rebuilt(db));
  });

  it('number their groups again when the groups written before are gone (a rolled back transaction, another run)', () => {
    const { db, facts, sums, adder } = craftedLedger();
    // Two additions by the same sums; before the second, the groups the first wrote are lost (its summed rows' text).
    for (const [k, part] of [facts.slice(0, 30), facts.slice(30)].entries()) {
      db.transaction(() => {
        if (k === 1) run(db, sql`DELETE FROM temp.fact_sums_groups`);
        const rows = rowsOf(part);
        insertFactRows(db, 1, 'crafted', rows, null);
        sums.add(rows, null, 1);
        refreshDerived(db, adder.add(db, new Set()));
      })();
    }
    expect(adder.summed).toBe(facts.length);
    expect(all(db, sql`SELECT sum(facts) AS n FROM rollup_daily`)).toEqual([{ n: facts.length }]);
    run(db, sql`UPDATE ledger_days SET version = 0`);
    expect(derived(db)).toBe(rebuilt(db));
  });

  it('read the facts instead when the sums do not hold exactly the facts being added', () => {
    const { db, facts, sums, adder } = craftedLedger();
    db.transaction(() => {
      const rows = rowsOf(facts);
      insertFactRows(db, 1, 'crafted', rows, null);
      sums.add(rows, Array.from({ length: rows.count - 1 }, (_, i) => i), 1); // one fact inserted but not summed
      refreshDerived(db, adder.add(db, new Set()));
    })();
    expect(adder.summed).toBe(0);
    run(db, sql`UPDATE ledger_days SET version = 0`);
    expect(derived(db)).toBe(rebuilt(db));
  });

  it('give the derived rows a recompute gives after every sample export and agent log imported in one run, then again on top', async () => {
    const { engine, client } = testEngine();
    const db = engine.ctx.db;
    const dir = join(import.meta.dirname, '..', 'fixtures', 'exports');
    const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
    const half = Math.floor(paths.length / 2);
    for (const part of [paths.slice(0, half), paths.slice(half)]) {
      await client.call('imports.commit', { paths: part, onError: 'skip' });
      expect(lastImportStats()!.summedFacts).toBeGreaterThan(0);
      const kept = derived(db).replace(/"version":\d+/g, '');
      expect(kept).toBe(rebuilt(db).replace(/"version":\d+/g, ''));
    }
  });
});
