import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildDerived } from '../../electron/engine/ledger/derived';
import { CHUNK_FACTS } from '../../electron/engine/imports/parse';
import { lastImportStats } from '../../electron/engine/imports/run';
import { fixture, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
beforeEach(() => {
  process.env.TOKENLEDGER_EARLY_ROLLUPS = 'always';
});
afterEach(() => {
  delete process.env.TOKENLEDGER_EARLY_ROLLUPS;
  ledger?.close();
  ledger = undefined;
});

/** OpenRouter activity rows `ids`, one every 20 minutes from 2025-09-01 (many days, many chunks), each costing `cost`. */
function activityCsv(path: string, ids: readonly number[], cost: string): void {
  const lines = readFileSync(fixture('openrouter-activity.csv'), 'utf8').split('\n');
  const template = lines[1]!.split(',');
  const out = [lines[0]!];
  for (const i of ids) {
    const cells = [...template];
    cells[0] = `gen-roll-${i}`;
    cells[1] = new Date(Date.UTC(2025, 8, 1) + i * 20 * 60_000).toISOString().replace('T', ' ').replace('Z', '');
    cells[2] = cost;
    cells[12] = ['Anthropic', 'Google Vertex', 'Amazon Bedrock'][i % 3]!;
    out.push(cells.join(','));
  }
  writeFileSync(path, out.join('\n') + '\n');
}

/** Every rollup table's rows, sorted, exact. */
function rollups(l: TestLedger): Record<string, unknown[]> {
  const db = l.engine.ctx.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rollup_%' ORDER BY name").pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (db.prepare(`SELECT * FROM ${t}`).raw().safeIntegers(true).all() as unknown[][]).map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  return out;
}

describe('rollups recomputed while an import is still writing', () => {
  it('equal a full rebuild after an import whose second file revises facts of days recomputed while the first was written', async () => {
    ledger = tempLedger();
    const n = CHUNK_FACTS * 8;
    const first = join(ledger.dir, 'a-activity.csv');
    const revising = join(ledger.dir, 'b-activity.csv');
    activityCsv(first, Array.from({ length: n }, (_, i) => i), '0.05');
    activityCsv(revising, Array.from({ length: Math.floor(n / 7) }, (_, k) => n - 1 - k * 7), '0.07');
    const result = await ledger.api.call('imports.commit', { paths: [first, revising] });
    expect(result.files.map((f) => [f.counts.new, f.counts.revised])).toEqual([[n, 0], [0, Math.floor(n / 7)]]);
    expect(lastImportStats()!.earlyRollupDays).toBeGreaterThan(40);
    const kept = rollups(ledger);
    const db = ledger.engine.ctx.db;
    db.exec('BEGIN');
    rebuildDerived(db);
    const rebuilt = rollups(ledger);
    db.exec('ROLLBACK');
    expect(kept).toEqual(rebuilt);
  });

  it('equal a full rebuild after an import whose later file revises facts of days already recomputed and another format overlaps it', async () => {
    ledger = tempLedger();
    const n = CHUNK_FACTS * 8; // 4,000 facts over 55 days, 8 chunks
    const first = join(ledger.dir, 'a-activity.csv');
    const revising = join(ledger.dir, 'b-activity.csv');
    activityCsv(first, Array.from({ length: n }, (_, i) => i), '0.05');
    // Every 7th fact again with another cost, newest first: revisions on days refreshed long before.
    activityCsv(revising, Array.from({ length: Math.floor(n / 7) }, (_, k) => n - 1 - k * 7), '0.07');
    const result = await ledger.api.call('imports.commit', {
      paths: [first, revising, fixture('openrouter-activity.csv'), fixture('openrouter-activity-api.json')],
    });
    expect(result.files.map((f) => f.counts.new + f.counts.revised)).toEqual([n, Math.floor(n / 7), expect.any(Number), expect.any(Number)]);
    expect(result.files[1]!.counts.revised).toBe(Math.floor(n / 7));
    expect(result.files.some((f) => f.overlaps.length > 0)).toBe(true);
    expect(lastImportStats()!.earlyRollupDays).toBeGreaterThan(40);

    const kept = rollups(ledger);
    const db = ledger.engine.ctx.db;
    db.exec('BEGIN');
    rebuildDerived(db);
    const rebuilt = rollups(ledger);
    db.exec('ROLLBACK');
    expect(Object.keys(kept).length).toBeGreaterThanOrEqual(3);
    expect(kept).toEqual(rebuilt);
  });
});
