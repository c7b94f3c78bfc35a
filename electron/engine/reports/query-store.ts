/**
 * Aggregation for the dashboard and `tokenledger report`: group the ledger by dimensions (and day) over a
 * range of days, with filters, from one of two sources that give the same figures:
 *
 * - 'rollup': rollup_narrow or rollup_daily (UTC days), the narrowest covering the query's columns.
 *   Used whenever days are UTC days.
 * - 'raw': the same fact legs computed from usage_facts at query time (ledger/rollups.ts factLegs). Used
 *   for a non-UTC time zone, where request- and hour-grain facts are placed on the LOCAL day of their
 *   start (exact, with the zone's DST transitions), while day-grain export rows keep the day the export
 *   names (a day bucket cannot be split). The bench measures it as the "naive GROUP BY".
 *
 * In a zone whose offsets are whole hours, local days come from rollup_hourly instead of the raw facts; a
 * query not grouped by day reads rollup_narrow for the UTC days strictly inside its range and hourly rows
 * only for the UTC days at its edges, and dailySpend() gives the Overview's daily chart from the slim
 * rollup_hourly_spend.
 */
import type { Dimension } from '../../../shared/domain/aggregate';
import type { AggregateRow } from '../../../shared/domain/reports/fold';
import { addDays, dayStartUtc, isUtcZone, localDay, zoneOffsetMs } from '../../../shared/domain/time';
import { all, allBig, get, type ReadableDb } from '../ledger/db';
import { sql, type SqlQuery } from '../ledger/sql';
import { factDaySql } from '../ledger/facts';
import { factCountFromDays } from '../ledger/ledger-days';
import { reportModelSql } from '../ledger/model-identity';
import { factDimensionSql, factMemberSql } from '../ledger/team-dims';
import { otherCurrencyFacts } from './convert-scope-store';
import { factLegs, HOURLY_DIMENSIONS, ROLLUP_DIMENSIONS, ROLLUP_MEASURES, rollupTableFor } from '../ledger/rollups';

export type Filters = Partial<Record<Dimension, readonly (string | null)[]>>;

export interface AggregateQuery {
  /** Inclusive days in `timeZone` (UTC days when it is UTC). */
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
  /** Dimensions (and `model_raw`, kept where `model` is null) to group by. */
  groupBy: readonly (Dimension | 'model_raw')[];
  /** Also group by day. */
  byDay?: boolean;
  filters?: Filters | undefined;
  /** Force a source (tests, bench); default: rollups for UTC, raw facts otherwise. */
  source?: 'rollup' | 'raw';
  /**
   * The display currency the rows' spend will be converted to: rows in another currency then come by day
   * at the conversion cell's grain (one day, currency and value of every rollup dimension), so that each
   * cell is converted and rounded once, the same cell whatever the view groups or filters by.
   */
  convertTo?: string | undefined;
}

/** The zone's offsets over [from-2, to+2]: each `until` (exclusive, epoch ms) with its offset, then the last one. */
function offsetParts(timeZone: string, from: string, to: string): { parts: { until: number; offset: number }[]; last: number } {
  const start = dayStartUtc(addDays(from, -2));
  const end = dayStartUtc(addDays(to, 2));
  const parts: { until: number; offset: number }[] = [];
  let current = zoneOffsetMs(start, timeZone);
  for (let next = start + 86_400_000; next <= end; next += 86_400_000) {
    const o = zoneOffsetMs(next, timeZone);
    if (o !== current) {
      // Binary search the transition instant to the second.
      let lo = next - 86_400_000;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (zoneOffsetMs(mid, timeZone) === current) lo = mid;
        else hi = mid;
      }
      parts.push({ until: hi, offset: current });
      current = o;
    }
  }
  return { parts, last: current };
}

/** Offset (ms) of `timeZone` as a SQL expression over an instant column, exact across DST changes in [from-2, to+2]. */
export function offsetExpr(timeZone: string, from: string, to: string, instant = 'f.start_ms'): SqlQuery {
  const { parts, last } = offsetParts(timeZone, from, to);
  if (parts.length === 0) return sql.raw(String(last));
  const whens = parts.map((p) => `WHEN ${instant} < ${p.until} THEN ${p.offset}`).join(' ');
  return sql.raw(`(CASE ${whens} ELSE ${last} END)`);
}

/** Whether the zone's offsets and their changes fall on whole hours over the range (then hourly rollups are exact). */
export function wholeHourZone(timeZone: string, from: string, to: string): boolean {
  const { parts, last } = offsetParts(timeZone, from, to);
  return last % 3_600_000 === 0 && parts.every((p) => p.offset % 3_600_000 === 0 && p.until % 3_600_000 === 0);
}

