/**
 * tips.list reads its cells from rollup_tip_cells (the tips rollup) and only the evidence ids from the
 * facts. These tests prove the rollup path gives what the naive GROUP BY over the raw facts gives, tip
 * for tip, figure for figure and id for id: on a crafted ledger with the awkward cases (a cell mixing
 * billed and unbilled rows, NULL and '' naming one cell, uncounted rows, bill lines, a context tier, a
 * cell with more facts than a tip shows, two months for prompt bloat), and through the real import and
 * undo pipeline.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, run, type WritableDb } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { FactAdder, rebuildDerived, refreshDerived } from '../../electron/engine/ledger/derived';
import { buildCells } from '../../electron/engine/tips/cells';
import { listTips, periodInfo, tipInput } from '../../electron/engine/tips/service';
import { testEngine } from '../helpers/engine';

const M = 1_000_000;
/** The instant the tips are asked for (after the crafted months): tests never read the wall clock. */
const AT = Date.parse('2026-01-15T12:00:00Z');

interface Row {
  at: string;
  granularity?: 'request' | 'hour' | 'day' | 'month';
  provider: string;
  model: string | null;
  modelRaw?: string | null;
  project?: string | null;
  apiKey?: string | null;
  member?: string | null;
  host?: string | null;
  contextTier?: string | null;
  lineType?: 'usage' | 'cost';
  countsTokens?: 0 | 1;
  input?: number;
  cacheRead?: number;
  output?: number;
  reasoning?: number;
  requests?: number;
  billedNano?: bigint | null;
  currency?: string;
}

let seq = 0;
function insert(db: WritableDb, rows: Row[]): void {
  run(db, sql`INSERT OR IGNORE INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'crafted.csv', 'x', 'crafted')`);
  for (const f of rows) {
    const start = Date.parse(f.at);
    const g = f.granularity ?? 'request';
    const end = g === 'day' ? start + 86_400_000 : g === 'hour' ? start + 3_600_000 : g === 'month' ? start + 30 * 86_400_000 : start;
    const billed = f.billedNano ?? null;
    run(
      db,
      sql`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, project, api_key, member,
            model_raw, model, model_family, vendor, origin_region, host, service_tier, context_tier, line_type, counts_tokens,
            input, cache_read, output, reasoning, requests, billed_nano, billed_currency, price_status)
          VALUES (1, 'crafted', ${`tip-rollup-${++seq}`}, ${start}, ${end}, ${new Date(start).toISOString().slice(0, 10)}, ${g}, ${f.provider},
            ${f.project ?? null}, ${f.apiKey ?? null}, ${f.member ?? null}, ${f.modelRaw === undefined ? f.model : f.modelRaw}, ${f.model}, ${f.model},
            ${f.provider}, 'US', ${f.host ?? null}, 'standard', ${f.contextTier ?? null}, ${f.lineType ?? 'usage'}, ${f.countsTokens ?? 1},
            ${f.input ?? 0}, ${f.cacheRead ?? 0}, ${f.output ?? 0}, ${f.reasoning ?? 0}, ${f.requests ?? 0}, ${billed},
            ${billed === null ? null : (f.currency ?? 'USD')}, 'unpriced')`,
    );
  }
}

