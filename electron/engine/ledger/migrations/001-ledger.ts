import type { Migration } from './types';

/**
 * The first ledger: import batches, usage facts, settings.
 *
 * Money is INTEGER nano-units (1e-9) of the row's own currency; read sums with safeIntegers.
 * Times are UTC epoch milliseconds; `day` is the UTC calendar day of `start_ms` for rollups.
 */
export const m001Ledger: Migration = {
  version: 1,
  name: 'ledger',
  up(db) {
    db.exec(`
      CREATE TABLE import_batches (
        id            INTEGER PRIMARY KEY,
        created_at    INTEGER NOT NULL,
        file_name     TEXT NOT NULL,
        file_path     TEXT,
        sha256        TEXT NOT NULL,
        format        TEXT NOT NULL,
        bytes         INTEGER NOT NULL DEFAULT 0,
        status        TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'undone')),
        undone_at     INTEGER,
        rows_new      INTEGER NOT NULL DEFAULT 0,
        rows_duplicate INTEGER NOT NULL DEFAULT 0,
        rows_revised  INTEGER NOT NULL DEFAULT 0,
        rows_skipped  INTEGER NOT NULL DEFAULT 0,
        rows_error    INTEGER NOT NULL DEFAULT 0,
        label         TEXT
      ) STRICT;

      CREATE TABLE usage_facts (
        id              INTEGER PRIMARY KEY,
        batch_id        INTEGER NOT NULL REFERENCES import_batches(id),
        source_line     INTEGER,
        format          TEXT NOT NULL,
        identity        TEXT NOT NULL,
        start_ms        INTEGER NOT NULL,
        end_ms          INTEGER NOT NULL,
        day             TEXT NOT NULL,
        granularity     TEXT NOT NULL CHECK (granularity IN ('request', 'hour', 'day', 'month')),
        provider        TEXT NOT NULL,
        account         TEXT,
        project         TEXT,
        api_key         TEXT,
        member          TEXT,
        tags            TEXT,
        model_raw       TEXT,
        model           TEXT,
        model_family    TEXT,
        vendor          TEXT,
        origin_region   TEXT CHECK (origin_region IN ('US', 'CN', 'EU', 'other')),
        host            TEXT,
        inference_geo   TEXT,
        service_tier    TEXT NOT NULL DEFAULT 'standard',
        context_tier    TEXT,
        line_type       TEXT NOT NULL DEFAULT 'usage' CHECK (line_type IN ('usage', 'cost', 'credit', 'tax', 'fee')),
        input           INTEGER NOT NULL DEFAULT 0 CHECK (input >= 0),
        cache_read      INTEGER NOT NULL DEFAULT 0 CHECK (cache_read >= 0),
        cache_write_5m  INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_5m >= 0),
        cache_write_1h  INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_1h >= 0),
        output          INTEGER NOT NULL DEFAULT 0 CHECK (output >= 0),
        reasoning       INTEGER NOT NULL DEFAULT 0 CHECK (reasoning >= 0 AND reasoning <= output),
        requests        INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0),
        other_units     TEXT,
        -- 1 when these tokens count; 0 when a finer-grained source covers the same usage
        counts_tokens   INTEGER NOT NULL DEFAULT 1 CHECK (counts_tokens IN (0, 1)),
        billed_nano     INTEGER,
        billed_currency TEXT,
        estimated_nano  INTEGER,
        estimated_currency TEXT,
        price_status    TEXT CHECK (price_status IN ('priced', 'unpriced', 'not_applicable')),
        CHECK ((billed_nano IS NULL) = (billed_currency IS NULL)),
        CHECK ((estimated_nano IS NULL) = (estimated_currency IS NULL))
      ) STRICT;

      CREATE UNIQUE INDEX usage_facts_identity ON usage_facts(identity);
      CREATE INDEX usage_facts_batch ON usage_facts(batch_id);
      CREATE INDEX usage_facts_day ON usage_facts(day, provider);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