/** The local day of a fact (the one rule, factDaySql): request/hour grain by its start in the zone; day/month grain as the export says. */
function localDayExpr(timeZone: string, from: string, to: string): SqlQuery {
  return factDaySql(offsetExpr(timeZone, from, to));
}

/**
 * A dimension as SQL over any source with the ledger's columns (usage_facts, a rollup, the fact legs):
 * `model` is the report model (snapshots folded by day), `model_id` the stored id, the rest their column.
 */
export function dimensionSql(dim: Dimension | 'model_raw' | 'day' | 'currency'): SqlQuery {
  if (dim === 'model') return reportModelSql();
  return sql.raw(dim === 'model_id' ? 'model' : dim);
}

/** The stored columns a list of dimensions reads (to pick the rollup that has them). */
const storedColumns = (dims: readonly string[]) => dims.map((d) => (d === 'model_id' ? 'model' : d));

/** `onFacts`: the filters name usage_facts AS f (the team's dimensions are then their rule, team-dims.ts). */
function filterWhere(filters: Filters | undefined, onFacts = false): SqlQuery[] {
  const parts: SqlQuery[] = [];
  for (const [dim, values] of Object.entries(filters ?? {}) as [Dimension, readonly (string | null)[]][]) {
    if (!values || values.length === 0) continue;
    const col = onFacts && (dim === 'member' || dim === 'machine') ? factDimensionSql(dim) : dimensionSql(dim);
    const named = values.filter((v): v is string => v !== null);
    const ors: SqlQuery[] = [];
    if (named.length) ors.push(sql`${col} IN ${sql.in(named)}`);
    if (named.length < values.length) ors.push(sql`${col} IS NULL`);
    parts.push(sql`(${sql.join(ors, ' OR ')})`);
  }
  return parts;
}

/** The FROM source and the WHERE over it, for a query. */
export function sourceFor(
  q: Pick<AggregateQuery, 'from' | 'to' | 'timeZone' | 'filters' | 'source'>,
  columns: readonly string[] = [],
  byDay = true,
  /** Read from the facts, only those matching this too (usage_facts AS f). */
  factScope?: SqlQuery,
): { from: SqlQuery; where: SqlQuery; table?: 'rollup_narrow' | 'rollup_daily' } {
  const useRaw = q.source === 'raw' || (q.source === undefined && !isUtcZone(q.timeZone));
  const range: SqlQuery[] = [];
  if (q.from) range.push(sql`day >= ${q.from}`);
  if (q.to) range.push(sql`day <= ${q.to}`);
  const where = sql.join([sql.raw('1 = 1'), ...range, ...filterWhere(q.filters)], ' AND ');
  // The narrowest rollup that has every column grouped by or filtered on.
  const filterCols = storedColumns(Object.entries(q.filters ?? {}).filter(([, v]) => v && v.length > 0).map(([d]) => d));
  columns = storedColumns(columns);
  if (!useRaw) {
    const table = rollupTableFor([...columns, ...filterCols]);
    return { from: sql.raw(table), where, table };
  }
  const factRange: SqlQuery[] = [factScope ?? sql.raw('1 = 1')];
  // A local day lies within one UTC day either side of the same UTC day.
  if (q.from) factRange.push(sql`f.day >= ${addDays(q.from, -1)}`);
  if (q.to) factRange.push(sql`f.day <= ${addDays(q.to, 1)}`);
  const utc = isUtcZone(q.timeZone);
  const [a, b] = q.from || q.to ? [q.from ?? q.to!, q.to ?? q.from!] : ['1970-01-03', '1970-01-03'];
  const hourly = [...columns, ...filterCols].every((c) => c === 'day' || c === 'currency' || (HOURLY_DIMENSIONS as readonly string[]).includes(c));
  if (!utc && q.source === undefined && hourly && wholeHourZone(q.timeZone, a, b)) {
    // Local days from the hourly rollup: the hour's start in the zone; day/month rows (hour NULL) keep their day.
    const local = sql`CASE WHEN h.hour IS NULL THEN h.day ELSE date((h.hour * 3600000 + ${offsetExpr(q.timeZone, a, b, 'h.hour * 3600000')}) / 1000, 'unixepoch') END`;
    const cols = sql.raw([...HOURLY_DIMENSIONS, 'currency', ...ROLLUP_MEASURES].map((c) => `h.${c} AS ${c}`).join(', '));
    if (!byDay && q.from && q.to && q.to >= addDays(q.from, 2)) {
      // Not by day: every fact of a UTC day strictly inside the period lies on a local day inside it (offsets
      // are under a day), so those days come whole from rollup_narrow (one row per day and group instead of
      // one per hour); only the UTC days at the edges [from-1, from] and [to, to+1] need the hourly rows.
      const ncols = sql.raw([...HOURLY_DIMENSIONS, 'currency', ...ROLLUP_MEASURES].join(', '));
      return {
        from: sql`(SELECT day, ${ncols} FROM rollup_narrow WHERE day >= ${addDays(q.from, 1)} AND day <= ${addDays(q.to, -1)}
          UNION ALL SELECT ${local} AS day, ${cols} FROM rollup_hourly h WHERE (h.day >= ${addDays(q.from, -1)} AND h.day <= ${q.from})
          UNION ALL SELECT ${local} AS day, ${cols} FROM rollup_hourly h WHERE (h.day >= ${q.to} AND h.day <= ${addDays(q.to, 1)}))`,
        where,
      };
    }
    const hRange: SqlQuery[] = [sql.raw('1 = 1')];
    if (q.from) hRange.push(sql`h.day >= ${addDays(q.from, -1)}`);
    if (q.to) hRange.push(sql`h.day <= ${addDays(q.to, 1)}`);
    return { from: sql`(SELECT ${local} AS day, ${cols} FROM rollup_hourly h WHERE ${sql.join(hRange, ' AND ')})`, where };
  }
  const dayExpr = utc ? sql.raw('f.day') : localDayExpr(q.timeZone, a, b);
  return { from: sql`(${factLegs(sql.join(factRange, ' AND '), dayExpr)})`, where };
}

