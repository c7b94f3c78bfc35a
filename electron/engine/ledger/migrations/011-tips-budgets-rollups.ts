import type { Migration } from './types';

/**
 * Derived tables for tips and budgets, so neither scans every fact:
 * - `rollup_tip_cells`: the tip rules' cells per UTC day, with tokens by UTC hour;
 * - `ledger_days`: per UTC day with facts, a version bumped whenever the day's derived rows are recomputed,
 *   the day's latest fact end and its fact count;
 * - `budget_cache_days` / `budget_cache_rows`: each budget's amounts per (UTC fact day, local day), valid
 *   while the day's version and the budget's scope/zone/unit are the ones they were computed for.
 * The first two are derived from the facts and filled after migrating; the budget cache fills as budgets are read.
 */
const TIP_CELLS = `
  CREATE TABLE rollup_tip_cells (
    day             TEXT NOT NULL,
    provider        TEXT NOT NULL,
    model           TEXT,
    model_raw       TEXT,
    host            TEXT,
    inference_geo   TEXT,
    service_tier    TEXT NOT NULL,
    context_tier    TEXT,
    project         TEXT,
    api_key         TEXT,
    member          TEXT,
    billed_currency TEXT,
    vendor          TEXT,
    origin_region   TEXT,
    start_ms        INTEGER NOT NULL,
    end_ms          INTEGER NOT NULL,
    input           INTEGER NOT NULL,
    cache_read      INTEGER NOT NULL,
    cache_write_5m  INTEGER NOT NULL,
    cache_write_1h  INTEGER NOT NULL,
    output          INTEGER NOT NULL,
    reasoning       INTEGER NOT NULL,
    requests        INTEGER NOT NULL,
    billed_nano     INTEGER,
    unbilled        INTEGER NOT NULL,
    timed           INTEGER NOT NULL,
    facts           INTEGER NOT NULL,
    h00 INTEGER NOT NULL,
    h01 INTEGER NOT NULL,
    h02 INTEGER NOT NULL,
    h03 INTEGER NOT NULL,
    h04 INTEGER NOT NULL,
    h05 INTEGER NOT NULL,
    h06 INTEGER NOT NULL,
    h07 INTEGER NOT NULL,
    h08 INTEGER NOT NULL,
    h09 INTEGER NOT NULL,
    h10 INTEGER NOT NULL,
    h11 INTEGER NOT NULL,
    h12 INTEGER NOT NULL,
    h13 INTEGER NOT NULL,
    h14 INTEGER NOT NULL,
    h15 INTEGER NOT NULL,
    h16 INTEGER NOT NULL,
    h17 INTEGER NOT NULL,
    h18 INTEGER NOT NULL,
    h19 INTEGER NOT NULL,
    h20 INTEGER NOT NULL,
    h21 INTEGER NOT NULL,
    h22 INTEGER NOT NULL,
    h23 INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX rollup_tip_cells_day ON rollup_tip_cells(day);
`;

const LEDGER_DAYS = `
  CREATE TABLE ledger_days (
    day        TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    max_end_ms INTEGER,
    facts      INTEGER NOT NULL DEFAULT 0
  ) STRICT, WITHOUT ROWID;
`;

const BUDGET_CACHE = `
  CREATE TABLE budget_cache_days (
    budget_id INTEGER NOT NULL,
    day       TEXT NOT NULL,
    def       TEXT NOT NULL,
    version   INTEGER NOT NULL,
    PRIMARY KEY (budget_id, day)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE budget_cache_rows (
    budget_id INTEGER NOT NULL,
    day       TEXT NOT NULL,
    local_day TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('amount', 'unpriced')),
    key       TEXT NOT NULL,
    amount    INTEGER NOT NULL,
    facts     INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX budget_cache_rows_budget_day ON budget_cache_rows(budget_id, day);
`;

export const m011TipsBudgetsRollups: Migration = {
  version: 11,
  name: 'tips-budgets-rollups',
  derived: true,
  up(db) {
    db.exec(TIP_CELLS);
    db.exec(LEDGER_DAYS);
    db.exec(BUDGET_CACHE);
  },
};
