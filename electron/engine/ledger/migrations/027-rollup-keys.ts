import type { Migration } from './types';

/**
 * Each rollup table gets a UNIQUE index on its whole key (day first, so it also answers what the day
 * index answered, which it replaces): an import adds a chunk's new facts to the rows it already has
 * (INSERT ... ON CONFLICT DO UPDATE) instead of recomputing their days. SQLite's UNIQUE treats NULLs as
 * distinct, so a nullable column is keyed as ifnull(column, x'00'): a blob, equal to no text value.
 * Derived: the tables are emptied here and refilled after migrating.
 */
const KEYS: Record<string, readonly string[]> = {
  rollup_daily: ['provider', 'model', 'model_raw', 'model_family', 'vendor', 'origin_region', 'host', 'inference_geo', 'account', 'project', 'api_key', 'member', 'machine', 'service_tier', 'line_type', 'currency'],
  rollup_narrow: ['provider', 'model', 'model_raw', 'model_family', 'vendor', 'origin_region', 'project', 'currency'],
  rollup_hourly: ['hour', 'provider', 'model', 'model_raw', 'model_family', 'vendor', 'origin_region', 'project', 'currency'],
  rollup_hourly_spend: ['hour', 'vendor', 'origin_region', 'currency'],
  rollup_tip_cells: ['provider', 'model', 'model_raw', 'host', 'inference_geo', 'service_tier', 'context_tier', 'project', 'api_key', 'member', 'billed_currency'],
};

export const m027RollupKeys: Migration = {
  version: 27,
  name: 'rollup-keys',
  derived: true,
  up(db) {
    for (const [table, cols] of Object.entries(KEYS)) {
      db.exec(`
        DELETE FROM ${table};
        DROP INDEX ${table}_day;
        CREATE UNIQUE INDEX ${table}_key ON ${table}(day, ${cols.map((c) => `ifnull(${c}, x'00')`).join(', ')});
      `);
    }
  },
};
