/** The user's settings (one JSON value per key) and the app's own counts. */
import type { Settings } from '../../../shared/contract/types';
import { systemTimeZone } from '../../../shared/domain/time';
import { all, get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';

/** Every setting's default but the time zone, which is the system's (asked for only when needed). */
const DEFAULTS: Omit<Settings, 'timeZone'> = { displayCurrency: 'USD', weekStart: 'monday', theme: 'system', locale: 'system', allowPrivateWebhooks: false };

export function defaultSettings(): Settings {
  return { ...DEFAULTS, timeZone: systemTimeZone() };
}

export function readSettings(db: ReadableDb): Settings {
  const rows = all<{ key: string; value: string }>(db, sql`SELECT key, value FROM settings`);
  // The system's zone is asked only when no zone is set (Intl's first use costs tens of milliseconds).
  const out: Record<string, unknown> = { ...DEFAULTS, timeZone: undefined } satisfies Record<keyof Settings, unknown>;
  // Only the user's settings: other features keep their own rows here too (agents.keepUpToDate).
  for (const r of rows) if (Object.hasOwn(out, r.key)) out[r.key] = JSON.parse(r.value) as unknown;
  out.timeZone ??= systemTimeZone();
  return out as unknown as Settings;
}

/** Whether the settings name a time zone (else the day follows the system's zone, readSettings). */
export function timeZoneIsSet(db: ReadableDb): boolean {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM settings WHERE key = 'timeZone'`)!.n > 0;
}

export function writeSettings(db: WritableDb, patch: Partial<Settings>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    run(db, sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)})
                ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }
}

/** Import batches that are committed (not undone). */
export function committedBatchCount(db: ReadableDb): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM import_batches WHERE status = 'committed'`)!.n;
}
