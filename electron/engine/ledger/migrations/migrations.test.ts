/**
 * One test per shipped migration, each from a file at the version before it (a facts row written there
 * the way that version's code wrote it): what the migration adds, that it keeps every fact, and for the
 * migrations of derived tables, that opening the ledger fills them with today's code.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../../../../test/helpers/tmp';
import { createEngine } from '../../index';
import { openLedger } from '../connection';
import type { WritableDb } from '../db';
import { rebuildDerived, refreshDerived } from '../derived';
import { MIGRATIONS, migrate } from './index';
import { sessionMoney } from '../../reports/agent-views-store';
import { unpricedUsage } from '../../pricing/facts-store';
import { factLegs, GROUP_COLS, MEASURE_SUMS, ROLLUP_MEASURES } from '../rollups';
import { sql } from '../sql';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const fixture = (name: string) => join(import.meta.dirname, '../../../../test/fixtures/exports', name);

const columns = (db: WritableDb, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
const indexes = (db: WritableDb, table: string) =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all(table) as string[];
const count = (db: WritableDb, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** A file migrated up to `version` only (no derived table filled), with one batch and one fact when the tables exist. */
function fileAt(version: number, withFact = version >= 1): { path: string; db: WritableDb } {
  const path = join(tempDir(), `v${version}.sqlite`);
  const db = new Database(path) as WritableDb;
  if (version > 0) migrate(db, path, MIGRATIONS.filter((m) => m.version <= version));
  if (withFact) {
    db.exec(`
      INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 1756684800000, 'old.csv', 'abc', 'openrouter-activity-csv');
      INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, vendor, origin_region, input, output, requests, billed_nano, billed_currency)
        VALUES (7, 1, 'openrouter-activity-csv', 'or-gen:old', 1757494800000, 1757494800001, '2025-09-10', 'request', 'openrouter', 'gpt-4o', 'openai', 'US', 100, 20, 1, 5000000, 'USD');
    `);
  }
  return { path, db };
}

/** Apply the migrations up to `version` to a file (no derived table filled). */
function migrateTo(f: { path: string; db: WritableDb }, version: number) {
  return migrate(f.db, f.path, MIGRATIONS.filter((m) => m.version <= version));
}

describe('migration 1: the ledger', () => {
  it('creates batches, facts (a reasoning count never above output, one row per identity) and settings in an empty file', () => {
    const f = fileAt(0, false);
    expect(migrateTo(f, 1)).toEqual({ version: 1, backupPath: null });
    expect(columns(f.db, 'usage_facts')).toEqual(expect.arrayContaining(['identity', 'start_ms', 'day', 'input', 'reasoning', 'counts_tokens', 'billed_nano', 'estimated_nano', 'price_status']));
    f.db.exec("INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.csv', 'x', 'f')");
    const fact = (identity: string, output: number, reasoning: number) =>
      f.db
        .prepare("INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, output, reasoning) VALUES (1, 'f', ?, 0, 1, '1970-01-01', 'request', 'p', ?, ?)")
        .run(identity, output, reasoning);
    fact('a', 10, 10);
    expect(() => fact('b', 10, 11)).toThrow(/CHECK constraint failed/);
    expect(() => fact('a', 20, 0)).toThrow(/UNIQUE constraint failed: usage_facts.identity/);
    expect(columns(f.db, 'settings')).toEqual(['key', 'value']);
    f.db.close();
  });
});

describe('migration 2: import history', () => {
  it('adds provider, grain and import id to batches (empty for old ones), and the history and coverage tables, keeping every fact', () => {
    const f = fileAt(1);
    const result = migrateTo(f, 2);
    expect(result.version).toBe(2);
    expect(result.backupPath).not.toBeNull();
    expect(f.db.prepare('SELECT provider, grain, import_id, status FROM import_batches WHERE id = 1').get()).toEqual({ provider: null, grain: null, import_id: null, status: 'committed' });
    // fact_history mirrors usage_facts column for column (plus the revising batch): an undo copies rows between them.
    expect(columns(f.db, 'fact_history')).toEqual(['revised_by_batch_id', ...columns(f.db, 'usage_facts')]);
    expect(columns(f.db, 'token_supersessions')).toEqual(['superseding_batch_id', 'fact_id', 'created_by_batch_id']);
    expect(indexes(f.db, 'usage_facts')).toContain('usage_facts_coverage');
    expect(f.db.prepare('SELECT id, identity, input, billed_nano, counts_tokens FROM usage_facts').all()).toEqual([
      { id: 7, identity: 'or-gen:old', input: 100, billed_nano: 5000000, counts_tokens: 1 },
    ]);
    f.db.close();
  });
});

describe('migration 3: prices', () => {
  it("adds the user's side of the price book, FX rates and vendor regions, refusing a bad currency or region", () => {
    const f = fileAt(2);
    migrateTo(f, 3);
    for (const t of ['price_overrides', 'price_sources', 'price_source_entries', 'fx_rates', 'vendor_regions', 'price_state']) expect(count(f.db, t)).toBe(0);
    const rate = f.db.prepare("INSERT INTO fx_rates (currency, date, per_usd, source, created_at) VALUES (?, '2025-09-01', '7.1', 'user', 0)");
    rate.run('CNY');
    expect(() => rate.run('CNY')).toThrow(/UNIQUE constraint failed/);
    expect(() => rate.run('YUAN')).toThrow(/CHECK constraint failed/);
    expect(() => f.db.prepare("INSERT INTO vendor_regions (vendor, region, created_at) VALUES ('acme', 'Mars', 0)").run()).toThrow(/CHECK constraint failed/);
    expect(count(f.db, 'usage_facts')).toBe(1);
    f.db.close();
  });
});

describe('migration 4: the daily rollup', () => {
  it('creates rollup_daily empty; opening the ledger fills it from the facts with today\u2019s code', () => {
    const f = fileAt(3);
    migrateTo(f, 4);
    expect(count(f.db, 'rollup_daily')).toBe(0);
    expect(MIGRATIONS.find((m) => m.version === 4)!.derived).toBe(true);
    f.db.close();
    const { db } = openLedger(f.path);
    expect(db.prepare('SELECT day, provider, model, facts, input, output, billed_nano, spend_nano FROM rollup_daily').all()).toEqual([
      { day: '2025-09-10', provider: 'openrouter', model: 'gpt-4o', facts: 1, input: 100, output: 20, billed_nano: 5000000, spend_nano: 5000000 },
    ]);
    db.close();
  });
});

