/**
 * What the tip rules and the KPI panel read (issue 7): usage facts of a period aggregated into cells
 * (provider x model x route inputs x tier x project x key x member x bill currency) per UTC day, tokens by
 * UTC hour for the facts whose hour is known, spend by origin region (from the dashboard's rollups, so
 * spend follows repos/totals.ts: billed where a bill covers it, else estimated), and the dismissals.
 * Tokens count only where counts_tokens = 1.
 */
import { all, allBig, run, type ReadableDb, type WritableDb } from '../connection';
import { sql } from '../sql';

export interface CellDayRow {
  provider: string;
  model: string | null;
  model_raw: string | null;
  vendor: string | null;
  origin_region: string | null;
  host: string | null;
  inference_geo: string | null;
  service_tier: string;
  context_tier: string | null;
  project: string | null;
  api_key: string | null;
  member: string | null;
  billed_currency: string | null;
  day: string;
  start_ms: bigint;
  end_ms: bigint;
  input: bigint;
  cache_read: bigint;
  cache_write_5m: bigint;
  cache_write_1h: bigint;
  output: bigint;
  reasoning: bigint;
  requests: bigint;
  billed_nano: bigint | null;
  /** Facts of the row with no stated money (a cell is "billed" only when all its rows are). */
  unbilled: bigint;
  /** 1 when every fact is a request or an hour bucket. */
  timed: bigint;
  facts: bigint;
  ids: string;
}

export interface CellHourRow {
  provider: string;
  model: string | null;
  model_raw: string | null;
  host: string | null;
  inference_geo: string | null;
  service_tier: string;
  context_tier: string | null;
  project: string | null;
  api_key: string | null;
  member: string | null;
  billed_currency: string | null;
  hour: bigint;
  tokens: bigint;
}

const DIMS = sql.raw(
  'f.provider, f.model, f.model_raw, f.host, f.inference_geo, f.service_tier, f.context_tier, f.project, f.api_key, f.member, f.billed_currency',
);
const USAGE = sql.raw("f.line_type = 'usage' AND f.counts_tokens = 1");

/** Usage of [fromDay, toDay] by cell and UTC day. */
export function cellDays(db: ReadableDb, fromDay: string, toDay: string): CellDayRow[] {
  return allBig<CellDayRow>(
    db,
    sql`SELECT ${DIMS}, max(f.vendor) AS vendor, max(f.origin_region) AS origin_region, f.day,
          min(f.start_ms) AS start_ms, max(f.end_ms) AS end_ms,
          sum(f.input) AS input, sum(f.cache_read) AS cache_read, sum(f.cache_write_5m) AS cache_write_5m,
          sum(f.cache_write_1h) AS cache_write_1h, sum(f.output) AS output, sum(f.reasoning) AS reasoning,
          sum(f.requests) AS requests, sum(f.billed_nano) AS billed_nano,
          sum(f.billed_nano IS NULL) AS unbilled,
          min(f.granularity IN ('request', 'hour')) AS timed, count(*) AS facts, group_concat(f.id) AS ids
        FROM usage_facts f
        WHERE ${USAGE} AND f.day >= ${fromDay} AND f.day <= ${toDay}
        GROUP BY ${DIMS}, f.day
        ORDER BY f.day, f.provider, f.model`,
  );
}

/** Tokens (every class but reasoning) of request/hour facts by UTC hour, per cell. */
export function cellHours(db: ReadableDb, fromDay: string, toDay: string): CellHourRow[] {
  return allBig<CellHourRow>(
    db,
    sql`SELECT ${DIMS}, CAST(strftime('%H', f.start_ms / 1000, 'unixepoch') AS INTEGER) AS hour,
          sum(f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output) AS tokens
        FROM usage_facts f
        WHERE ${USAGE} AND f.granularity IN ('request', 'hour') AND f.day >= ${fromDay} AND f.day <= ${toDay}
        GROUP BY ${DIMS}, hour`,
  );
}

export interface RegionRow {
  region: string | null;
  currency: string;
  spend_nano: bigint | null;
  tokens: bigint;
}

/** Spend and tokens by origin region and currency (from rollup_daily). */
export function regionTotals(db: ReadableDb, fromDay: string, toDay: string): RegionRow[] {
  return allBig<RegionRow>(
    db,
    sql`SELECT origin_region AS region, currency, sum(spend_nano) AS spend_nano,
          sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens
        FROM rollup_daily WHERE day >= ${fromDay} AND day <= ${toDay} AND currency <> ''
        GROUP BY origin_region, currency ORDER BY origin_region, currency`,
  );
}

/** Distinct UTC days with usage in a range. */
export function usageDays(db: ReadableDb, fromDay: string, toDay: string): number {
  return all<{ n: number }>(
    db,
    sql`SELECT count(DISTINCT day) AS n FROM usage_facts f WHERE ${USAGE} AND f.day >= ${fromDay} AND f.day <= ${toDay}`,
  )[0]!.n;
}

/** Months ('YYYY-MM') with any fact, newest first. */
export function monthsWithData(db: ReadableDb): string[] {
  return all<{ m: string }>(db, sql`SELECT DISTINCT substr(day, 1, 7) AS m FROM usage_facts ORDER BY m DESC`).map((r) => r.m);
}

export type KpiDimension = 'total' | 'project' | 'api_key' | 'member';

export interface KpiRow {
  month: string;
  grp: string | null;
  currency: string;
  spend_nano: bigint | null;
  input: bigint;
  cache_read: bigint;
  cache_write: bigint;
  output: bigint;
  reasoning: bigint;
  requests: bigint;
}

/** Per month x group x currency measures for the KPI panel (from rollup_daily). */
export function kpiRows(db: ReadableDb, by: KpiDimension, fromDay: string, toDay: string): KpiRow[] {
  const grp = sql.raw(by === 'total' ? 'NULL' : by);
  return allBig<KpiRow>(
    db,
    sql`SELECT substr(day, 1, 7) AS month, ${grp} AS grp, currency, sum(spend_nano) AS spend_nano,
          sum(input) AS input, sum(cache_read) AS cache_read, sum(cache_write_5m + cache_write_1h) AS cache_write,
          sum(output) AS output, sum(reasoning) AS reasoning, sum(requests) AS requests
        FROM rollup_daily WHERE day >= ${fromDay} AND day <= ${toDay}
        GROUP BY month, grp, currency ORDER BY month, grp, currency`,
  );
}

// ---- dismissals (migration 006) ---------------------------------------------------------------

export function dismissedTips(db: ReadableDb, period: string): Set<string> {
  return new Set(all<{ tip_id: string }>(db, sql`SELECT tip_id FROM tip_dismissals WHERE period = ${period}`).map((r) => r.tip_id));
}

export function setTipDismissed(db: WritableDb, period: string, tipId: string, dismissed: boolean, now = Date.now()): void {
  if (dismissed) run(db, sql`INSERT OR REPLACE INTO tip_dismissals (period, tip_id, dismissed_at) VALUES (${period}, ${tipId}, ${now})`);
  else run(db, sql`DELETE FROM tip_dismissals WHERE period = ${period} AND tip_id = ${tipId}`);
}
