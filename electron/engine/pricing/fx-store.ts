/**
 * fx_rates: the user's effective-dated FX rates over the built-in reference points.
 * `loadFxTable(db)` is what every report-time conversion uses (dashboard, budgets, reconcile).
 */
import { builtinFx, fxRateSchema, type FxRate, type FxTable } from '../../../shared/domain/fx';
import { all, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';

interface FxRow {
  currency: string;
  date: string;
  per_usd: string;
  source: string;
}

/** The user's rates only, by currency then date. */
export function listUserFxRates(db: ReadableDb): FxRate[] {
  return all<FxRow>(db, sql`SELECT currency, date, per_usd, source FROM fx_rates ORDER BY currency, date`).map((r) => ({
    currency: r.currency,
    date: r.date,
    perUsd: r.per_usd,
    source: r.source,
    origin: 'user' as const,
  }));
}

/**
 * Built-in reference points + the user's rates. On the same currency and date the user's rate wins
 * (fx.ts orders user after built-in, so it is the one picked).
 */
export function loadFxTable(db: ReadableDb): FxTable {
  const user = listUserFxRates(db);
  const taken = new Set(user.map((r) => `${r.currency}|${r.date}`));
  return [...builtinFx().filter((r) => !taken.has(`${r.currency}|${r.date}`)), ...user];
}

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
