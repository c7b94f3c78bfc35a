/**
 * What pricing reads and writes of the facts: the usage facts a book change may re-price and their new
 * estimates, the unpriced usage, a model's footprint in the ledger, and a vendor's facts moving region.
 * Every write refreshes the derived rows of the days it changed, in the caller's transaction.
 */
import { all, allBig, get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { refreshDerived } from '../ledger/derived';
import { sql } from '../ledger/sql';

/** A usage fact as re-pricing reads it (INTEGER columns as bigint). */
export interface PricedFactRow {
  id: bigint;
  day: string;
  provider: string;
  model: string | null;
  model_raw: string | null;
  host: string | null;
  inference_geo: string | null;
  start_ms: bigint;
  end_ms: bigint;
  input: bigint;
  cache_read: bigint;
  cache_write_5m: bigint;
  cache_write_1h: bigint;
  output: bigint;
  reasoning: bigint;
  requests: bigint;
  service_tier: string;
  context_tier: string | null;
  line_type: string;
  billed_currency: string | null;
  billed_nano: bigint | null;
  recorded_nano: bigint | null;
  recorded_currency: string | null;
  estimated_nano: bigint | null;
  estimated_currency: string | null;
  price_status: string | null;
  tags: string | null;
}

/** Usage facts, by id, of these models or their families (every usage fact when `models` is absent). */
export function* usageFactsToPrice(db: ReadableDb, models: readonly string[] | undefined): Generator<PricedFactRow> {
  if (models && models.length === 0) return;
  const scope = models ? sql`AND (model IN ${sql.in(models)} OR model_family IN ${sql.in(models)})` : sql.raw('');
  const q = sql`SELECT id, day, provider, model, model_raw, host, inference_geo, start_ms, end_ms, input, cache_read, cache_write_5m,
                  cache_write_1h, output, reasoning, requests, service_tier, context_tier, line_type, billed_currency, billed_nano,
                  recorded_nano, recorded_currency, estimated_nano,
                  estimated_currency, price_status, tags
                FROM usage_facts WHERE line_type = 'usage' ${scope} ORDER BY id`;
  yield* db.prepare(q.text).safeIntegers(true).iterate(...q.params) as Iterable<PricedFactRow>;
}

/** New estimates of facts, and the derived rows of their days; call inside a transaction. */
export function writeEstimates(
  db: WritableDb,
  updates: readonly { id: number; nano: bigint | null; currency: string | null; status: string }[],
  days: readonly string[],
): void {
  const stmt = db.prepare('UPDATE usage_facts SET estimated_nano = ?, estimated_currency = ?, price_status = ? WHERE id = ?');
  for (const u of updates) stmt.run(u.nano, u.currency, u.status, u.id);
  refreshDerived(db, days);
}

export interface UnpricedRow {
  model: string;
  provider: string;
  tier: string;
  tokens: bigint;
  /** Of `tokens`, those on rows that state their own cost (that bill stands as their spend). */
  billed_tokens: bigint;
  facts: bigint;
  model_raw: string | null;
  host: string | null;
  inference_geo: string | null;
  start_ms: bigint;
  /** `tokens` per class (reasoning is within output): what a price must cover for these facts. */
  input: bigint;
  cache_read: bigint;
  cache_write_5m: bigint;
  cache_write_1h: bigint;
  output: bigint;
}

/**
 * Usage whose tokens count and that the book cannot price (no estimate), per model, provider and service
 * tier, most tokens first: the same facts Reconcile counts as unpriced, whether or not the row states its own
 * cost (`billed_tokens` of them: their own cost stands as their spend). `range` narrows to the facts' days
 * (from and to inclusive). Reconcile, the Prices screen and the Overview all count with this one function.
 * The index usage_facts_unestimated (migrations 026, 029) holds every column it reads: one read here that it
 * lacks would visit each of those facts in the table again. The facts are first summed in the index's own
 * order (day, provider, tier, model, raw name: no sort), then those few rows by model, provider and tier:
 * sums of sums, the least of the least, the same figures for sorting a month's tens of rows instead of its
 * thousands of facts (16.5k at 10M facts: ~10 -> ~4 ms).
 */
export function unpricedUsage(db: ReadableDb, range: { from?: string | undefined; to?: string | undefined } = {}): UnpricedRow[] {
  const from = range.from ? sql`AND day >= ${range.from}` : sql.raw('');
  const to = range.to ? sql`AND day <= ${range.to}` : sql.raw('');
  return allBig<UnpricedRow>(
    db,
    sql`SELECT coalesce(model, model_raw, '(no model)') AS model, provider, service_tier AS tier, sum(tokens) AS tokens, sum(billed_tokens) AS billed_tokens,
               sum(facts) AS facts, min(model_raw) AS model_raw, min(host) AS host, min(inference_geo) AS inference_geo, min(start_ms) AS start_ms,
               sum(input) AS input, sum(cache_read) AS cache_read, sum(cache_write_5m) AS cache_write_5m, sum(cache_write_1h) AS cache_write_1h, sum(output) AS output
        FROM (SELECT day, provider, service_tier, model, model_raw,
                     sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens,
                     sum(input) AS input, sum(cache_read) AS cache_read, sum(cache_write_5m) AS cache_write_5m, sum(cache_write_1h) AS cache_write_1h, sum(output) AS output,
                     sum(CASE WHEN price_status = 'not_applicable' THEN input + cache_read + cache_write_5m + cache_write_1h + output ELSE 0 END) AS billed_tokens,
                     count(*) AS facts, min(host) AS host, min(inference_geo) AS inference_geo, min(start_ms) AS start_ms
              FROM usage_facts WHERE line_type = 'usage' AND counts_tokens = 1 AND estimated_nano IS NULL ${from} ${to}
              GROUP BY day, provider, service_tier, model, model_raw)
        GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 3`,
  );
}

/** Facts per canonical model in the ledger. */
export function factsPerModel(db: ReadableDb): Map<string, number> {
  return new Map(all<{ model: string; n: number }>(db, sql`SELECT model, count(*) AS n FROM usage_facts WHERE model IS NOT NULL GROUP BY model`).map((r) => [r.model, r.n]));
}

/** A model's usage facts in the ledger: how many, their tokens, how many are unpriced. */
export function modelFootprint(db: ReadableDb, model: string): { facts: number; tokens: number; unpricedFacts: number } {
  const r = allBig<{ facts: bigint; tokens: bigint | null; unpriced: bigint | null }>(
    db,
    sql`SELECT count(*) AS facts, sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens,
               sum(price_status = 'unpriced') AS unpriced
        FROM usage_facts WHERE model = ${model} AND line_type = 'usage'`,
  )[0]!;
  return { facts: Number(r.facts), tokens: Number(r.tokens ?? 0n), unpricedFacts: Number(r.unpriced ?? 0n) };
}

/** Whether any fact names this vendor. */
export function vendorInLedger(db: ReadableDb, vendor: string): boolean {
  return get<{ one: number }>(db, sql`SELECT 1 AS one FROM usage_facts WHERE vendor = ${vendor} LIMIT 1`) !== undefined;
}

/** A vendor's facts take this origin region, and the derived rows of their days follow; call inside a transaction. */
export function moveVendorFacts(db: WritableDb, vendor: string, region: string | null): void {
  const days = all<{ day: string }>(db, sql`SELECT DISTINCT day FROM usage_facts WHERE vendor = ${vendor} AND coalesce(origin_region, '') <> ${region ?? ''}`).map((d) => d.day);
  run(db, sql`UPDATE usage_facts SET origin_region = ${region} WHERE vendor = ${vendor}`);
  refreshDerived(db, days);
}
