/**
 * The SQL behind the views agent users know: usage by session, per-call usage for the five-hour blocks,
 * and a scope's money for the status line. Spend and the notional value are the one rule's (facts.ts
 * spendNano, NOTIONAL_NANO); tokens where the tool's own views count them (COUNTS_IN_TOOL_VIEWS).
 */
import type { BlockCall } from '../../../shared/domain/reports/blocks';
import { allBig, type ReadableDb } from '../ledger/db';
import { COUNTS_IN_TOOL_VIEWS, NOTIONAL_NANO, PRIMARY_CURRENCY, spendNano } from '../ledger/facts';
import { sql, type SqlQuery } from '../ledger/sql';

/** The session a fact belongs to: an agent's session id, or a VS Code extension's task id (stored with the fact: ledger/facts.ts sessionOfTags). */
export const SESSION_OF = sql.raw('f.session');

export interface RangeFilter {
  from?: string | undefined;
  to?: string | undefined;
  tool?: string | undefined;
}

function where(r: RangeFilter): SqlQuery {
  const parts: SqlQuery[] = [COUNTS_IN_TOOL_VIEWS];
  if (r.from) parts.push(sql`f.day >= ${r.from}`);
  if (r.to) parts.push(sql`f.day <= ${r.to}`);
  if (r.tool) parts.push(sql`f.provider = ${r.tool}`);
  return sql.join(parts, ' AND ');
}

export interface SessionRow {
  session: string;
  tool: string;
  currency: string;
  project: string | null;
  models: string | null;
  first_ms: bigint;
  last_ms: bigint;
  input: bigint;
  cache_read: bigint;
  cache_write_5m: bigint;
  cache_write_1h: bigint;
  output: bigint;
  reasoning: bigint;
  requests: bigint;
  spend_nano: bigint | null;
  notional_nano: bigint | null;
  unpriced_tokens: bigint;
}

/** One row per session, tool and currency. */
export function sessionRows(db: ReadableDb, r: RangeFilter): SessionRow[] {
  return allBig<SessionRow>(
    db,
    sql`SELECT session, tool, currency, max(project) AS project, group_concat(DISTINCT model) AS models, min(start_ms) AS first_ms, max(start_ms) AS last_ms,
          sum(input) AS input, sum(cache_read) AS cache_read, sum(cache_write_5m) AS cache_write_5m, sum(cache_write_1h) AS cache_write_1h,
          sum(output) AS output, sum(reasoning) AS reasoning, sum(requests) AS requests, sum(spend) AS spend_nano, sum(notional) AS notional_nano,
          sum(unpriced) AS unpriced_tokens
        FROM (
          SELECT ${SESSION_OF} AS session, f.provider AS tool, coalesce(${PRIMARY_CURRENCY}, '') AS currency, f.project AS project,
            coalesce(f.model, f.model_raw) AS model, f.start_ms AS start_ms, f.input AS input, f.cache_read AS cache_read,
            f.cache_write_5m AS cache_write_5m, f.cache_write_1h AS cache_write_1h, f.output AS output, f.reasoning AS reasoning,
            f.requests AS requests, ${spendNano()} AS spend, ${NOTIONAL_NANO} AS notional,
            CASE WHEN f.price_status = 'unpriced' THEN f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output ELSE 0 END AS unpriced
          FROM usage_facts f WHERE ${where(r)} AND f.session IS NOT NULL
        ) WHERE session IS NOT NULL
        GROUP BY session, tool, currency`,
  );
}

/** Per-call usage (request grain) in time order, for the blocks. `sinceMs` bounds it below. */
export function blockCalls(db: ReadableDb, r: RangeFilter, sinceMs?: number): BlockCall[] {
  const since = sinceMs === undefined ? sql.raw('1 = 1') : sql`f.start_ms >= ${sinceMs} AND f.day >= ${new Date(sinceMs).toISOString().slice(0, 10)}`;
  const rows = allBig<{ at: bigint; tokens: bigint; currency: string; spend: bigint | null; notional: bigint | null; unpriced: bigint }>(
    db,
    sql`SELECT f.start_ms AS at, f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output AS tokens,
          coalesce(${PRIMARY_CURRENCY}, '') AS currency, ${spendNano()} AS spend, ${NOTIONAL_NANO} AS notional,
          f.price_status = 'unpriced' AND f.billed_nano IS NULL AND f.recorded_nano IS NULL AS unpriced
        FROM usage_facts f WHERE ${where(r)} AND f.granularity = 'request' AND ${since}
        ORDER BY f.start_ms, f.id`,
  );
  return rows.map((x) => ({ at: Number(x.at), tokens: Number(x.tokens), currency: x.currency, spendNano: x.spend, notionalNano: x.notional, unpriced: x.unpriced === 1n }));
}

export interface MoneyRow {
  currency: string;
  spend: bigint | null;
  notional: bigint | null;
  /** Facts with no price and no cost of their own: counted, never a silent $0. */
  unpriced: bigint;
}

/** Spend and notional value per currency of the facts matching `cond` (on usage_facts AS f). */
function moneyOf(db: ReadableDb, cond: SqlQuery): MoneyRow[] {
  return allBig<MoneyRow>(
    db,
    sql`SELECT currency, sum(spend) AS spend, sum(notional) AS notional, sum(unpriced) AS unpriced FROM (
          SELECT coalesce(${PRIMARY_CURRENCY}, '') AS currency, ${spendNano()} AS spend, ${NOTIONAL_NANO} AS notional,
            f.price_status = 'unpriced' AND f.billed_nano IS NULL AND f.recorded_nano IS NULL AS unpriced
          FROM usage_facts f WHERE ${COUNTS_IN_TOOL_VIEWS} AND ${cond}
        ) GROUP BY currency ORDER BY currency`,
  );
}

/** The money of one session's facts on UTC days from `sinceDay`. */
export function sessionMoney(db: ReadableDb, session: string, sinceDay: string): MoneyRow[] {
  return moneyOf(db, sql`f.day >= ${sinceDay} AND ${SESSION_OF} = ${session}`);
}

/** The instant of the last per-call fact before `at` and at most five hours before it, or null. */
export function callShortlyBefore(db: ReadableDb, r: RangeFilter, at: number, windowMs: number): number | null {
  const utc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const row = allBig<{ at: bigint | null }>(
    db,
    sql`SELECT max(f.start_ms) AS at FROM usage_facts f WHERE ${where(r)} AND f.granularity = 'request'
        AND f.day >= ${utc(at - windowMs)} AND f.day <= ${utc(at)} AND f.start_ms < ${at} AND f.start_ms >= ${at - windowMs}`,
  )[0];
  return row?.at == null ? null : Number(row.at);
}
