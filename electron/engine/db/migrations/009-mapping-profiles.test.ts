import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../../../../test/helpers/tmp';
import { openLedger, type WritableDb } from '../connection';
import { MIGRATIONS, migrate } from './index';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

describe('migration 9: mapping profiles', () => {
  it('adds mapping profiles to a version-8 ledger, one per header and one per name whatever its case', () => {
    const path = join(tempDir(), 'v8.sqlite');
    const old = new Database(path) as WritableDb;
    migrate(old, path, MIGRATIONS.filter((m) => m.version <= 8));
    expect(old.pragma('user_version', { simple: true })).toBe(8);
    old.close();

    const { db } = openLedger(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(9);
      const insert = db.prepare("INSERT INTO mapping_profiles (name, header_key, header, delimiter, roles, created_at, updated_at) VALUES (?, ?, '[]', ',', '{}', 0, 0)");
      insert.run('Gateway', 'k1');
      expect(() => insert.run('Other', 'k1')).toThrow(/UNIQUE constraint failed: mapping_profiles.header_key/);
      expect(() => insert.run('GATEWAY', 'k2')).toThrow(/UNIQUE constraint failed: mapping_profiles.name/);
    } finally {
      db.close();
    }
  });
});
