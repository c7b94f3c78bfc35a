import type { Migration } from './types';

/**
 * Daily rollups for the dashboard: `rollup_daily`, one row per UTC day x main dimensions x currency. A table
 * derived from the facts: created here, filled by today's code after migrating (ledger/derived.ts).
 */
const ROLLUP_DAILY = `
  CREATE TABLE rollup_daily (
    day            TEXT NOT NULL,
    provider       TEXT NOT NULL,
    model          TEXT,
    model_raw      TEXT,
    model_family   TEXT,
    vendor         TEXT,
    origin_region  TEXT,
    host           TEXT,
    inference_geo  TEXT,
    account        TEXT,
    project        TEXT,
    api_key        TEXT,
    member         TEXT,
    service_tier   TEXT NOT NULL,
    line_type      TEXT NOT NULL,
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
  CREATE INDEX rollup_daily_day ON rollup_daily(day);
`;

export const m004Rollups: Migration = {
  version: 4,
  name: 'rollups',
  derived: true,
  up(db) {
    db.exec(ROLLUP_DAILY);
  },
};