describe('migration 5: budgets', () => {
  it('adds budgets, their alerts (once per budget, period, threshold and kind) and webhook deliveries, which go with their budget', () => {
    const f = fileAt(4);
    migrateTo(f, 5);
    f.db.prepare("INSERT INTO budgets (id, name, definition, created_at, updated_at) VALUES (1, 'Team', '{}', 0, 0)").run();
    const alert = f.db.prepare("INSERT INTO budget_alerts (budget_id, period_key, threshold, kind, fired_at, figures) VALUES (1, '2025-03', 50, 'crossed', 0, '{}')");
    alert.run();
    expect(() => alert.run()).toThrow(/UNIQUE constraint failed/);
    f.db.prepare("INSERT INTO webhook_deliveries (alert_id, url, attempt, started_at, status) VALUES (1, 'http://127.0.0.1/x', 1, 0, 'pending')").run();
    f.db.pragma('foreign_keys = ON');
    f.db.prepare('DELETE FROM budgets WHERE id = 1').run();
    expect(count(f.db, 'budget_alerts') + count(f.db, 'webhook_deliveries')).toBe(0);
    f.db.close();
  });
});

describe('migration 6: tip dismissals', () => {
  it('remembers a dismissed tip once per month and tip', () => {
    const f = fileAt(5);
    migrateTo(f, 6);
    expect(columns(f.db, 'tip_dismissals')).toEqual(['period', 'tip_id', 'dismissed_at']);
    f.db.prepare("INSERT INTO tip_dismissals VALUES ('2025-09', 'caching:x', 1)").run();
    expect(() => f.db.prepare("INSERT INTO tip_dismissals VALUES ('2025-09', 'caching:x', 2)").run()).toThrow(/UNIQUE/);
    f.db.prepare("INSERT INTO tip_dismissals VALUES ('2025-10', 'caching:x', 2)").run();
    f.db.close();
  });
});

describe('migration 7: fact claims', () => {
  it('adds the claims table and swaps the batch index for (batch, day), keeping every fact; the ledger then imports and undoes', async () => {
    const f = fileAt(6);
    expect(indexes(f.db, 'usage_facts')).toContain('usage_facts_batch');
    migrateTo(f, 7);
    expect(columns(f.db, 'fact_claims')).toEqual(['fact_id', 'batch_id', 'source_line']);
    expect(indexes(f.db, 'fact_claims')).toEqual(['fact_claims_batch']);
    expect(indexes(f.db, 'usage_facts')).toContain('usage_facts_batch_day');
    expect(indexes(f.db, 'usage_facts')).not.toContain('usage_facts_batch');
    f.db.close();

    // The migrated file is a working ledger: a new import claims nothing it does not contain, undo keeps the old fact.
    const engine = createEngine({ dbPath: f.path });
    try {
      const r = await engine.dispatch('imports.commit', { paths: [fixture('openrouter-activity.csv')] });
      expect(r.ok).toBe(true);
      const batchId = r.ok ? (r.value as { files: Array<{ batchId: number }> }).files[0]!.batchId : 0;
      expect((await engine.dispatch('imports.undo', { batchId })).ok).toBe(true);
      expect(engine.ctx.db.prepare('SELECT id, batch_id FROM usage_facts').all()).toEqual([{ id: 7, batch_id: 1 }]);
      expect(count(engine.ctx.db, 'fact_claims')).toBe(0);
    } finally {
      engine.close();
    }
  });
});

describe('migration 8: the narrow rollup', () => {
  it('creates rollup_narrow empty; opening the ledger fills it', () => {
    const f = fileAt(7);
    migrateTo(f, 8);
    expect(count(f.db, 'rollup_narrow')).toBe(0);
    f.db.close();
    const { db } = openLedger(f.path);
    expect(db.prepare('SELECT day, provider, model, vendor, origin_region, facts, spend_nano FROM rollup_narrow').all()).toEqual([
      { day: '2025-09-10', provider: 'openrouter', model: 'gpt-4o', vendor: 'openai', origin_region: 'US', facts: 1, spend_nano: 5000000 },
    ]);
    db.close();
  });
});

describe('migration 9: mapping profiles', () => {
  it('adds mapping profiles, one per header and one per name whatever its case', () => {
    const f = fileAt(8);
    migrateTo(f, 9);
    const insert = f.db.prepare("INSERT INTO mapping_profiles (name, header_key, header, delimiter, roles, created_at, updated_at) VALUES (?, ?, '[]', ',', '{}', 0, 0)");
    insert.run('Gateway', 'k1');
    expect(() => insert.run('Other', 'k1')).toThrow(/UNIQUE constraint failed: mapping_profiles.header_key/);
    expect(() => insert.run('GATEWAY', 'k2')).toThrow(/UNIQUE constraint failed: mapping_profiles.name/);
    f.db.close();
  });
});

describe('migration 10: the hourly rollup', () => {
  it('creates rollup_hourly (with the UTC hour) empty; opening the ledger fills it', () => {
    const f = fileAt(9);
    migrateTo(f, 10);
    expect(columns(f.db, 'rollup_hourly').slice(0, 3)).toEqual(['day', 'hour', 'provider']);
    expect(count(f.db, 'rollup_hourly')).toBe(0);
    f.db.close();
    const { db } = openLedger(f.path);
    // 1757494800000 ms is hour 488193 since the epoch (09:00 UTC on Sept 10).
    expect(db.prepare('SELECT day, hour, model, facts FROM rollup_hourly').all()).toEqual([{ day: '2025-09-10', hour: 488193, model: 'gpt-4o', facts: 1 }]);
    db.close();
  });
});

