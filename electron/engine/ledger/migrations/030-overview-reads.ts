import type { Migration } from './types';

// Frozen copies of rollup_narrow's key and the rollup measures as of version 30 (not rollups.ts's live lists):
// a migration must do what it did when written, whatever those lists become.
const NARROW_KEY = ['provider', 'model', 'model_raw', 'model_family', 'vendor', 'origin_region', 'project', 'line_type', 'currency'];
const MEASURES = [
  'facts',
  'input',
  'cache_read',
  'cache_write_5m',
  'cache_write_1h',
  'output',
  'reasoning',
  'requests',
  'billed_nano',
  'estimated_nano',
  'spend_nano',
  'unpriced_tokens',
  'unpriced_facts',
  'recorded_nano',
  'notional_nano',
];

/**
 * Two changes for the Overview's first answer (reports/overview.ts):
 *
 * - rollup_narrow keeps the line type too, which the Overview groups its month by: that month was read from
 *   rollup_daily (at 10M facts 11.6k rows for 20 days, sorted by the Overview's groups: ~18 ms a month), it
 *   is now a third of those rows here (~6 ms). The table is rollup_daily summed over the other dimensions
 *   (ledger/rollups.ts insertNarrow), so it is summed again from rollup_daily here, by its new key; not a
 *   derived rebuild from the facts (minutes at 10M facts). rollup_hourly keeps no line type.
 * - The spend by day and currency, in an index of each of the two day rollups: the month-end forecast reads
 *   only that (reports/spend-store.ts aggregateSpend), 73 days of it, from the index alone instead of every
 *   row of those days (at 10M facts 43k rollup_daily rows of ~250 bytes: ~35 ms -> ~5 ms). A read of the
 *   rows in other currencies (the conversion cells) also skips the others in the index before it visits the
 *   table.
 */
export const m030OverviewReads: Migration = {
  version: 30,
  name: 'overview-reads',
  up(db) {
    const group = ['day', ...NARROW_KEY].join(', ');
    db.exec(`
      ALTER TABLE rollup_narrow ADD COLUMN line_type TEXT;
      DROP INDEX rollup_narrow_key;
      DELETE FROM rollup_narrow;
      INSERT INTO rollup_narrow (${group}, ${MEASURES.join(', ')})
        SELECT ${group}, ${MEASURES.map((m) => `sum(${m})`).join(', ')} FROM rollup_daily GROUP BY ${group};
      CREATE UNIQUE INDEX rollup_narrow_key ON rollup_narrow(day, ${NARROW_KEY.map((c) => `ifnull(${c}, x'00')`).join(', ')});
      CREATE INDEX rollup_daily_spend ON rollup_daily(day, currency, spend_nano);
      CREATE INDEX rollup_narrow_spend ON rollup_narrow(day, currency, spend_nano);
    `);
  },
};
