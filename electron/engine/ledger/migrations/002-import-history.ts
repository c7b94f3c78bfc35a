import type { Migration } from './types';

/**
 * What undo needs (imports are idempotent, and every import can be undone):
 *
 * - `fact_history`: the values a fact had before a batch REVISED it (same identity, different numbers).
 *   One row per (revising batch, fact), a full copy of the usage_facts row as it was, same id. Undo of the
 *   batch deletes the current row and puts this copy back, so the ledger is exactly as before.
 *   Checklist: a column added to usage_facts must be added here too (FACT_COLUMNS in ledger/facts.ts).
 * - `token_supersessions`: "this fact's tokens are covered by a finer-grained source" (OpenRouter's
 *   per-generation CSV over its per-day activity JSON). `usage_facts.counts_tokens` is 0 exactly when a
 *   row here names the fact. `superseding_batch_id` is the batch whose facts win; `created_by_batch_id`
 *   is the import that found the overlap, so undoing either one removes the row and the flag comes back.
 *   No foreign key on fact_id on purpose: a revised fact is deleted and re-inserted with the same id on undo.
 * - `import_batches.grain` / `provider`: what the batch's importer declared, shown in the history.
 */
export const m002ImportHistory: Migration = {
  version: 2,
  name: 'import-history',
  up(db) {
    db.exec(`
      ALTER TABLE import_batches ADD COLUMN provider TEXT;
      ALTER TABLE import_batches ADD COLUMN grain TEXT;
      ALTER TABLE import_batches ADD COLUMN import_id TEXT;

      CREATE TABLE fact_history (
        revised_by_batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        id              INTEGER NOT NULL,
        batch_id        INTEGER NOT NULL,
        source_line     INTEGER,
        format          TEXT NOT NULL,
        identity        TEXT NOT NULL,
        start_ms        INTEGER NOT NULL,
        end_ms          INTEGER NOT NULL,
        day             TEXT NOT NULL,
        granularity     TEXT NOT NULL,
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
        origin_region   TEXT,
        host            TEXT,
        inference_geo   TEXT,
        service_tier    TEXT NOT NULL,
        context_tier    TEXT,
        line_type       TEXT NOT NULL,
        input           INTEGER NOT NULL,
        cache_read      INTEGER NOT NULL,
        cache_write_5m  INTEGER NOT NULL,
        cache_write_1h  INTEGER NOT NULL,
        output          INTEGER NOT NULL,
        reasoning       INTEGER NOT NULL,
        requests        INTEGER NOT NULL,
        other_units     TEXT,
        counts_tokens   INTEGER NOT NULL,
        billed_nano     INTEGER,
        billed_currency TEXT,
        estimated_nano  INTEGER,
        estimated_currency TEXT,
        price_status    TEXT,
        PRIMARY KEY (revised_by_batch_id, id)
      ) STRICT;
      CREATE INDEX fact_history_owner ON fact_history(batch_id);

      CREATE TABLE token_supersessions (
        superseding_batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        fact_id              INTEGER NOT NULL,
        created_by_batch_id  INTEGER NOT NULL REFERENCES import_batches(id),
        PRIMARY KEY (superseding_batch_id, fact_id)
      ) STRICT;
      CREATE INDEX token_supersessions_fact ON token_supersessions(fact_id);
      CREATE INDEX token_supersessions_created ON token_supersessions(created_by_batch_id);

      CREATE INDEX usage_facts_coverage ON usage_facts(provider, day, line_type);
    `);
  },
};
