import type { Migration } from './index';
import { CREATE_ROLLUPS_SQL, rebuildAllRollupsSql } from '../repos/rollups';

/**
 * Daily rollups for the dashboard (issue 5): `rollup_daily`, one row per UTC day x main dimensions x
 * currency (see repos/rollups.ts), filled from the facts already in the ledger.
 */
export const m004Rollups: Migration = {
  version: 4,
  name: 'rollups',
  up(db) {
    db.exec(CREATE_ROLLUPS_SQL);
    db.exec(rebuildAllRollupsSql());
  },
};
