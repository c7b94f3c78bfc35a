import type { Migration } from './types';

/**
 * The usage the book could not price (no estimate), by day: the Overview's unpriced banner, Prices and
 * Reconcile list it per model, and a scan of every fact of the month for it took seconds at 10M facts.
 * A partial index holds only those rows (a few in a hundred at most), so an import of priced usage never
 * touches it and the month's list reads only them.
 */
export const m026UnestimatedIndex: Migration = {
  version: 26,
  name: 'unestimated-index',
  up(db) {
    db.exec(`CREATE INDEX usage_facts_unestimated ON usage_facts(day) WHERE estimated_nano IS NULL AND line_type = 'usage' AND counts_tokens = 1`);
  },
};
