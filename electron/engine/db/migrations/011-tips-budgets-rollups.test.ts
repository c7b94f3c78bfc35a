import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../../../../test/helpers/tmp';
import { openLedger, type WritableDb } from '../connection';
import { rebuildAllRollups } from '../repos/rollups';
import { MIGRATIONS, migrate } from './index';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

describe('migration 11: tips and budgets rollups', () => {
  it('fills the tips rollup and the ledger days of a version-10 ledger from its facts', () => {
    const path = join(tempDir(), 'v10.sqlite');
    const old = new Database(path) as WritableDb;
    migrate(old, path, MIGRATIONS.filter((m) => m.version <= 10));
    old.exec(`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'a.csv', 'x', 'crafted');
      INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, model_raw, api_key, input, output, requests)
      VALUES (1, 'c', 'a', 1757494800000, 1757494800000, '2025-09-10', 'request', 'openai', 'gpt-4o', 'gpt-4o-2024-08-06', 'k1', 100, 10, 1),
             (1, 'c', 'b', 1757498400000, 1757502000000, '2025-09-10', 'hour', 'openai', 'gpt-4o', 'gpt-4o-2024-08-06', 'k1', 200, 20, 2),
             (1, 'c', 'c', 1757548800000, 1757635200000, '2025-09-11', 'day', 'openai', 'gpt-4o', 'gpt-4o-2024-08-06', 'k1', 400, 40, 4);`);
    old.close();

    const { db } = openLedger(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(11);
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
      db.transaction(() => rebuildAllRollups(db))();
      expect(JSON.stringify(cells())).toBe(before);
    } finally {
      db.close();
    }
  });
});
