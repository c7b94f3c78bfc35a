import type { Migration } from './types';

/**
 * A day or month bucket keeps the day its export names. Rows read in the zone their vendor bills in
 * (Zhipu's 账期 2025-09-01 starts at 16:00 UTC on Aug 31) were stored on the UTC day of their first
 * instant, one day early. Their `day` becomes the day whose UTC midnight is nearest to their start (the
 * named day for any billing zone from UTC-11:59 to UTC+12), in the facts and in their kept revisions;
 * the derived tables are then rebuilt from the facts, and every budget's cached days go stale.
 */
const NOMINAL_DAY = `date((start_ms + 43200000) / 1000, 'unixepoch')`;

export const m014BucketNominalDay: Migration = {
  version: 14,
  name: 'bucket-nominal-day',
  derived: true,
  up(db) {
    db.exec(`
      UPDATE usage_facts SET day = ${NOMINAL_DAY} WHERE granularity IN ('day', 'month') AND day <> ${NOMINAL_DAY};
      UPDATE fact_history SET day = ${NOMINAL_DAY} WHERE granularity IN ('day', 'month') AND day <> ${NOMINAL_DAY};
      DELETE FROM budget_cache_rows;
      DELETE FROM budget_cache_days;
    `);
  },
};
