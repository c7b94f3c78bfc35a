import type { Migration } from './types';

/**
 * Month close against the two paths that take facts out of a month: a newer bundle of a machine that no
 * longer carries some of its facts (a retraction), and the undo of an import. Either, where it would change
 * a closed month, waits here for a decision instead: held_retractions lists the facts a merge would
 * retract (they stay counted until accepted), held_undos the undos asked for (of an import, or of a merged
 * bundle by its own batch), with the closed months they would change.
 */
export const m024HeldChanges: Migration = {
  version: 24,
  name: 'held-changes',
  up(db) {
    db.exec(`
      CREATE TABLE held_retractions (
        fact_id   INTEGER PRIMARY KEY,
        bundle_id INTEGER NOT NULL,
        batch_id  INTEGER NOT NULL,
        month     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX held_retractions_batch ON held_retractions(batch_id);
      CREATE TABLE held_undos (
        batch_id     INTEGER PRIMARY KEY,
        bundle_id    INTEGER,
        months       TEXT NOT NULL,
        requested_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
