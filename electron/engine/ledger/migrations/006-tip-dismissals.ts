import type { Migration } from './types';

/**
 * Tips the user dismissed, remembered per period ('YYYY-MM'): a tip id is `<rule>:<subject>` and stable
 * across recomputations, so dismissing it in September leaves October's tip of the same kind visible.
 */
export const m006TipDismissals: Migration = {
  version: 6,
  name: 'tip-dismissals',
  up(db) {
    db.exec(`
      CREATE TABLE tip_dismissals (
        period       TEXT NOT NULL,
        tip_id       TEXT NOT NULL,
        dismissed_at INTEGER NOT NULL,
        PRIMARY KEY (period, tip_id)
      ) STRICT;
    `);
  },
};
