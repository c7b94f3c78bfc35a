import type { Migration } from './types';

/**
 * The unestimated usage's index (migration 026) holds, beside the day, every column the unpriced list reads
 * (pricing/facts-store.ts unpricedUsage: its model, provider, tier, tokens, the first start, the row's price
 * status), so the Overview's first answer reads the month's unpriced usage from the index alone instead of
 * visiting each of those facts in the table (a month at 10M facts, 25k unpriced: ~50 ms -> ~9 ms). Still
 * only those rows (a few in a hundred at most), so an import of priced usage never touches it.
 */
export const m029UnestimatedCovering: Migration = {
  version: 29,
  name: 'unestimated-covering',
  up(db) {
    db.exec(`
      DROP INDEX usage_facts_unestimated;
      CREATE INDEX usage_facts_unestimated ON usage_facts(day, provider, service_tier, model, model_raw, host, inference_geo, price_status, start_ms,
        input, cache_read, cache_write_5m, cache_write_1h, output) WHERE estimated_nano IS NULL AND line_type = 'usage' AND counts_tokens = 1;
    `);
  },
};
