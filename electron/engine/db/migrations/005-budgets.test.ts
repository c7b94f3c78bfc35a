import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../../../../test/helpers/tmp';
import { openLedger, type WritableDb } from '../connection';
import { MIGRATIONS, migrate } from './index';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

describe('migration 5: budgets', () => {
  it('adds budgets, their alerts (once per budget, period, threshold and kind) and webhook deliveries to a version-4 ledger', () => {
    const path = join(tempDir(), 'v4.sqlite');
    const old = new Database(path) as WritableDb;
    migrate(old, path, MIGRATIONS.filter((m) => m.version <= 4));
    expect(old.pragma('user_version', { simple: true })).toBe(4);
    old.close();

    const { db } = openLedger(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5);
      db.prepare("INSERT INTO budgets (id, name, definition, created_at, updated_at) VALUES (1, 'Team', '{}', 0, 0)").run();
      const alert = db.prepare("INSERT INTO budget_alerts (budget_id, period_key, threshold, kind, fired_at, figures) VALUES (1, '2025-03', 50, 'crossed', 0, '{}')");
      alert.run();
      expect(() => alert.run()).toThrow(/UNIQUE constraint failed/);
      db.prepare("INSERT INTO webhook_deliveries (alert_id, url, attempt, started_at, status) VALUES (1, 'http://127.0.0.1/x', 1, 0, 'pending')").run();
      db.prepare('DELETE FROM budgets WHERE id = 1').run();
      expect(db.prepare('SELECT (SELECT count(*) FROM budget_alerts) + (SELECT count(*) FROM webhook_deliveries) AS n').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
