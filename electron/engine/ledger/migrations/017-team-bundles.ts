import type { Migration } from './types';

/**
 * Bundles merged from the team's other machines. Each merge of a bundle file is one row of
 * bundle_imports; the batches it creates (one per batch of the machine that exported it, so every fact
 * keeps its format, grain and file) point at it, with the machine and the batch they copy. A batch with
 * no origin machine is this machine's own import. When a newer bundle retracts facts of an earlier one, the
 * overlaps those batches had recorded are found again; the ones they replace are kept in
 * bundle_kept_supersessions until the merge is undone.
 */
export const m017TeamBundles: Migration = {
  version: 17,
  name: 'team-bundles',
  up(db) {
    db.exec(`
      CREATE TABLE bundle_imports (
        id           INTEGER PRIMARY KEY,
        machine_id   TEXT NOT NULL,
        machine_name TEXT,
        member       TEXT,
        sequence     INTEGER NOT NULL,
        exported_at  INTEGER NOT NULL,
        since_day    TEXT,
        file_name    TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        imported_at  INTEGER NOT NULL,
        status       TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'undone')),
        undone_at    INTEGER,
        facts_new       INTEGER NOT NULL DEFAULT 0,
        facts_duplicate INTEGER NOT NULL DEFAULT 0,
        facts_revised   INTEGER NOT NULL DEFAULT 0,
        facts_retracted INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX bundle_imports_machine ON bundle_imports(machine_id, sequence);
      CREATE TABLE bundle_kept_supersessions (
        bundle_id            INTEGER NOT NULL,
        superseding_batch_id INTEGER NOT NULL,
        fact_id              INTEGER NOT NULL,
        created_by_batch_id  INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE import_batches ADD COLUMN bundle_id INTEGER;
      ALTER TABLE import_batches ADD COLUMN origin_machine TEXT;
      ALTER TABLE import_batches ADD COLUMN origin_batch INTEGER;
    `);
  },
};
