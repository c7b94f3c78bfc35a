import type { Migration } from './types';

/**
 * Plan or pay-as-you-go. A coding tool's usage that a subscription pays for (Cursor's "Included" rows, a
 * Claude Max or ChatGPT plan behind Claude Code or Codex) is notional: worth its list price, never spend.
 * `plan` on facts and their history is what a row says itself ('included' | 'payg', NULL when silent);
 * `usage_plans` holds the user's setting per tool (provider) and account ('' = every account of the tool).
 * Cursor exports already imported say it in their `kind` tag. The rollups gain the notional value
 * (derived: refilled after migrating).
 */
const FACT_COLUMNS = (table: string) => `
  ALTER TABLE ${table} ADD COLUMN plan TEXT CHECK (plan IN ('included', 'payg'));
  UPDATE ${table} SET plan = CASE json_extract(tags, '$.kind') WHEN 'Included' THEN 'included' WHEN 'On-Demand' THEN 'payg' END
    WHERE format = 'cursor-usage-csv' AND tags IS NOT NULL;
`;

const ROLLUP_COLUMNS = ['rollup_daily', 'rollup_narrow', 'rollup_hourly'].map((t) => `ALTER TABLE ${t} ADD COLUMN notional_nano INTEGER;`).join('\n');

export const m018UsagePlans: Migration = {
  version: 18,
  name: 'usage-plans',
  derived: true,
  up(db) {
    db.exec(FACT_COLUMNS('usage_facts'));
    db.exec(FACT_COLUMNS('fact_history'));
    db.exec(`
      CREATE TABLE usage_plans (
        provider   TEXT NOT NULL CHECK (length(provider) BETWEEN 1 AND 80),
        account    TEXT NOT NULL DEFAULT '',
        plan       TEXT NOT NULL CHECK (plan IN ('included', 'payg')),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (provider, account)
      ) STRICT;
    `);
    db.exec(ROLLUP_COLUMNS);
  },
};
