import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../../../../test/helpers/tmp';
import { openLedger, type WritableDb } from '../connection';
import { rebuildAllRollups, rebuildAllRollupsSql, rebuildHourlyRollupsSql, rebuildNarrowRollupsSql, refreshRollups } from '../repos/rollups';
import { MIGRATIONS, migrate } from './index';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

describe('migration 12: the hourly spend rollup', () => {
  it('fills the spend per UTC day, hour, vendor and region of a version-11 ledger, and keeps it on refresh and rebuild', () => {
    const path = join(tempDir(), 'v11.sqlite');
    const old = new Database(path) as WritableDb;
    migrate(old, path, MIGRATIONS.filter((m) => m.version <= 11));
    // Two request rows in the 09:00 UTC hour of Sept 10 (2 + 3 USD), one at 10:00 (4 USD, another model),
    // a day-grain bill on Sept 11 (7 USD, hour NULL) and an unpriced request (no spend: NULL).
    old.exec(`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.csv', 'x', 'crafted');
      INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, vendor, origin_region, input, output, requests, billed_nano, billed_currency, price_status)
      VALUES (1, 'c', 'a', 1757494800000, 1757494800000, '2025-09-10', 'request', 'openai', 'gpt-4o', 'openai', 'US', 100, 10, 1, 2000000000, 'USD', 'not_applicable'),
             (1, 'c', 'b', 1757496000000, 1757496000000, '2025-09-10', 'request', 'openai', 'gpt-4o', 'openai', 'US', 100, 10, 1, 3000000000, 'USD', 'not_applicable'),
             (1, 'c', 'c', 1757498400000, 1757498400000, '2025-09-10', 'request', 'openai', 'o4-mini', 'openai', 'US', 100, 10, 1, 4000000000, 'USD', 'not_applicable'),
             (1, 'c', 'd', 1757548800000, 1757635200000, '2025-09-11', 'day', 'deepseek', 'deepseek-chat', 'deepseek', 'CN', 100, 10, 1, 7000000000, 'USD', 'not_applicable'),
             (1, 'c', 'e', 1757498400000, 1757498400000, '2025-09-10', 'request', 'zhipu', 'glm-4.5', 'zhipu', 'CN', 100, 10, 1, NULL, NULL, 'unpriced');`);
    // The rollups a version-11 ledger has, from its facts (its own import would have refreshed them).
    old.exec(rebuildAllRollupsSql() + rebuildNarrowRollupsSql() + rebuildHourlyRollupsSql());
    old.close();

    const { db } = openLedger(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(12);
      const rows = () =>
        db.prepare('SELECT day, hour, vendor, origin_region, currency, spend_nano FROM rollup_hourly_spend ORDER BY day, hour, vendor').all();
      // Hours since the epoch: 1757494800000 ms is hour 488193 (09:00 UTC), 1757498400000 hour 488194.
      const expected = [
        { day: '2025-09-10', hour: 488193, vendor: 'openai', origin_region: 'US', currency: 'USD', spend_nano: 5000000000 },
        { day: '2025-09-10', hour: 488194, vendor: 'openai', origin_region: 'US', currency: 'USD', spend_nano: 4000000000 },
        { day: '2025-09-10', hour: 488194, vendor: 'zhipu', origin_region: 'CN', currency: '', spend_nano: null },
        { day: '2025-09-11', hour: null, vendor: 'deepseek', origin_region: 'CN', currency: 'USD', spend_nano: 7000000000 },
      ];
      expect(rows()).toEqual(expected);
      db.transaction(() => refreshRollups(db, ['2025-09-10']))();
      expect(rows()).toEqual(expected);
      db.transaction(() => rebuildAllRollups(db))();
      expect(rows()).toEqual(expected);
    } finally {
      db.close();
    }
  });
});
