import type { Migration } from './index';
import { CREATE_HOURLY_SPEND_SQL, rebuildHourlySpendSql } from '../repos/rollups';

/**
 * The Overview's daily chart in a whole-hour time zone (issue 5): `rollup_hourly_spend`, rollup_hourly's
 * spend per UTC day, hour, vendor, origin region and currency (see repos/rollups.ts), filled from it.
 */
export const m012RollupHourlySpend: Migration = {
  version: 12,
  name: 'rollup-hourly-spend',
  up(db) {
    db.exec(CREATE_HOURLY_SPEND_SQL);
    db.exec(rebuildHourlySpendSql());
  },
};
