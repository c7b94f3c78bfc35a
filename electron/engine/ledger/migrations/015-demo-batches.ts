import type { Migration } from './types';

/**
 * Demo batches are marked: `import_batches.demo` = 1 for the bundled sample exports, so "Remove demo
 * data" takes exactly them out in one step. Batches the demo loader wrote before this version carry its
 * label, 'Demo data', and are marked from it.
 */
export const m015DemoBatches: Migration = {
  version: 15,
  name: 'demo-batches',
  up(db) {
    db.exec(`
      ALTER TABLE import_batches ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
      UPDATE import_batches SET demo = 1 WHERE label = 'Demo data';
    `);
  },
};
