import type { Migration } from './types';

/**
 * An hourly narrow rollup for views in a time zone other than UTC: `rollup_hourly`, the Overview's
 * dimensions per UTC day and hour. Derived from the facts: filled after migrating.
 */
const ROLLUP_HOURLY = `
  CREATE TABLE rollup_hourly (
    day            TEXT NOT NULL,
    hour           INTEGER,
    provider       TEXT NOT NULL,
    model          TEXT,
    model_raw      TEXT,
    model_family   TEXT,
    vendor         TEXT,
    origin_region  TEXT,
    project        TEXT,
    currency       TEXT NOT NULL,
    facts          INTEGER NOT NULL,
    input          INTEGER NOT NULL,
    cache_read     INTEGER NOT NULL,
    cache_write_5m INTEGER NOT NULL,
    cache_write_1h INTEGER NOT NULL,
    output         INTEGER NOT NULL,
    reasoning      INTEGER NOT NULL,
    requests       INTEGER NOT NULL,
    billed_nano    INTEGER,
    estimated_nano INTEGER,
    spend_nano     INTEGER,
    unpriced_tokens INTEGER NOT NULL,
    unpriced_facts INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX rollup_hourly_day ON rollup_hourly(day);
`;

export const m010RollupHourly: Migration = {
  version: 10,
  name: 'rollup-hourly',
  derived: true,
  up(db) {
    db.exec(ROLLUP_HOURLY);
  },
};
