/**
 * What the tip rules and the KPI panel read: usage facts of a period aggregated into cells (provider x
 * model x route inputs x tier x project x key x member x bill currency) per UTC day, tokens by UTC hour for
 * the facts whose hour is known, spend by origin region (from the dashboard's rollups, so spend is billed
 * where a bill covers it, else estimated), and the dismissals. Tokens count only where counts_tokens = 1.
 *
 * Two sources of cells: the tips rollup (ledger/tip-cells.ts), which tips.list reads, and cellDays /
 * cellHours over the raw facts, kept as the reference the rollup is tested and benchmarked against
 * (test/tips/rollup-path.test.ts, bench/tips-budgets.ts).
 */
import { all, allBig, get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql, type SqlValue } from '../ledger/sql';
import { TIP_DIM_LIST, TIP_DIMS, TIP_DIMS_NAMED, TIP_HOUR_COLUMNS, TIP_USAGE } from '../ledger/tip-cells';

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


/** Usage of [fromDay, toDay] by cell and UTC day. */
export function cellDays(db: ReadableDb, fromDay: string, toDay: string): CellDayRow[] {
  return allBig<CellDayRow>(
    db,
    sql`SELECT ${TIP_DIMS_NAMED}, max(f.vendor) AS vendor, max(f.origin_region) AS origin_region, f.day,
          min(f.start_ms) AS start_ms, max(f.end_ms) AS end_ms,
          sum(f.input) AS input, sum(f.cache_read) AS cache_read, sum(f.cache_write_5m) AS cache_write_5m,
          sum(f.cache_write_1h) AS cache_write_1h, sum(f.output) AS output, sum(f.reasoning) AS reasoning,
          sum(f.requests) AS requests, sum(f.billed_nano) AS billed_nano,
          sum(f.billed_nano IS NULL) AS unbilled,
          min(f.granularity IN ('request', 'hour')) AS timed, count(*) AS facts, group_concat(f.id) AS ids
        FROM usage_facts f
        WHERE ${TIP_USAGE} AND f.day >= ${fromDay} AND f.day <= ${toDay}
        GROUP BY ${TIP_DIMS}, f.day
        ORDER BY f.day, ${TIP_DIMS}`,
  );
}

