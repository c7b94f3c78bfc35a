import type { Migration } from './index';
import { CREATE_NARROW_ROLLUPS_SQL, rebuildNarrowRollupsSql } from '../repos/rollups';

/**
 * A narrow daily rollup for the Overview (issue 5): `rollup_narrow`, rollup_daily summed over all but
 * provider, model, family, vendor, origin region and project (see repos/rollups.ts), filled from it.
 */
export const m008RollupNarrow: Migration = {
  version: 8,
  name: 'rollup-narrow',
  up(db) {
    db.exec(CREATE_NARROW_ROLLUPS_SQL);
    db.exec(rebuildNarrowRollupsSql());
  },
};
