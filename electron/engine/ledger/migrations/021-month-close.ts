import type { Migration } from './types';

/**
 * Month close. closed_months lists the months a lead marked reconciled. An import (a file, the agent
 * watcher, a bundle merge) that would add or change facts in a closed month keeps those facts in
 * held_facts instead: stored, not counted, until accepted (then they enter usage_facts as the import would
 * have written them) or discarded. held_facts has usage_facts' columns (created from it, so a later
 * migration that adds a column to usage_facts adds it here too) and what the hold is: a new fact, or the
 * newer values of a fact the month already holds (`fact_id`), the month, and the batch that brought it.
 */
export const m021MonthClose: Migration = {
  version: 21,
  name: 'month-close',
  up(db) {
    db.exec(`
      CREATE TABLE closed_months (
        month     TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
        closed_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE held_facts AS SELECT * FROM usage_facts WHERE 0;
      ALTER TABLE held_facts ADD COLUMN hold_kind TEXT NOT NULL DEFAULT 'new' CHECK (hold_kind IN ('new', 'revision'));
      ALTER TABLE held_facts ADD COLUMN hold_month TEXT NOT NULL DEFAULT '';
      CREATE INDEX held_facts_batch ON held_facts(batch_id);
      CREATE INDEX held_facts_identity ON held_facts(identity);
    `);
  },
};