const sums = (measures: readonly string[]) => sql.raw(measures.map((m) => `sum(${m}) AS ${m}`).join(', '));

/** Sum the measures grouped by [day,] dimensions and currency (see `convertTo` for rows to be converted). */
export function aggregate(db: ReadableDb, q: AggregateQuery): AggregateRow[] {
  return byConversion(db, q, (qq, also, cells, scope) => aggregateRows(db, qq, also, cells, scope));
}

export type ReadRows<R> = (q: AggregateQuery, also?: SqlQuery, cells?: boolean, factScope?: SqlQuery) => R[];

/** The rows of a query as `convertTo` asks (see there): in the display currency (or none) as grouped, the others by conversion cell. */
export function byConversion<R>(db: ReadableDb, q: AggregateQuery, read: ReadRows<R>): R[] {
  if (q.convertTo === undefined) return read(q);
  const same = sql`currency IN (${q.convertTo}, '')`;
  const rows = read(q, same);
  // The cells come from the facts outside UTC: only those that can give one are read (convert-scope-store.ts).
  const scope = q.source === undefined && !isUtcZone(q.timeZone) ? otherCurrencyFacts(db, q.convertTo, q.from, q.to) : undefined;
  if (scope === null) return rows;
  return [...rows, ...read({ ...q, byDay: true }, sql`NOT (${same})`, true, scope)];
}


/** The query's sums, over the rows matching `also`; `cells`: grouped also by every rollup dimension. */
/** `measures`: those summed (the others come back 0 or null: for a reader of those alone, spend-store.ts). */
export function aggregateRows(db: ReadableDb, q: AggregateQuery, also: SqlQuery = sql.raw('1 = 1'), cells = false, factScope?: SqlQuery, measures: readonly string[] = ROLLUP_MEASURES): AggregateRow[] {
  const { from, where } = sourceFor(q, cells ? [...q.groupBy, ...ROLLUP_DIMENSIONS] : q.groupBy, q.byDay === true, factScope);
  const groupCols = [...(q.byDay ? (['day'] as const) : []), ...q.groupBy, 'currency' as const];
  const select = sql.join(groupCols.map((c, i) => sql`${dimensionSql(c)} AS ${sql.raw(`g${i}`)}`), ', ');
  const group = sql.raw([...groupCols.map((_, i) => `g${i}`), ...(cells ? ROLLUP_DIMENSIONS : [])].join(', '));
  const rows = allBig<Record<string, bigint | string | null>>(db, sql`SELECT ${select}, ${sums(measures)} FROM ${from} WHERE ${where} AND ${also} GROUP BY ${group}`);
  const n = (v: unknown) => (typeof v === 'bigint' ? v : 0n);
  const nn = (v: unknown) => (typeof v === 'bigint' ? v : null);
  return rows.map((r) => {
    const g = groupCols.map((_, i) => r[`g${i}`] as string | null);
    return {
      day: q.byDay ? (g[0] as string) : null,
      keys: g.slice(q.byDay ? 1 : 0, g.length - 1),
      currency: g[g.length - 1] as string,
      facts: n(r.facts),
      input: n(r.input),
      cache_read: n(r.cache_read),
      cache_write_5m: n(r.cache_write_5m),
      cache_write_1h: n(r.cache_write_1h),
      output: n(r.output),
      reasoning: n(r.reasoning),
      requests: n(r.requests),
      billed_nano: nn(r.billed_nano),
      estimated_nano: nn(r.estimated_nano),
      spend_nano: nn(r.spend_nano),
      unpriced_tokens: n(r.unpriced_tokens),
      unpriced_facts: n(r.unpriced_facts),
      recorded_nano: nn(r.recorded_nano),
      notional_nano: nn(r.notional_nano),
    };
  });
}

