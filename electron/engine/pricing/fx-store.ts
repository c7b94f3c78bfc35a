/**
 * fx_rates: the user's effective-dated FX rates over the built-in reference points.
 * `loadFxTable(db)` is what every report-time conversion uses (dashboard, budgets, reconcile).
 */
import { fxRateSchema, type FxRate } from '../../../shared/domain/fx';
import { run, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';

export { listUserFxRates, loadFxTable } from './fx-table-store';

/** Add or replace rates (same currency and date replaces). Answers how many rows were written. */
export function upsertFxRates(db: WritableDb, rates: readonly FxRate[], now: number): number {
  let n = 0;
  for (const raw of rates) {
    const r = fxRateSchema.parse(raw);
    run(db, sql`INSERT INTO fx_rates (currency, date, per_usd, source, created_at) VALUES (${r.currency}, ${r.date}, ${r.perUsd}, ${r.source}, ${now})
                ON CONFLICT (currency, date) DO UPDATE SET per_usd = excluded.per_usd, source = excluded.source, created_at = excluded.created_at`);
    n++;
  }
  return n;
}

export function deleteFxRate(db: WritableDb, currency: string, date: string): boolean {
  return run(db, sql`DELETE FROM fx_rates WHERE currency = ${currency} AND date = ${date}`).changes > 0;
}
