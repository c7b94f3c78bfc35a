import type { Migration } from './types';

/**
 * Budgets and their alerts.
 *
 * - `budgets`: one row per budget; `definition` is the JSON of BudgetDefinition
 *   (shared/domain/budgets/budget.ts), validated by its zod schema on every read and write.
 * - `budget_alerts`: the alert state machine's memory. UNIQUE (budget, period, threshold, kind) is what
 *   makes each alert fire exactly once per period, whatever re-evaluation follows. `figures` is the JSON of
 *   the status that triggered it (spent, amount, share, forecast), kept as it was at that moment.
 * - `webhook_deliveries`: one row per attempt to POST an alert to its budget's webhook.
 */
export const m005Budgets: Migration = {
  version: 5,
  name: 'budgets',
  up(db) {
    db.exec(`
      CREATE TABLE budgets (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        definition  TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE budget_alerts (
        id          INTEGER PRIMARY KEY,
        budget_id   INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
        period_key  TEXT NOT NULL,
        threshold   INTEGER NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('projected', 'crossed')),
        fired_at    INTEGER NOT NULL,
        figures     TEXT NOT NULL,
        read_at     INTEGER,
        UNIQUE (budget_id, period_key, threshold, kind)
      ) STRICT;
      CREATE INDEX budget_alerts_unread ON budget_alerts(read_at, fired_at);

      CREATE TABLE webhook_deliveries (
        id          INTEGER PRIMARY KEY,
        alert_id    INTEGER NOT NULL REFERENCES budget_alerts(id) ON DELETE CASCADE,
        url         TEXT NOT NULL,
        attempt     INTEGER NOT NULL,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER,
        status      TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        http_status INTEGER,
        error       TEXT
      ) STRICT;
      CREATE INDEX webhook_deliveries_alert ON webhook_deliveries(alert_id);
    `);
  },
};
