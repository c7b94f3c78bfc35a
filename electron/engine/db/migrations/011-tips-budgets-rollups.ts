import type { Migration } from './index';
import { CREATE_TIP_CELLS_SQL, rebuildTipCellsSql } from '../repos/tips';
import { CREATE_BUDGET_CACHE_SQL, CREATE_LEDGER_DAYS_SQL, FILL_LEDGER_DAYS_SQL } from '../repos/budgets';

/**
 * Derived tables for tips and budgets (issue 7 and the budgets issue), so neither scans every fact:
 * - `rollup_tip_cells`: the tip rules' cells per UTC day, with tokens by UTC hour (see repos/tips.ts);
 * - `ledger_days`: per UTC day with facts, a version bumped whenever refreshRollups recomputes the day,
 *   and the day's latest fact end;
 * - `budget_cache_days` / `budget_cache_rows`: each budget's amounts per (UTC fact day, local day), valid
 *   while the day's version and the budget's scope/zone/unit are the ones they were computed for
 *   (see repos/budgets.ts).
 */
export const m011TipsBudgetsRollups: Migration = {
  version: 11,
  name: 'tips-budgets-rollups',
  up(db) {
    db.exec(CREATE_TIP_CELLS_SQL);
    db.exec(rebuildTipCellsSql());
    db.exec(CREATE_LEDGER_DAYS_SQL);
    db.exec(FILL_LEDGER_DAYS_SQL);
    db.exec(CREATE_BUDGET_CACHE_SQL);
  },
};
