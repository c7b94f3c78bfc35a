import type { Migration } from './types';

/**
 * A narrow daily rollup for the Overview: `rollup_narrow`, rollup_daily summed over all but provider, model,
 * family, vendor, origin region and project. Derived from the facts: filled after migrating.
 */
const ROLLUP_NARROW = `
  CREATE TABLE rollup_narrow (
    day            TEXT NOT NULL,
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
  CREATE INDEX rollup_narrow_day ON rollup_narrow(day);
`;

export const m008RollupNarrow: Migration = {
  version: 8,
  name: 'rollup-narrow',
  derived: true,
  up(db) {
    db.exec(ROLLUP_NARROW);
  },
};
