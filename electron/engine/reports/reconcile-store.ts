/** What bills vs estimates reads of the facts: per provider, UTC day, model, line type and currency. */
import type { MethodParsedInput } from '../../../shared/contract/methods';
import { all, allBig, type ReadableDb } from '../ledger/db';
import { sql } from '../ledger/sql';
import type { StoredPricingRow } from '../../../shared/domain/pricing/price-fact';

export interface ReconcileRow {
  provider: string;
  day: string;
  model: string | null;
  line_type: string;
  tiered: bigint;
  /** The non-standard service tiers of the usage, comma-separated (null when all standard). */
  tiers: string | null;
  billed_currency: string | null;
  billed: bigint | null;
  estimated_currency: string | null;
  estimated: bigint | null;
  tokens: bigint;
  unpriced_tokens: bigint;
  /** Of unpriced_tokens, those on rows that state their own cost. */
  unpriced_billed: bigint;
  /** Web searches the usage names (Anthropic's server tool), billed per search. */
  web_searches: bigint;
  facts: bigint;
}

/** Months ('YYYY-MM') with any fact, newest first. */
export function monthsWithFacts(db: ReadableDb): string[] {
  return all<{ m: string }>(db, sql`SELECT DISTINCT substr(day, 1, 7) AS m FROM usage_facts ORDER BY m DESC`).map((r) => r.m);
}

/** Facts whose money counts (counts_tokens = 1), summed per provider, day, model, line type and currencies. */
export function reconcileRows(db: ReadableDb, input: MethodParsedInput<'reconcile.report'>): ReconcileRow[] {
  const where = [sql.raw('counts_tokens = 1')];
  if (input.month) where.push(sql`day >= ${`${input.month}-01`} AND day <= ${`${input.month}-31`}`);
  if (input.provider) where.push(sql`provider = ${input.provider}`);
  return allBig<ReconcileRow>(
    db,
    sql`SELECT provider, day, model, line_type,
               sum(service_tier <> 'standard' OR context_tier IS NOT NULL) AS tiered,
               group_concat(DISTINCT CASE WHEN line_type = 'usage' AND service_tier <> 'standard' THEN service_tier END) AS tiers,
               billed_currency, sum(billed_nano) AS billed, estimated_currency, sum(estimated_nano) AS estimated,
               sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens,
               sum(CASE WHEN line_type = 'usage' AND estimated_nano IS NULL THEN input + cache_read + cache_write_5m + cache_write_1h + output ELSE 0 END) AS unpriced_tokens,
               sum(CASE WHEN line_type = 'usage' AND estimated_nano IS NULL AND price_status = 'not_applicable' THEN input + cache_read + cache_write_5m + cache_write_1h + output ELSE 0 END) AS unpriced_billed,
               sum(CASE WHEN line_type = 'usage' THEN coalesce(json_extract(other_units, '$.web_search'), 0) ELSE 0 END) AS web_searches,
               count(*) AS facts
        FROM usage_facts WHERE ${sql.join(where, ' AND ')}
        GROUP BY provider, day, model, line_type, billed_currency, estimated_currency
        ORDER BY provider, day, model`,
  );
}

/** A usage fact's raw model id and where it ran, once per provider, day and model: what its price route is found from. */
export interface UsageRouteRow {
  provider: string;
  day: string;
  model: string;
  model_raw: string | null;
  host: string | null;
  inference_geo: string | null;
}

/** The distinct raw ids, hosts and geos of the priced usage the report reads (the routes its prices came from). */
export function usageRouteRows(db: ReadableDb, input: MethodParsedInput<'reconcile.report'>): UsageRouteRow[] {
  const where = [sql.raw(`counts_tokens = 1 AND line_type = 'usage' AND model IS NOT NULL`)];
  if (input.month) where.push(sql`day >= ${`${input.month}-01`} AND day <= ${`${input.month}-31`}`);
  if (input.provider) where.push(sql`provider = ${input.provider}`);
  return all<UsageRouteRow>(db, sql`SELECT DISTINCT provider, day, model, model_raw, host, inference_geo FROM usage_facts WHERE ${sql.join(where, ' AND ')}`);
}

/** A usage fact of several (or an unknown number of) requests, with what pricing it again needs. */
/** A usage fact as re-pricing reads it (line_type is always 'usage' here). */
export interface AggregateFactRow extends Omit<StoredPricingRow, 'line_type'> {
  day: string;
  model: string;
  start_ms: bigint;
  end_ms: bigint;
}

/**
 * Priced usage facts that aggregate requests (requests <> 1) of the models given: their estimate is at the band
 * of their average request, and re-pricing them gives the range any split of their requests could cost.
 */
export function aggregateFacts(db: ReadableDb, input: MethodParsedInput<'reconcile.report'>, models: readonly string[]): AggregateFactRow[] {
  if (models.length === 0) return [];
  const where = [sql.raw(`counts_tokens = 1 AND line_type = 'usage' AND requests <> 1 AND estimated_nano IS NOT NULL`)];
  where.push(sql`model IN (SELECT value FROM json_each(${JSON.stringify(models)}))`);
  if (input.month) where.push(sql`day >= ${`${input.month}-01`} AND day <= ${`${input.month}-31`}`);
  if (input.provider) where.push(sql`provider = ${input.provider}`);
  return allBig<AggregateFactRow>(
    db,
    sql`SELECT provider, day, model, model_raw, host, inference_geo, start_ms, end_ms, input, cache_read, cache_write_5m,
               cache_write_1h, output, reasoning, service_tier, context_tier, requests, billed_currency, tags
        FROM usage_facts WHERE ${sql.join(where, ' AND ')}`,
  );
}
