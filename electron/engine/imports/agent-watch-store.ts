/** Whether the user asked to keep the agents' logs up to date (one settings row, read at the hosts' start). */
import { get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';

const KEY = 'agents.keepUpToDate';

export function readKeepUpToDate(db: ReadableDb): boolean {
  const row = get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${KEY}`);
  return row ? JSON.parse(row.value) === true : false;
}

export function writeKeepUpToDate(db: WritableDb, on: boolean): void {
  run(db, sql`INSERT INTO settings (key, value) VALUES (${KEY}, ${JSON.stringify(on)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}