describe('migration 11: tips and budgets rollups', () => {
  it('fills the tips rollup and the ledger days of a version-10 ledger from its facts, and a rebuild gives the same rows', () => {
    const f = fileAt(10, false);
    migrateTo(f, 11);
    expect(columns(f.db, 'rollup_tip_cells')).toEqual(expect.arrayContaining(['h00', 'h23', 'timed', 'facts']));
    expect(columns(f.db, 'budget_cache_rows')).toEqual(['budget_id', 'day', 'local_day', 'kind', 'key', 'amount', 'facts']);
    f.db.exec(`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.csv', 'x', 'crafted');
      INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, model_raw, api_key, input, output, requests)
      VALUES (1, 'c', 'a', 1757494800000, 1757494800000, '2025-09-10', 'request', 'openai', 'gpt-4o', 'gpt-4o-2024-08-06', 'k1', 100, 10, 1),
             (1, 'c', 'b', 1757498400000, 1757502000000, '2025-09-10', 'hour', 'openai', 'gpt-4o', 'gpt-4o-2024-08-06', 'k1', 200, 20, 2),
             (1, 'c', 'c', 1757548800000, 1757635200000, '2025-09-11', 'day', 'openai', 'gpt-4o', 'gpt-4o-2024-08-06', 'k1', 400, 40, 4);`);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      const cells = () => db.prepare('SELECT day, start_ms, end_ms, input, output, requests, facts, timed, h09, h10 FROM rollup_tip_cells ORDER BY day').all();
      // 09:00 and 10:00 UTC on Sept 10 (request and hour rows: timed), a day row on Sept 11.
      expect(cells()).toEqual([
        { day: '2025-09-10', start_ms: 1757494800000, end_ms: 1757502000000, input: 300, output: 30, requests: 3, facts: 2, timed: 1, h09: 110, h10: 220 },
        { day: '2025-09-11', start_ms: 1757548800000, end_ms: 1757635200000, input: 400, output: 40, requests: 4, facts: 1, timed: 0, h09: 0, h10: 0 },
      ]);
      expect(db.prepare('SELECT day, max_end_ms, facts FROM ledger_days ORDER BY day').all()).toEqual([
        { day: '2025-09-10', max_end_ms: 1757502000000, facts: 2 },
        { day: '2025-09-11', max_end_ms: 1757635200000, facts: 1 },
      ]);
      const before = JSON.stringify(cells());
      db.transaction(() => rebuildDerived(db))();
      expect(JSON.stringify(cells())).toBe(before);
    } finally {
      db.close();
    }
  });
});

describe('migration 12: the hourly spend rollup', () => {
  it('fills the spend per UTC day, hour, vendor and region of a version-11 ledger, and keeps it on refresh and rebuild', () => {
    const f = fileAt(11, false);
    // Two request rows in the 09:00 UTC hour of Sept 10 (2 + 3 USD), one at 10:00 (4 USD, another model),
    // a day-grain bill on Sept 11 (7 USD, hour NULL) and an unpriced request (no spend: NULL).
    f.db.exec(`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.csv', 'x', 'crafted');
      INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, vendor, origin_region, input, output, requests, billed_nano, billed_currency, price_status)
      VALUES (1, 'c', 'a', 1757494800000, 1757494800000, '2025-09-10', 'request', 'openai', 'gpt-4o', 'openai', 'US', 100, 10, 1, 2000000000, 'USD', 'not_applicable'),
             (1, 'c', 'b', 1757496000000, 1757496000000, '2025-09-10', 'request', 'openai', 'gpt-4o', 'openai', 'US', 100, 10, 1, 3000000000, 'USD', 'not_applicable'),
             (1, 'c', 'c', 1757498400000, 1757498400000, '2025-09-10', 'request', 'openai', 'o4-mini', 'openai', 'US', 100, 10, 1, 4000000000, 'USD', 'not_applicable'),
             (1, 'c', 'd', 1757548800000, 1757635200000, '2025-09-11', 'day', 'deepseek', 'deepseek-chat', 'deepseek', 'CN', 100, 10, 1, 7000000000, 'USD', 'not_applicable'),
             (1, 'c', 'e', 1757498400000, 1757498400000, '2025-09-10', 'request', 'zhipu', 'glm-4.5', 'zhipu', 'CN', 100, 10, 1, NULL, NULL, 'unpriced');`);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      const rows = () => db.prepare('SELECT day, hour, vendor, origin_region, currency, spend_nano FROM rollup_hourly_spend ORDER BY day, hour, vendor').all();
      // Hours since the epoch: 1757494800000 ms is hour 488193 (09:00 UTC), 1757498400000 hour 488194.
      const expected = [
        { day: '2025-09-10', hour: 488193, vendor: 'openai', origin_region: 'US', currency: 'USD', spend_nano: 5000000000 },
        { day: '2025-09-10', hour: 488194, vendor: 'openai', origin_region: 'US', currency: 'USD', spend_nano: 4000000000 },
        { day: '2025-09-10', hour: 488194, vendor: 'zhipu', origin_region: 'CN', currency: '', spend_nano: null },
        { day: '2025-09-11', hour: null, vendor: 'deepseek', origin_region: 'CN', currency: 'USD', spend_nano: 7000000000 },
      ];
      expect(rows()).toEqual(expected);
      db.transaction(() => refreshDerived(db, ['2025-09-10']))();
      expect(rows()).toEqual(expected);
      db.transaction(() => rebuildDerived(db))();
      expect(rows()).toEqual(expected);
    } finally {
      db.close();
    }
  });
});