export interface DailySpendRow {
  day: string;
  vendor: string | null;
  origin_region: string | null;
  currency: string;
  spend_nano: bigint | null;
}

/**
 * Spend per local day, vendor, origin region and currency over [from, to] (the Overview's daily chart): UTC
 * days from rollup_narrow, in a zone whose offsets are whole hours from rollup_hourly_spend; the same figures
 * as aggregate() grouped by vendor and origin region by day. Null where the view needs the raw facts (other
 * zones): use aggregate() then.
 */
export function dailySpend(db: ReadableDb, q: { from: string; to: string; timeZone: string }): DailySpendRow[] | null {
  if (isUtcZone(q.timeZone)) {
    return allBig<DailySpendRow>(
      db,
      sql`SELECT day, vendor, origin_region, currency, sum(spend_nano) AS spend_nano FROM rollup_narrow WHERE day >= ${q.from} AND day <= ${q.to} GROUP BY 1, 2, 3, 4`,
    );
  }
  if (!wholeHourZone(q.timeZone, q.from, q.to)) return null;
  const local = sql`CASE WHEN h.hour IS NULL THEN h.day ELSE date((h.hour * 3600000 + ${offsetExpr(q.timeZone, q.from, q.to, 'h.hour * 3600000')}) / 1000, 'unixepoch') END`;
  return allBig<DailySpendRow>(
    db,
    sql`SELECT day, vendor, origin_region, currency, spend_nano FROM (
          SELECT ${local} AS day, vendor, origin_region, currency, sum(spend_nano) AS spend_nano FROM rollup_hourly_spend h
          WHERE h.day >= ${addDays(q.from, -1)} AND h.day <= ${addDays(q.to, 1)} GROUP BY 1, 2, 3, 4)
        WHERE day >= ${q.from} AND day <= ${q.to}`,
  );
}

/** Models (or the raw name when unresolved) with unpriced usage in the view. */
export function unpricedModels(db: ReadableDb, q: Omit<AggregateQuery, 'groupBy'>): string[] {
  const { from, where } = sourceFor(q, ['model', 'model_raw'], false);
  return all<{ m: string }>(
    db,
    sql`SELECT coalesce(${reportModelSql()}, model_raw, '(no model)') AS m FROM ${from} WHERE ${where} GROUP BY 1 HAVING sum(unpriced_facts) > 0 ORDER BY 1`,
  ).map((r) => r.m);
}

/** Whether any spend of the local days [fromDay, lastDay] (any zone) is in a currency other than `currency`, from the rollups. */
export function otherCurrencySpend(db: ReadableDb, currency: string, fromDay: string, lastDay: string): boolean {
  // A local day lies within one UTC day of the same UTC day.
  return (
    get(db, sql`SELECT 1 AS one FROM rollup_narrow WHERE day >= ${addDays(fromDay, -1)} AND day <= ${addDays(lastDay, 1)} AND currency NOT IN (${currency}, '') AND spend_nano IS NOT NULL LIMIT 1`) !==
    undefined
  );
}

/** The latest UTC day with any fact (null for an empty ledger). */
export function latestDay(db: ReadableDb): string | null {
  return get<{ d: string | null }>(db, sql`SELECT max(day) AS d FROM rollup_narrow`)?.d ?? null;
}

/**
 * The latest day with any fact in a time zone: the latest UTC day's request/hour facts may fall on the
 * local day after (east of UTC) or before (west); day-grain rows keep their day.
 */