/** Tokens (every class but reasoning) of request/hour facts by UTC hour, per cell. */
export function cellHours(db: ReadableDb, fromDay: string, toDay: string): CellHourRow[] {
  return allBig<CellHourRow>(
    db,
    sql`SELECT ${TIP_DIMS_NAMED}, CAST(strftime('%H', f.start_ms / 1000, 'unixepoch') AS INTEGER) AS hour,
          sum(f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output) AS tokens
        FROM usage_facts f
        WHERE ${TIP_USAGE} AND f.granularity IN ('request', 'hour') AND f.day >= ${fromDay} AND f.day <= ${toDay}
        GROUP BY ${TIP_DIMS}, hour`,
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
    sql`SELECT count(DISTINCT day) AS n FROM usage_facts f WHERE ${TIP_USAGE} AND f.day >= ${fromDay} AND f.day <= ${toDay}`,
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

// ---- dismissals ---------------------------------------------------------------------------------

export function dismissedTips(db: ReadableDb, period: string): Set<string> {
  return new Set(all<{ tip_id: string }>(db, sql`SELECT tip_id FROM tip_dismissals WHERE period = ${period}`).map((r) => r.tip_id));
}

export function setTipDismissed(db: WritableDb, period: string, tipId: string, dismissed: boolean, now: number): void {
  if (dismissed) run(db, sql`INSERT OR REPLACE INTO tip_dismissals (period, tip_id, dismissed_at) VALUES (${period}, ${tipId}, ${now})`);
  else run(db, sql`DELETE FROM tip_dismissals WHERE period = ${period} AND tip_id = ${tipId}`);
}

// ---- the tips rollup ----------------------------------------------------------------------------
// cellDays and cellHours above scan every usage fact of a month (seconds at 10M facts); the tips rollup
// keeps exactly what they compute, per UTC day and cell. Only the evidence fact ids still come from
// usage_facts (factIdsOfCells, bounded).

/** One cell's usage on one UTC day, as the service folds it (plain numbers; money as bigint). */
export interface CellDay extends CellDims {
  /** cellDimsKey of the dimensions (tells the SQL tuples of a cell apart). */
  dimsKey: string;
  vendor: string | null;
  origin_region: string | null;
  day: string;
  start: number;
  end: number;
  input: number;
  cache_read: number;
  cache_write_5m: number;
  cache_write_1h: number;
  output: number;
  reasoning: number;
  requests: number;
  billedNano: bigint | null;
  /** Facts with no stated money. */
  unbilled: number;
  /** Every fact is a request or an hour bucket. */
  timed: boolean;
  facts: number;
  /** Tokens of timed facts by UTC hour of start (null: the caller reads them apart). */
  hours: number[] | null;
  /** Evidence ids (raw path only). */
  ids: string | null;
}

/** The row's dimensions as one string (NULL told apart from ''), built by SQLite: see cellDimsKey. */
const DIMS_KEY = (alias: string) =>
  sql.raw(
    TIP_DIM_LIST.split(', ')
      .map((d) => `coalesce(${alias}${d}, char(0))`)
      .join(" || char(1) || "),
  );

/** The same key in JS, for rows read with their dimensions. */
export function cellDimsKey(r: CellDims): string {
  return [r.provider, r.model, r.model_raw, r.host, r.inference_geo, r.service_tier, r.context_tier, r.project, r.api_key, r.member, r.billed_currency]
    .map((v) => v ?? '\u0000')
    .join('\u0001');
}

/**
 * The cell-days of [fromDay, toDay] from the rollup, in the order cellDays gives them. Read as plain
 * numbers (token sums of a cell and day are far below 2^53); the money as text, to stay exact.
 */
export function tipCellDays(db: ReadableDb, fromDay: string, toDay: string): CellDay[] {
  const q = sql`SELECT ${sql.raw(TIP_DIM_LIST)}, ${DIMS_KEY('')}, vendor, origin_region, day, start_ms, end_ms, input, cache_read,
      cache_write_5m, cache_write_1h, output, reasoning, requests, CAST(billed_nano AS TEXT), unbilled, timed, facts,
      ${sql.raw(TIP_HOUR_COLUMNS.join(', '))}
    FROM rollup_tip_cells WHERE day >= ${fromDay} AND day <= ${toDay}
    ORDER BY day, ${sql.raw(TIP_DIM_LIST)}`;
  const rows = db.prepare(q.text).raw().all(...(q.params as SqlValue[])) as unknown[][];
  return rows.map((r) => ({
    provider: r[0] as string,
    model: r[1] as string | null,
    model_raw: r[2] as string | null,
    host: r[3] as string | null,
    inference_geo: r[4] as string | null,
    service_tier: r[5] as string,
    context_tier: r[6] as string | null,
    project: r[7] as string | null,
    api_key: r[8] as string | null,
    member: r[9] as string | null,
    billed_currency: r[10] as string | null,
    dimsKey: r[11] as string,
    vendor: r[12] as string | null,
    origin_region: r[13] as string | null,
    day: r[14] as string,
    start: r[15] as number,
    end: r[16] as number,
    input: r[17] as number,
    cache_read: r[18] as number,
    cache_write_5m: r[19] as number,
    cache_write_1h: r[20] as number,
    output: r[21] as number,
    reasoning: r[22] as number,
    requests: r[23] as number,
    billedNano: r[24] === null ? null : BigInt(r[24] as string),
    unbilled: r[25] as number,
    timed: r[26] === 1,
    facts: r[27] as number,
    hours: r.slice(28, 52) as number[],
    ids: null,
  }));
}

/** Distinct UTC days with counted usage in a range (from the tips rollup; the same set usageDays counts). */
export function tipUsageDays(db: ReadableDb, fromDay: string, toDay: string): number {
  return all<{ n: number }>(db, sql`SELECT count(DISTINCT day) AS n FROM rollup_tip_cells WHERE day >= ${fromDay} AND day <= ${toDay}`)[0]!.n;
}

/**
 * Months ('YYYY-MM') with any fact, newest first, from rollup_daily (every fact has a row there, whatever
 * its line type): one index seek per month instead of a scan of the facts.
 */
export function monthsWithDataFromRollups(db: ReadableDb): string[] {
  const out: string[] = [];
  let last = get<{ d: string | null }>(db, sql`SELECT max(day) AS d FROM rollup_daily`)?.d ?? null;
  while (last) {
    const m = last.slice(0, 7);
    out.push(m);
    last = get<{ d: string | null }>(db, sql`SELECT max(day) AS d FROM rollup_daily WHERE day < ${`${m}-01`}`)?.d ?? null;
  }
  return out;
}

/** The identity of a cell as the SQL rows name it (the dimensions of TIP_DIMS, in order). */
export type CellDims = Pick<CellDayRow, 'provider' | 'model' | 'model_raw' | 'host' | 'inference_geo' | 'service_tier' | 'context_tier' | 'project' | 'api_key' | 'member' | 'billed_currency'>;


/**
 * Evidence ids: for each wanted cell tuple (by cellDimsKey), its first `want` fact ids in (UTC day, id)
 * order. `daysByProvider` names, per provider, the days that hold them (known from the rollup's per-day
 * fact counts), so only those (day, provider) ranges of the index on usage_facts(day, provider) are read:
 * a busy provider's dense cells need a day or two, a quiet one's sparse cells more days of few rows.
 * Each provider's read stops as soon as its cells have what they want.
 */
export function factIdsOfCells(
  db: ReadableDb,
  daysByProvider: Map<string, Set<string>>,
  wanted: Map<string, { provider: string; want: number }>,
): Map<string, { day: string; id: number }[]> {
  const out = new Map<string, { day: string; id: number }[]>();
  const open = new Map<string, number>();
  for (const [k, w] of wanted)
    if (w.want > 0) {
      out.set(k, []);
      open.set(w.provider, (open.get(w.provider) ?? 0) + 1);
    }
  for (const [provider, days] of daysByProvider) {
    let left = open.get(provider) ?? 0;
    if (left === 0 || days.size === 0) continue;
    const q = sql`SELECT f.id, f.day, ${DIMS_KEY('f.')} FROM usage_facts f INDEXED BY usage_facts_day
      WHERE f.day IN ${sql.in([...days].sort())} AND f.provider = ${provider} AND ${TIP_USAGE} ORDER BY f.day, f.id`;
    for (const [id, day, k] of db.prepare(q.text).raw().iterate(...(q.params as SqlValue[])) as IterableIterator<[number, string, string]>) {
      const list = out.get(k);
      if (!list) continue;
      const n = wanted.get(k)!.want;
      if (list.length >= n) continue;
      list.push({ day, id });
      if (list.length === n && --left === 0) break;
    }
  }
  return out;
}
