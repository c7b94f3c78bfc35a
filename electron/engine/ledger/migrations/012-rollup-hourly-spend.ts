import type { Migration } from './types';

/**
 * The Overview's daily chart in a whole-hour time zone: `rollup_hourly_spend`, rollup_hourly's spend per UTC
 * day, hour, vendor, origin region and currency. Derived from the facts: filled after migrating.
 */
const ROLLUP_HOURLY_SPEND = `
  CREATE TABLE rollup_hourly_spend (
    day            TEXT NOT NULL,
    hour           INTEGER,
    vendor         TEXT,
    origin_region  TEXT,
    currency       TEXT NOT NULL,
    spend_nano     INTEGER
  ) STRICT;
  CREATE INDEX rollup_hourly_spend_day ON rollup_hourly_spend(day);
`;

export const m012RollupHourlySpend: Migration = {
  version: 12,
  name: 'rollup-hourly-spend',
  derived: true,
  up(db) {
    db.exec(ROLLUP_HOURLY_SPEND);
  },
};
