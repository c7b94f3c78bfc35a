import type { Migration } from './types';

/**
 * Who claims each fact (duplicate ownership):
 *
 * - `fact_claims`: a batch that contained a fact another batch owns (`usage_facts.batch_id`) as a
 *   duplicate. The owner's claim is implicit (usage_facts.batch_id). Undoing the owner keeps a fact that a
 *   committed batch still claims: ownership passes to the earliest such claimant (its claim row becomes
 *   usage_facts.batch_id / source_line), so undoing that one later removes the fact.
 *   `source_line` is the line of the claimant's file, put on the fact when it becomes the owner.
 *   No foreign key on fact_id, as for fact_history: a revised fact is deleted and re-inserted on undo.
 * - `usage_facts_batch_day` replaces `usage_facts_batch`: overlap detection probes one batch's facts of
 *   one day (the import's coverage search); the old index is its prefix, so inserts cost the same.
 */
export const m007FactClaims: Migration = {
  version: 7,
  name: 'fact-claims',
  up(db) {
    db.exec(`
      CREATE TABLE fact_claims (
        fact_id     INTEGER NOT NULL,
        batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
        source_line INTEGER,
        PRIMARY KEY (fact_id, batch_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX fact_claims_batch ON fact_claims(batch_id);

      DROP INDEX usage_facts_batch;
      CREATE INDEX usage_facts_batch_day ON usage_facts(batch_id, day);
    `);
  },
};