describe('migration 13: recorded cost', () => {
  it("moves a LiteLLM log's money from billed to recorded, names the provider that bills each fact, and the rollups count it as recorded spend", () => {
    const { path, db } = fileAt(12);
    db.exec(`
      INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (2, 1756684800000, 'spend.csv', 'def', 'litellm-spend-csv');
      INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, host, model, vendor, origin_region, input, output, requests, billed_nano, billed_currency)
        VALUES (8, 2, 'litellm-spend-csv', 'litellm:x', 1757494800000, 1757494800001, '2025-09-10', 'request', 'litellm', 'bedrock', 'claude-sonnet-4-20250514', 'anthropic', 'US', 10, 2, 1, 172113000, 'USD');
      INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, vendor, origin_region, input, output, requests)
        VALUES (9, 2, 'claude-code-jsonl', 'cc:y', 1757494800000, 1757494800001, '2025-09-10', 'request', 'claude-code', 'claude-sonnet-4-20250514', 'anthropic', 'US', 10, 2, 1);
    `);
    db.close();
    const { db: migrated } = openLedger(path);
    expect(migrated.prepare('SELECT id, billed_nano, recorded_nano, recorded_currency, billed_by FROM usage_facts ORDER BY id').all()).toEqual([
      { id: 7, billed_nano: 5000000, recorded_nano: null, recorded_currency: null, billed_by: 'openrouter' },
      { id: 8, billed_nano: null, recorded_nano: 172113000, recorded_currency: 'USD', billed_by: 'aws-bedrock' },
      { id: 9, billed_nano: null, recorded_nano: null, recorded_currency: null, billed_by: 'anthropic' },
    ]);
    expect(columns(migrated, 'fact_history')).toEqual(expect.arrayContaining(['recorded_nano', 'recorded_currency', 'billed_by']));
    expect(migrated.prepare("SELECT sum(billed_nano) AS billed, sum(recorded_nano) AS recorded, sum(spend_nano) AS spend FROM rollup_daily WHERE provider = 'litellm'").get()).toEqual({
      billed: null,
      recorded: 172113000,
      spend: 172113000,
    });
    migrated.close();
  });
});

