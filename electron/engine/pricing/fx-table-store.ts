/**
 * The FX table every report-time conversion uses (dashboard, budgets, reconcile, the status line): the
 * shipped reference rates and the user's. Without zod, for the status line; fx-store.ts writes rates.
 */
import { builtinFx, type FxRate, type FxTable } from '../../../shared/domain/fx-table';
import { all, type ReadableDb } from '../ledger/db';
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

