import type { Migration } from './index';
import { CREATE_HOURLY_ROLLUPS_SQL, rebuildHourlyRollupsSql } from '../repos/rollups';

/**
 * An hourly narrow rollup for views in a time zone other than UTC (issue 5): `rollup_hourly`, the
 * Overview's dimensions per UTC day and hour (see repos/rollups.ts), filled from the facts.
 */
export const m010RollupHourly: Migration = {
  version: 10,
  name: 'rollup-hourly',
  up(db) {
    db.exec(CREATE_HOURLY_ROLLUPS_SQL);
    db.exec(rebuildHourlyRollupsSql());
  },
};