const hour = (d: string, h: number, m = 0) => `${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;

/** A ledger where every rule has something to say, with the cases where a rollup could go wrong. */
function craftedLedger(db: WritableDb): void {
  const rows: Row[] = [];
  // Caching: Haiku 3.5 on key k1, three days; one row of the cell billed, the others not (the cell is then unbilled).
  for (const d of ['2025-09-03', '2025-09-10', '2025-09-17'])
    rows.push({ at: `${d}T00:00:00Z`, granularity: 'day', provider: 'anthropic', model: 'claude-3-5-haiku-20241022', apiKey: 'k1', input: 10 * M, output: 200_000, requests: 1000 });
  rows.push({ at: hour('2025-09-17', 9), granularity: 'hour', provider: 'anthropic', model: 'claude-3-5-haiku-20241022', apiKey: 'k1', input: 2 * M, requests: 100, billedNano: 1_600_000_000n });
  // A fully billed cell (its bill caps the savings).
  rows.push({ at: hour('2025-09-12', 10), granularity: 'hour', provider: 'anthropic', model: 'claude-3-5-haiku-20241022', apiKey: 'k9', input: 5 * M, requests: 500, billedNano: 3_000_000_000n });
  // Right-sizing and evidence: 250 short gpt-4o answers on key k2 over two days, at every hour.
  for (let i = 0; i < 250; i++)
    rows.push({ at: hour(i < 130 ? '2025-09-08' : '2025-09-09', i % 24, i % 60), provider: 'openai', model: 'gpt-4o-2024-08-06', apiKey: 'k2', member: 'ann', input: 40_000, output: 90, requests: 1 });
  // The previous month of k2 had prompts a third the size (prompt bloat).
  for (let i = 0; i < 40; i++) rows.push({ at: hour('2025-08-20', i % 24), provider: 'openai', model: 'gpt-4o-2024-08-06', apiKey: 'k2', member: 'ann', input: 12_000, output: 90, requests: 1 });
  // Batch: gpt-4o-mini at night on key 'nightly'; '' and NULL members name the same cell.
  for (let i = 0; i < 6; i++)
    rows.push({ at: hour('2025-09-14', [1, 2, 3, 23, 4, 5][i]!), provider: 'openai', model: 'gpt-4o-mini-2024-07-18', apiKey: 'nightly', member: i % 2 ? '' : null, input: 2 * M, output: 500_000, requests: 1 });
  // Reasoning share on o4-mini, project-only (no key).
  rows.push({ at: '2025-09-05T00:00:00Z', granularity: 'day', provider: 'openai', model: 'o4-mini-2025-04-16', project: 'research', input: M, output: 400_000, reasoning: 300_000, requests: 50 });
  // A long-context Sonnet 4 row, an unknown model, rows that do not count and a bill line.
  rows.push({ at: hour('2025-09-11', 15), granularity: 'hour', provider: 'anthropic', model: 'claude-sonnet-4-20250514', apiKey: 'k3', contextTier: '>200k', input: 3 * M, output: 100_000, requests: 10 });
  rows.push({ at: hour('2025-09-11', 16), provider: 'openai', model: null, modelRaw: 'mystery-model', apiKey: 'k3', input: 5000, output: 10, requests: 1 });
  rows.push({ at: hour('2025-09-11', 17), provider: 'openai', model: 'gpt-4o-2024-08-06', apiKey: 'k2', member: 'ann', countsTokens: 0, input: 9 * M, output: 9, requests: 1 });
  rows.push({ at: '2025-09-11T00:00:00Z', granularity: 'day', provider: 'openai', model: 'gpt-4o-2024-08-06', lineType: 'cost', billedNano: 7_000_000_000n });
  // OpenRouter hosts of one model (deployment: the cheaper host).
  rows.push({ at: hour('2025-09-06', 12), provider: 'openrouter', model: 'kimi-k2', modelRaw: 'moonshotai/kimi-k2', host: 'Groq', input: M, output: 100_000, requests: 20, billedNano: 1_200_000_000n });
  rows.push({ at: hour('2025-09-06', 13), provider: 'openrouter', model: 'kimi-k2', modelRaw: 'moonshotai/kimi-k2', host: 'DeepInfra', input: M, output: 100_000, requests: 20, billedNano: 800_000_000n });
  insert(db, rows);
  rebuildDerived(db);
}

const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

describe('tips from the tips rollup', () => {
  it('equal the naive pass over the raw facts on a crafted ledger, tip for tip and id for id', () => {
    const { engine } = testEngine();
    const db = engine.ctx.db;
    craftedLedger(db);
    const fast = listTips(db, '2025-09', AT);
    const naive = listTips(db, '2025-09', AT, 'raw');
    expect(text(fast)).toBe(text(naive));
    // Not an empty comparison: the rules fired, and the 250-answer cell shows 200 of its ids.
    expect(fast.rulesFired).toEqual(expect.arrayContaining(['right-sizing', 'caching', 'prompt-bloat', 'batch', 'reasoning-share']));
    const rightSizing = fast.tips.find((t) => t.rule === 'right-sizing' && t.title.includes('key k2'))!;
    expect(rightSizing.evidence.factCount).toBe(250);
    expect(rightSizing.evidence.factIds).toHaveLength(200);
    const k2 = all<{ id: number }>(db, sql`SELECT id FROM usage_facts WHERE api_key = 'k2' AND day >= '2025-09-01' AND counts_tokens = 1 ORDER BY day, id LIMIT 200`).map((r) => r.id);
    expect(rightSizing.evidence.factIds).toEqual(k2.sort((a, b) => a - b));
    expect(fast.periods).toEqual(['2025-09', '2025-08']);
  });

  it('give the rules the same cells as the raw facts, hours, slices and bill state included', () => {
    const { engine } = testEngine();
    const db = engine.ctx.db;
    craftedLedger(db);
    for (const month of ['2025-09', '2025-08']) {
      expect(text(buildCells(db, periodInfo(month)))).toBe(text(buildCells(db, periodInfo(month), { source: 'raw' })));
      expect(text(tipInput(db, month))).toBe(text(tipInput(db, month, 'raw')));
    }
    const cells = buildCells(db, periodInfo('2025-09'));
    // NULL and '' members of the nightly key fold into one cell of six facts, all at night.
    const nightly = cells.filter((c) => c.apiKey === 'nightly');
    expect(nightly).toHaveLength(1);
    expect(nightly[0]!.factCount).toBe(6);
    expect(nightly[0]!.hourTokens[2]).toBe(2_500_000);
    // One billed row among unbilled ones leaves the cell without a bill; the fully billed one keeps it.
    expect(cells.find((c) => c.apiKey === 'k1')!.billedNano).toBeNull();
    expect(cells.find((c) => c.apiKey === 'k9')!.billedNano).toBe(3_000_000_000n);
  });

  it('follow imports and undos through the real pipeline', async () => {
    const { engine, client } = testEngine();
    const db = engine.ctx.db;
    const dir = join(import.meta.dirname, '..', 'fixtures', 'exports');
    const paths = readdirSync(dir).map((f) => join(dir, f));
    await client.call('imports.commit', { paths: paths.slice(0, 8), onError: 'skip' });
    await client.call('imports.commit', { paths: paths.slice(8), onError: 'skip' });
    const check = () => {
      const rows = () => text(all(db, sql.raw('SELECT * FROM rollup_tip_cells ORDER BY day, provider, model, model_raw, host, inference_geo, service_tier, context_tier, project, api_key, member, billed_currency')));
      const kept = rows();
      db.transaction(() => rebuildDerived(db))();
      expect(kept).toBe(rows());
      for (const month of all<{ m: string }>(db, sql`SELECT DISTINCT substr(day, 1, 7) AS m FROM usage_facts`).map((r) => r.m))
        expect(text(listTips(db, month, AT))).toBe(text(listTips(db, month, AT, 'raw')));
    };
    expect(all(db, sql`SELECT 1 FROM rollup_tip_cells`).length).toBeGreaterThan(0);
    check();
    const last = all<{ id: number }>(db, sql`SELECT max(id) AS id FROM import_batches WHERE status = 'committed'`)[0]!.id;
    await client.call('imports.undo', { batchId: last });
    expect(all(db, sql`SELECT 1 FROM import_batches WHERE id = ${last} AND status = 'undone'`)).toHaveLength(1);
    check();
  });

  it('are what a rebuild gives when the crafted facts come in as an import adds its new facts', () => {
    const { engine } = testEngine();
    const db = engine.ctx.db;
    craftedLedger(db);
    // Beside counted rows of their cells: a row that does not count, a day row among request rows, an estimate in another currency.
    insert(db, [
      { at: hour('2025-09-08', 3), provider: 'openai', model: 'gpt-4o-2024-08-06', apiKey: 'k2', member: 'ann', countsTokens: 0, input: 7 * M, output: 5, requests: 1 },
      { at: '2025-09-09T00:00:00Z', granularity: 'day', provider: 'openai', model: 'gpt-4o-2024-08-06', apiKey: 'k2', member: 'ann', input: 3 * M, output: 70, requests: 9 },
    ]);
    run(db, sql`UPDATE usage_facts SET estimated_nano = 900000000, estimated_currency = 'EUR' WHERE api_key = 'k9' OR (host = 'Groq')`);
    const tables = ['rollup_daily', 'rollup_narrow', 'rollup_hourly', 'rollup_hourly_spend', 'rollup_tip_cells'];
    const derived = () =>
      text(
        tables.map((t) => {
          const cols = all<{ name: string }>(db, sql.raw(`PRAGMA table_info(${t})`)).map((c) => c.name).join(', ');
          return all(db, sql.raw(`SELECT * FROM ${t} ORDER BY ${cols}`));
        }),
      );
    db.transaction(() => rebuildDerived(db))();
    const rebuilt = derived();
    db.transaction(() => {
      for (const t of tables) run(db, sql.raw(`DELETE FROM ${t}`));
      refreshDerived(db, new FactAdder(0).add(db, new Set()));
    })();
    expect(derived()).toBe(rebuilt);
    // Not an empty comparison: the day with the bill line was recomputed, the others added.
    expect(all(db, sql`SELECT 1 FROM rollup_tip_cells WHERE day <> '2025-09-11'`).length).toBeGreaterThan(10);
  });
});
