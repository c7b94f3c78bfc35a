import type { Settings } from '../../../../shared/contract/types';
import { all, run, type ReadableDb, type WritableDb } from '../connection';
import { sql } from '../sql';

export function defaultSettings(): Settings {
  return {
    displayCurrency: 'USD',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    weekStart: 'monday',
    theme: 'system',
  };
}

export function readSettings(db: ReadableDb): Settings {
  const rows = all<{ key: string; value: string }>(db, sql`SELECT key, value FROM settings`);
  const out: Record<string, unknown> = { ...defaultSettings() };
  for (const r of rows) out[r.key] = JSON.parse(r.value) as unknown;
  return out as unknown as Settings;
}

export function writeSettings(db: WritableDb, patch: Partial<Settings>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    run(db, sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)})
                ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }
}