describe('migration 14: a bucket keeps the day its export names', () => {
  it('moves a Beijing-time day bucket stored on the UTC day before to its own day, leaves instants and UTC buckets, and refills the rollups', () => {
    const f = fileAt(13, false);
    // Zhipu's 账期 2025-09-01 read in Beijing time (starts 2025-08-31T16:00Z), stored by version 13 on 08-31;
    // a UTC day bucket of Sept 2; a request at 23:00 UTC on Aug 31 (an instant: stays on its UTC day).
    f.db.exec(`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.csv', 'x', 'crafted');
      INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, vendor, origin_region, input, output, requests, billed_nano, billed_currency, price_status)
      VALUES (1, 'c', 'a', ${Date.parse('2025-08-31T16:00:00Z')}, ${Date.parse('2025-09-01T16:00:00Z')}, '2025-08-31', 'day', 'zhipu', 'glm-4.5', 'zhipu', 'CN', 100, 10, 1, 7000000000, 'CNY', 'not_applicable'),
             (1, 'c', 'b', ${Date.parse('2025-09-02T00:00:00Z')}, ${Date.parse('2025-09-03T00:00:00Z')}, '2025-09-02', 'day', 'openai', 'gpt-4o', 'openai', 'US', 100, 10, 1, 2000000000, 'USD', 'not_applicable'),
             (1, 'c', 'c', ${Date.parse('2025-08-31T23:00:00Z')}, ${Date.parse('2025-08-31T23:00:00Z')}, '2025-08-31', 'request', 'openai', 'gpt-4o', 'openai', 'US', 100, 10, 1, 3000000000, 'USD', 'not_applicable');`);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      expect(db.prepare('SELECT identity, day FROM usage_facts ORDER BY identity').all()).toEqual([
        { identity: 'a', day: '2025-09-01' },
        { identity: 'b', day: '2025-09-02' },
        { identity: 'c', day: '2025-08-31' },
      ]);
      expect(db.prepare('SELECT day, currency, sum(spend_nano) AS s FROM rollup_daily GROUP BY day, currency ORDER BY day').all()).toEqual([
        { day: '2025-08-31', currency: 'USD', s: 3000000000 },
        { day: '2025-09-01', currency: 'CNY', s: 7000000000 },
        { day: '2025-09-02', currency: 'USD', s: 2000000000 },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('the migrations as shipped', () => {
  it('are numbered 1, 2, 3... in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('fill the derived tables of an old ledger exactly as a rebuild from its facts would', async () => {
    // A version-3 ledger with the demo's facts in it (imported by today's pipeline, then the later tables dropped).
    const engine = createEngine({ dbPath: join(tempDir(), 'demo.sqlite') });
    await engine.dispatch('demo.load', {});
    const rebuilt = dumpDerived(engine.ctx.db);
    const path = engine.ctx.dbPath;
    engine.close();
    const old = new Database(path) as WritableDb;
    const later = old.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('import_batches', 'usage_facts', 'settings', 'fact_history', 'token_supersessions', 'price_overrides', 'price_sources', 'price_source_entries', 'fx_rates', 'vendor_regions', 'price_state')").pluck().all() as string[];
    for (const t of later) old.exec(`DROP TABLE ${t}`);
    old.exec('DROP INDEX usage_facts_batch_day; CREATE INDEX usage_facts_batch ON usage_facts(batch_id);');
    old.exec('DROP INDEX usage_facts_session'); // migration 22 (028's, on the column it adds)
    for (const t of ['usage_facts', 'fact_history']) old.exec(`ALTER TABLE ${t} DROP COLUMN session`); // migration 28
    old.exec('DROP INDEX usage_facts_unestimated'); // migration 26
    old.exec('DROP INDEX usage_facts_day; CREATE INDEX usage_facts_day ON usage_facts(day, provider); CREATE INDEX usage_facts_coverage ON usage_facts(provider, day, line_type);'); // migration 23
    // The fact columns migration 13 adds (the demo has no recorded cost; billed_by is filled again from provider and host).
    // ... and migration 18 (plan).
    for (const t of ['usage_facts', 'fact_history']) for (const c of ['recorded_nano', 'recorded_currency', 'billed_by', 'plan']) old.exec(`ALTER TABLE ${t} DROP COLUMN ${c}`);
    old.exec('ALTER TABLE import_batches DROP COLUMN demo'); // added by migration 15
    for (const c of ['bundle_id', 'origin_machine', 'origin_batch']) old.exec(`ALTER TABLE import_batches DROP COLUMN ${c}`); // migration 17
    // Migration 31's named checks (the IN checks it took out stay out: it adds its own either way).
    for (const c of ['granularity', 'origin_region', 'line_type', 'price_status']) old.exec(`ALTER TABLE usage_facts DROP CONSTRAINT usage_facts_${c}`);
    old.pragma('user_version = 3');
    old.close();
    const { db } = openLedger(path);
    expect(dumpDerived(db)).toEqual(rebuilt);
    db.close();
  });
});

/** Every derived table's rows, in a stable order (ledger_days without its version, a counter). */
function dumpDerived(db: WritableDb): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['rollup_daily', 'rollup_narrow', 'rollup_hourly', 'rollup_hourly_spend', 'rollup_tip_cells']) {
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY ${columns(db, t).join(', ')}`).all();
  }
  out.ledger_days = db.prepare('SELECT day, max_end_ms, facts FROM ledger_days ORDER BY day').all();
  return out;
}

describe('migration 15: demo batches are marked', () => {
  it('adds import_batches.demo, marks the batches the demo loader labelled, and leaves the user imports unmarked', () => {
    const f = fileAt(14, false);
    f.db.exec(`INSERT INTO import_batches (id, created_at, file_name, sha256, format, label) VALUES
      (1, 0, 'mine.csv', 'a', 'openai-costs-json', NULL), (2, 0, 'openai-costs.json', 'b', 'openai-costs-json', 'Demo data'),
      (3, 0, 'other.csv', 'c', 'openai-costs-json', 'September close');`);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      expect(db.prepare('SELECT id, demo FROM import_batches ORDER BY id').all()).toEqual([
        { id: 1, demo: 0 },
        { id: 2, demo: 1 },
        { id: 3, demo: 0 },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('migration 16: display names', () => {
  it('adds display_names to a version-15 ledger, keyed by dimension and id, with the facts kept', () => {
    const f = fileAt(15);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      expect(columns(db, 'display_names')).toEqual(['dimension', 'value', 'name', 'updated_at']);
      expect(count(db, 'usage_facts')).toBe(1);
      db.prepare("INSERT INTO display_names VALUES ('project', 'p1', 'Support bot', 0)").run();
      expect(() => db.prepare("INSERT INTO display_names VALUES ('project', 'p1', 'Other', 0)").run()).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO display_names VALUES ('model', 'gpt-4o', 'X', 0)").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO display_names VALUES ('member', 'u1', '', 0)").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

describe('migration 17: team bundles', () => {
  it('adds bundle_imports and the origin of a batch to a version-16 ledger; the old batch stays this machine\'s own', () => {
    const f = fileAt(16);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      expect(columns(db, 'bundle_imports')).toEqual(expect.arrayContaining(['machine_id', 'sequence', 'since_day', 'sha256', 'status']));
      expect(columns(db, 'bundle_kept_supersessions')).toEqual(['bundle_id', 'superseding_batch_id', 'fact_id', 'created_by_batch_id']);
      expect(columns(db, 'import_batches')).toEqual(expect.arrayContaining(['bundle_id', 'origin_machine', 'origin_batch']));
      expect(db.prepare('SELECT bundle_id, origin_machine FROM import_batches WHERE id = 1').get()).toEqual({ bundle_id: null, origin_machine: null });
      expect(count(db, 'usage_facts')).toBe(1);
      expect(() => db.prepare("INSERT INTO bundle_imports (machine_id, sequence, exported_at, file_name, sha256, imported_at, status) VALUES ('m', 1, 0, 'b', 'x', 0, 'gone')").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

describe('migration 18: plan or pay-as-you-go', () => {
  it("reads an imported Cursor row's Kind into its plan, adds the user's settings table, and the rollups keep an Included row's cost out of spend", () => {
    const f = fileAt(17);
    f.db.exec(`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (2, 0, 'usage-events.csv', 'c', 'cursor-usage-csv');
      INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model_raw, tags, input, output, requests, recorded_nano, recorded_currency)
      VALUES (8, 2, 'cursor-usage-csv', 'cursor:a', 1757494800000, 1757494800001, '2025-09-10', 'request', 'cursor', 'auto', '{"kind":"Included"}', 10, 2, 1, 850000000, 'USD'),
             (9, 2, 'cursor-usage-csv', 'cursor:b', 1757494800000, 1757494800001, '2025-09-10', 'request', 'cursor', 'auto', '{"kind":"On-Demand"}', 10, 2, 1, 120000000, 'USD'),
             (10, 2, 'cursor-usage-csv', 'cursor:c', 1757494800000, 1757494800001, '2025-09-10', 'request', 'cursor', 'auto', '{"kind":"free"}', 10, 2, 1, 30000000, 'USD');`);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      expect(db.prepare('SELECT id, plan FROM usage_facts ORDER BY id').all()).toEqual([
        { id: 7, plan: null },
        { id: 8, plan: 'included' },
        { id: 9, plan: 'payg' },
        { id: 10, plan: null },
      ]);
      expect(columns(db, 'fact_history')).toContain('plan');
      expect(columns(db, 'usage_plans')).toEqual(['provider', 'account', 'plan', 'updated_at']);
      expect(() => db.prepare("INSERT INTO usage_plans VALUES ('cursor', '', 'free', 0)").run()).toThrow(/CHECK/);
      expect(db.prepare("SELECT sum(spend_nano) AS spend, sum(notional_nano) AS notional FROM rollup_daily WHERE provider = 'cursor'").get()).toEqual({ spend: 150000000, notional: 850000000 });
    } finally {
      db.close();
    }
  });
});

describe('migration 20: member and machine', () => {
  it("gives this ledger a machine id, keeps each machine's member, and the wide rollup carries the machine and the member of every fact", () => {
    const f = fileAt(19);
    f.db.exec(`INSERT INTO settings (key, value) VALUES ('team.member', '"ada"');
      INSERT INTO bundle_imports (id, machine_id, member, sequence, exported_at, file_name, sha256, imported_at) VALUES
        (1, 'm-bo', 'bo', 1, 0, 'b1.tlbundle', 'x', 0), (2, 'm-bo', 'Bo Li', 2, 0, 'b2.tlbundle', 'y', 0);
      INSERT INTO import_batches (id, created_at, file_name, sha256, format, bundle_id, origin_machine) VALUES (2, 0, 'b.csv', 'b', 'openrouter-activity-csv', 2, 'm-bo');
      INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, input, output, requests, billed_nano, billed_currency)
        VALUES (8, 2, 'openrouter-activity-csv', 'or-gen:bo', 1757494800000, 1757494800001, '2025-09-10', 'request', 'openrouter', 1, 1, 1, 1000000, 'USD');`);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      const id = JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'team.machineId'").pluck().get() as string) as string;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(db.prepare('SELECT machine_id, member FROM machine_members ORDER BY member').all()).toEqual([
        { machine_id: 'm-bo', member: 'Bo Li' },
        { machine_id: id, member: 'ada' },
      ]);
      expect(db.prepare('SELECT machine, member, spend_nano FROM rollup_daily ORDER BY spend_nano').all()).toEqual([
        { machine: 'm-bo', member: 'Bo Li', spend_nano: 1000000 },
        { machine: id, member: 'ada', spend_nano: 5000000 },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('migration 21: month close', () => {
  it('adds the closed months and a held_facts table with every column of the facts and what the hold is', () => {
    const f = fileAt(20);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      expect(columns(db, 'closed_months')).toEqual(['month', 'closed_at']);
      // Later fact columns are added to both tables (migration 028: session), after hold_kind and hold_month.
      expect(columns(db, 'held_facts').sort()).toEqual([...columns(db, 'usage_facts'), 'hold_kind', 'hold_month'].sort());
      expect(() => db.prepare("INSERT INTO closed_months VALUES ('September', 0)").run()).toThrow(/CHECK/);
      expect(count(db, 'usage_facts')).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('migration 23: one day index on the facts', () => {
  it('replaces the day and coverage indexes by one on (day, provider, line_type) that a bill line lookup uses, keeping every fact', () => {
    const f = fileAt(22);
    f.db.close();
    const { db } = openLedger(f.path);
    try {
      expect(indexes(db, 'usage_facts')).toEqual(['usage_facts_batch_day', 'usage_facts_day', 'usage_facts_identity', 'usage_facts_session', 'usage_facts_unestimated']);
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT 1 FROM usage_facts b WHERE b.provider = 'openrouter' AND b.day = '2025-09-01' AND b.line_type IN ('cost', 'credit', 'tax', 'fee')")
        .all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX usage_facts_day \(day=\? AND provider=\? AND line_type=\?\)/);
      expect(count(db, 'usage_facts')).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('migration 25: why a webhook delivery failed, as a message id', () => {
  it('adds error_said beside the English error; an older delivery keeps its text and has no id', () => {
    const f = fileAt(24);
    f.db.exec(`
      INSERT INTO budgets (id, name, definition, created_at, updated_at) VALUES (1, 'B', '{}', 0, 0);
      INSERT INTO budget_alerts (id, budget_id, period_key, threshold, kind, fired_at, figures) VALUES (1, 1, '2025-09', 50, 'crossed', 0, '{}');
      INSERT INTO webhook_deliveries (alert_id, url, attempt, started_at, status, error) VALUES (1, 'http://x', 1, 0, 'failed', 'HTTP 500 Internal Server Error');
    `);
    expect(migrateTo(f, 25).version).toBe(25);
    expect(columns(f.db, 'webhook_deliveries')).toContain('error_said');
    expect(f.db.prepare('SELECT error, error_said FROM webhook_deliveries').get()).toEqual({ error: 'HTTP 500 Internal Server Error', error_said: null });
  });
});

describe('migration 28: the session stored with the fact', () => {
  it("fills session from a version-27 ledger's tags (session id, else task id) in the facts, their history and held copies, and the status line's session query reads it through the index", () => {
    const f = fileAt(27);
    f.db.exec(`
      INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, tags, input, output, estimated_nano, estimated_currency, price_status)
        VALUES (8, 1, 'claude-code-jsonl', 'cc|a', 1757494800000, 1757494800000, '2025-09-10', 'request', 'claude-code', '{"sessionId":"s-1","version":"1.0"}', 10, 2, 3000, 'USD', 'priced'),
               (9, 1, 'claude-code-jsonl', 'cc|b', 1757498400000, 1757498400000, '2025-09-10', 'request', 'claude-code', '{"sessionId":"s-1"}', 5, 1, 1000, 'USD', 'priced'),
               (10, 1, 'cline-tasks', 'cl|c', 1757498400000, 1757498400000, '2025-09-10', 'request', 'cline', '{"taskId":"t-9"}', 7, 1, 500, 'USD', 'priced'),
               (11, 1, 'claude-code-jsonl', 'cc|d', 1757498400000, 1757498400000, '2025-09-10', 'request', 'claude-code', '{"version":"1.0"}', 1, 1, 100, 'USD', 'priced');
      INSERT INTO held_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, tags, hold_kind, hold_month)
        VALUES (12, 1, 'cline-tasks', 'cl|held', 1757498400000, 1757498400000, '2025-09-10', 'request', 'cline', '{"taskId":"t-held"}', 'new', '2025-09');
    `);
    // A revision kept the fact's earlier values, from another session.
    const cols = columns(f.db, 'usage_facts').filter((c) => c !== 'id').join(', ');
    f.db.exec(`INSERT INTO fact_history (revised_by_batch_id, id, ${cols}) SELECT 1, id, ${cols} FROM usage_facts WHERE id = 9`);
    f.db.exec(`UPDATE fact_history SET tags = '{"sessionId":"old-s"}'`);
    const sessionAt27 = "SELECT id, coalesce(json_extract(tags, '$.sessionId'), json_extract(tags, '$.taskId')) AS session FROM usage_facts ORDER BY id";
    const before = f.db.prepare(sessionAt27).all();
    expect(migrateTo(f, 28).version).toBe(28);
    expect(f.db.prepare('SELECT id, session FROM usage_facts ORDER BY id').all()).toEqual(before);
    expect(f.db.prepare('SELECT id, session FROM usage_facts ORDER BY id').all()).toEqual([
      { id: 7, session: null },
      { id: 8, session: 's-1' },
      { id: 9, session: 's-1' },
      { id: 10, session: 't-9' },
      { id: 11, session: null },
    ]);
    expect(f.db.prepare('SELECT session FROM fact_history').pluck().all()).toEqual(['old-s']);
    expect(f.db.prepare('SELECT session FROM held_facts').pluck().all()).toEqual(['t-held']);
    // The status line's question (reports/agent-views-store.ts sessionMoney) finds the session's facts through the index.
    expect(sessionMoney(f.db, 's-1', '2025-09-04')).toEqual([{ currency: 'USD', spend: 4000n, notional: null, unpriced: 0n }]);
    expect(sessionMoney(f.db, 't-9', '2025-09-04')).toEqual([{ currency: 'USD', spend: 500n, notional: null, unpriced: 0n }]);
    const plan = f.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM usage_facts f WHERE f.day >= '2025-09-04' AND f.session = 's-1'").all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX usage_facts_session \(session=\? AND day>\?\)/);
  });
});

describe('migration 29: the unpriced usage from its index', () => {
  it("keeps a version-28 ledger's unpriced list (a month's and the whole ledger's) and reads it through the index of unestimated usage", () => {
    const f = fileAt(28);
    f.db.exec(`
      INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, model_raw, host, service_tier, line_type, input, cache_read, output, requests, counts_tokens, price_status)
        VALUES (20, 1, 'f', 'u1', 1757494800000, 1757494800000, '2025-09-10', 'request', 'openrouter', NULL, 'mystery-1', 'h1', 'standard', 'usage', 100, 5, 10, 1, 1, 'unpriced'),
               (21, 1, 'f', 'u2', 1757498400000, 1757498400000, '2025-09-10', 'request', 'openrouter', NULL, 'mystery-1', 'h0', 'standard', 'usage', 50, 0, 5, 1, 1, 'unpriced'),
               (22, 1, 'f', 'u3', 1759294800000, 1759294800000, '2025-10-01', 'request', 'deepseek', 'deepseek-chat', 'deepseek-chat', NULL, 'flex', 'usage', 7, 0, 1, 1, 1, 'not_applicable'),
               (23, 1, 'f', 'u4', 1757494800000, 1757494800000, '2025-09-10', 'request', 'openrouter', NULL, 'mystery-2', NULL, 'standard', 'usage', 999, 0, 0, 1, 0, 'unpriced'),
               (24, 1, 'f', 'u5', 1757494800000, 1757494800000, '2025-09-10', 'day', 'openrouter', NULL, 'mystery-3', NULL, 'standard', 'cost', 999, 0, 0, 0, 1, 'unpriced');
    `);
    const before = [unpricedUsage(f.db), unpricedUsage(f.db, { from: '2025-09-01', to: '2025-09-30' })];
    expect(before[1]).toEqual([
      { model: 'mystery-1', provider: 'openrouter', tier: 'standard', tokens: 170n, billed_tokens: 0n, facts: 2n, model_raw: 'mystery-1', host: 'h0', inference_geo: null, start_ms: 1757494800000n, input: 150n, cache_read: 5n, cache_write_5m: 0n, cache_write_1h: 0n, output: 15n },
      // fileAt's fact: billed, with no estimate.
      { model: 'gpt-4o', provider: 'openrouter', tier: 'standard', tokens: 120n, billed_tokens: 0n, facts: 1n, model_raw: null, host: null, inference_geo: null, start_ms: 1757494800000n, input: 100n, cache_read: 0n, cache_write_5m: 0n, cache_write_1h: 0n, output: 20n },
    ]);
    expect(migrateTo(f, 29).version).toBe(29);
    expect([unpricedUsage(f.db), unpricedUsage(f.db, { from: '2025-09-01', to: '2025-09-30' })]).toEqual(before);
    const plan = f.db
      .prepare("EXPLAIN QUERY PLAN SELECT provider, sum(input) FROM usage_facts WHERE line_type = 'usage' AND counts_tokens = 1 AND estimated_nano IS NULL AND day >= '2025-09-01' AND day <= '2025-09-30' GROUP BY 1")
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX usage_facts_unestimated \(day>\? AND day<\?\)/);
    // Every column the list reads is in the index (the table's row is never visited: SQLite seeks it only for a
    // column the index lacks, and the index's own condition covers the rest of the WHERE).
    const held = f.db.prepare("SELECT name FROM pragma_index_info('usage_facts_unestimated')").pluck().all();
    const read = ['day', 'model', 'model_raw', 'provider', 'service_tier', 'input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'price_status', 'host', 'inference_geo', 'start_ms'];
    expect(held).toEqual(expect.arrayContaining(read));
  });
});

describe('migration 30: the Overview reads the narrow rollup by line type, and the spend from indexes', () => {
  it("sums a version-29 ledger's narrow rollup again from rollup_daily by line type, as a rebuild from the facts gives it, and indexes the day rollups' spend", () => {
    const f = fileAt(29);
    // A bill line beside fileAt's usage fact, on the same day and narrow dimensions: one row of each line type.
    f.db.exec(`
      INSERT INTO usage_facts (id, batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, vendor, origin_region, line_type, input, requests, billed_nano, billed_currency)
        VALUES (8, 1, 'openrouter-activity-csv', 'or-gen:cost', 1757462400000, 1757548800000, '2025-09-10', 'day', 'openrouter', 'gpt-4o', 'openai', 'US', 'cost', 0, 0, 7000000, 'USD');
    `);
    // The rollups as version 29 kept them: rollup_daily (unchanged by 30) from the facts, rollup_narrow summed from it without the line type.
    f.db.exec(`INSERT INTO rollup_daily (${GROUP_COLS}, ${ROLLUP_MEASURES.join(', ')}) SELECT ${GROUP_COLS}, ${MEASURE_SUMS} FROM (${factLegs(sql.raw('1 = 1')).text}) GROUP BY ${GROUP_COLS}`);
    const v29 = 'day, provider, model, model_raw, model_family, vendor, origin_region, project, currency';
    f.db.exec(`INSERT INTO rollup_narrow (${v29}, ${ROLLUP_MEASURES.join(', ')}) SELECT ${v29}, ${MEASURE_SUMS} FROM rollup_daily GROUP BY ${v29}`);
    expect(count(f.db, 'rollup_narrow')).toBe(1);
    expect(migrateTo(f, 30).version).toBe(30);
    const narrow = () => f.db.prepare('SELECT * FROM rollup_narrow ORDER BY line_type').all();
    const migrated = narrow();
    expect(migrated).toMatchObject([
      { day: '2025-09-10', provider: 'openrouter', model: 'gpt-4o', line_type: 'cost', billed_nano: 7000000 },
      { day: '2025-09-10', provider: 'openrouter', model: 'gpt-4o', line_type: 'usage', billed_nano: 5000000, input: 100, facts: 1 },
    ]);
    f.db.transaction(() => rebuildDerived(f.db))();
    expect(narrow()).toEqual(migrated);
    expect(indexes(f.db, 'rollup_daily')).toContain('rollup_daily_spend');
    expect(indexes(f.db, 'rollup_narrow')).toEqual(['rollup_narrow_key', 'rollup_narrow_spend']);
    const plan = f.db.prepare("EXPLAIN QUERY PLAN SELECT day, currency, spend_nano FROM rollup_daily WHERE day >= '2025-09-01' AND day <= '2025-09-30' AND NOT (currency IN ('USD', ''))").all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX rollup_daily_spend/);
  });
});

describe('migration 31: the facts checked without a table per row', () => {
  it("keeps a version-30 ledger's facts and what its checks allow and refuse, and inserting a fact builds no table of an IN list", () => {
    const f = fileAt(30);
    const insertProgram = () =>
      (f.db.prepare("EXPLAIN INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider) VALUES (1, 'f', 'x', 0, 1, '2025-09-10', 'request', 'p')").all() as Array<{ opcode: string }>).filter(
        (op) => op.opcode === 'OpenEphemeral',
      ).length;
    // Version 30 checks granularity, origin_region, line_type and price_status with IN lists: a table built for each, per row.
    expect(insertProgram()).toBe(4);
    const before = f.db.prepare('SELECT * FROM usage_facts').all();
    const result = migrateTo(f, 31);
    expect(result.version).toBe(31);
    expect(result.backupPath).not.toBeNull();
    expect(f.db.prepare('SELECT * FROM usage_facts').all()).toEqual(before);
    expect(insertProgram()).toBe(0);
    expect(f.db.pragma('integrity_check', { simple: true })).toBe('ok');

    let n = 0;
    // A fact with `column` set to `value` (granularity 'request' unless that is the column).
    const insert = (column: string, value: string | null) => {
      const set = { granularity: 'request', [column]: value };
      const names = Object.keys(set);
      return f.db
        .prepare(`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, provider, ${names.join(', ')}) VALUES (1, 'f', ?, 0, 1, '2025-09-10', 'p', ${names.map(() => '?').join(', ')})`)
        .run(`m31:${n++}`, ...Object.values(set));
    };
    const allowed: Record<string, Array<string | null>> = {
      granularity: ['request', 'hour', 'day', 'month'],
      origin_region: ['US', 'CN', 'EU', 'other', null],
      line_type: ['usage', 'cost', 'credit', 'tax', 'fee'],
      price_status: ['priced', 'unpriced', 'not_applicable', null],
    };
    for (const [column, values] of Object.entries(allowed)) {
      for (const v of values) expect(() => insert(column, v)).not.toThrow();
      for (const v of ['week', 'us', 'Usage', '']) expect(() => insert(column, v)).toThrow(`CHECK constraint failed: usage_facts_${column}`);
    }
    // The checks of two values and the others stay as they were.
    expect(() => insert('counts_tokens', '2')).toThrow(/CHECK constraint failed/);
    expect(() => insert('plan', 'free')).toThrow(/CHECK constraint failed/);
    expect(() => f.db.prepare("INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, output, reasoning) VALUES (1, 'f', 'm31:r', 0, 1, '2025-09-10', 'request', 'p', 1, 2)").run()).toThrow(/CHECK constraint failed/);
    expect(count(f.db, 'usage_facts')).toBe(1 + 18);
    f.db.close();
  });
});

describe("migration 32: a fact's batch checked at the commit", () => {
  it("keeps a version-31 ledger's facts, and a fact naming no batch still fails, at the commit instead of its statement", () => {
    const f = fileAt(31);
    const orphan = (identity: string) =>
      f.db.prepare("INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider) VALUES (99, 'f', ?, 0, 1, '2025-09-10', 'request', 'p')").run(identity);
    // Version 31: the statement itself fails.
    f.db.exec('BEGIN');
    expect(() => orphan('m32:a')).toThrow('FOREIGN KEY constraint failed');
    f.db.exec('ROLLBACK');
    const before = f.db.prepare('SELECT * FROM usage_facts').all();
    const result = migrateTo(f, 32);
    expect(result.version).toBe(32);
    expect(result.backupPath).not.toBeNull();
    expect(f.db.prepare('SELECT * FROM usage_facts').all()).toEqual(before);
    expect(f.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(f.db.pragma('foreign_key_check', { simple: true })).toBeUndefined();
    // Version 32: the statement passes, the commit fails and writes nothing.
    f.db.exec('BEGIN');
    expect(() => orphan('m32:b')).not.toThrow();
    expect(() => f.db.exec('COMMIT')).toThrow('FOREIGN KEY constraint failed');
    f.db.exec('ROLLBACK');
    expect(f.db.prepare('SELECT * FROM usage_facts').all()).toEqual(before);
    // The batch's key is all that changed: the facts' other constraints refuse as before.
    expect(() => f.db.prepare("INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider) VALUES (1, 'f', 'm32:c', 0, 1, '2025-09-10', 'week', 'p')").run()).toThrow('CHECK constraint failed: usage_facts_granularity');
    expect(() => f.db.prepare("INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider) VALUES (1, 'f', 'or-gen:old', 0, 1, '2025-09-10', 'request', 'p')").run()).toThrow('UNIQUE constraint failed: usage_facts.identity');
    f.db.close();
  });
});