export function latestDayIn(db: ReadableDb, timeZone: string): string | null {
  const d = latestDay(db);
  if (d === null || isUtcZone(timeZone)) return d;
  const r = get<{ m: number | null; dd: string | null }>(
    db,
    sql`SELECT max(CASE WHEN granularity IN ('request', 'hour') THEN start_ms END) AS m,
               max(CASE WHEN granularity NOT IN ('request', 'hour') THEN day END) AS dd
        FROM usage_facts WHERE day = ${d}`,
  );
  const days = [r?.dd ?? null, r?.m != null ? localDay(Number(r.m), timeZone) : null].filter((x): x is string => x !== null);
  return days.length ? days.sort().at(-1)! : d;
}

/**
 * The months (UTC days' 'YYYY-MM') with any fact, oldest first: from ledger_days (a row per day, kept with
 * the rollups in the same transaction), not the rollup's hundreds of thousands of rows at 10M facts.
 */
export function monthsWithData(db: ReadableDb): string[] {
  return all<{ m: string }>(db, sql`SELECT DISTINCT substr(day, 1, 7) AS m FROM ledger_days WHERE facts > 0 ORDER BY 1`).map((r) => r.m);
}

export function ledgerFactCount(db: ReadableDb): number {
  return factCountFromDays(db);
}

// ---- the facts behind a cell ----------------------------------------------------------------------

export interface FactRow {
  id: number;
  start_ms: number;
  day: string;
  granularity: string;
  provider: string;
  model: string | null;
  model_raw: string | null;
  vendor: string | null;
  origin_region: string | null;
  project: string | null;
  api_key: string | null;
  member: string | null;
  service_tier: string;
  line_type: string;
  input: number;
  cache_read: number;
  cache_write_5m: number;
  cache_write_1h: number;
  output: number;
  reasoning: number;
  requests: number;
  counts_tokens: number;
  billed_nano: bigint | null;
  billed_currency: string | null;
  estimated_nano: bigint | null;
  estimated_currency: string | null;
  recorded_nano: bigint | null;
  recorded_currency: string | null;
  price_status: string | null;
  format: string;
  batch_id: number;
}

function factsWhere(q: Pick<AggregateQuery, 'from' | 'to' | 'timeZone' | 'filters'>): SqlQuery {
  const parts: SqlQuery[] = [sql.raw('1 = 1')];
  const utc = isUtcZone(q.timeZone);
  if (utc) {
    if (q.from) parts.push(sql`f.day >= ${q.from}`);
    if (q.to) parts.push(sql`f.day <= ${q.to}`);
  } else if (q.from || q.to) {
    if (q.from) parts.push(sql`f.day >= ${addDays(q.from, -1)}`);
    if (q.to) parts.push(sql`f.day <= ${addDays(q.to, 1)}`);
    const d = localDayExpr(q.timeZone, q.from ?? q.to!, q.to ?? q.from!);
    if (q.from) parts.push(sql`${d} >= ${q.from}`);
    if (q.to) parts.push(sql`${d} <= ${q.to}`);
  }
  // Filters name bare columns: on usage_facts they are the same names, but the team's dimensions.
  parts.push(...filterWhere(q.filters, true));
  return sql.join(parts, ' AND ');
}

/** The facts of a view, oldest first, a page at a time; `total` counts them all. */
export function listFacts(
  db: ReadableDb,
  q: Pick<AggregateQuery, 'from' | 'to' | 'timeZone' | 'filters'> & { offset: number; limit: number },
): { total: number; rows: FactRow[] } {
  const where = factsWhere(q);
  const total = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM usage_facts f WHERE ${where}`)!.n;
  const rows = allBig<Record<string, unknown>>(
    db,
    sql`SELECT id, start_ms, day, granularity, provider, model, model_raw, vendor, origin_region, project, api_key, ${factMemberSql()} AS member,
            service_tier, line_type, input, cache_read, cache_write_5m, cache_write_1h, output, reasoning, requests, counts_tokens,
            billed_nano, billed_currency, estimated_nano, estimated_currency, recorded_nano, recorded_currency, price_status, format, batch_id
          FROM usage_facts f WHERE ${where} ORDER BY start_ms, id LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));
  return {
    total,
    rows: rows.map((r) => ({
      ...(r as unknown as FactRow),
      id: num(r.id),
      start_ms: num(r.start_ms),
      input: num(r.input),
      cache_read: num(r.cache_read),
      cache_write_5m: num(r.cache_write_5m),
      cache_write_1h: num(r.cache_write_1h),
      output: num(r.output),
      reasoning: num(r.reasoning),
      requests: num(r.requests),
      counts_tokens: num(r.counts_tokens),
      batch_id: num(r.batch_id),
    })),
  };
}
