/**
 * Every table derived from the facts, kept current by ONE call: the rollups (rollups.ts), the tips
 * rollup (tip-cells.ts) and the per-day versions and counts (ledger-days.ts). Whatever changes facts
 * (an import, an undo, a re-price, a vendor's region, a restore) calls refreshDerived with the UTC days
 * it changed, inside its own transaction, so the derived rows are never behind the facts they come from.
 *
 * Checklist for a new derived table: its CREATE in a new migration marked `derived`, its refresh here.
 */
import type { WritableDb } from './db';
import { touchLedgerDays } from './ledger-days';
import { refreshRollups } from './rollups';
import { refreshTipCells } from './tip-cells';

/** Days per statement: far below SQLite's limit of bound values. */
const CHUNK = 400;

/** Recompute the derived rows of these UTC days from the facts (in any order, repeats allowed). */
export function refreshDerived(db: WritableDb, days: readonly string[]): void {
  const unique = [...new Set(days)].sort();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    refreshRollups(db, part);
    refreshTipCells(db, part);
    // Caches keyed by these days (each budget's amounts) are stale now.
    touchLedgerDays(db, part);
  }
}

/** Rebuild every derived table from the facts (after migrating, after a restore, to repair). */
export function rebuildDerived(db: WritableDb): void {
  refreshRollups(db, null);
  refreshTipCells(db, null);
  touchLedgerDays(db, null);
}
