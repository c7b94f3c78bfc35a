import type { Migration } from './types';

/**
 * One index on the facts' day instead of two: (day, provider, line_type) answers both what the day index
 * (day, provider) answered (a day's facts, a provider's facts of some days) and what the coverage index
 * (provider, day, line_type) answered (a bill line of a provider's day), so an import maintains one
 * fewer index per fact. A provider's facts on any day are found through ledger_days, a day at a time.
 */
export const m023FactDayIndex: Migration = {
  version: 23,
  name: 'fact-day-index',
  up(db) {
    db.exec(`
      DROP INDEX usage_facts_coverage;
      DROP INDEX usage_facts_day;
      CREATE INDEX usage_facts_day ON usage_facts(day, provider, line_type);
    `);
  },
};
