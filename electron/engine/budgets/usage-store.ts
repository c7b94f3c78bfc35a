/**
 * The usage a budget's scope covers, placed on days by the one rule of a fact's day (shared/domain/time.ts
 * factDay): an instant (request/hour grain) in the 15-minute bucket of its start, so any zone offset, :30
 * and :45 ones included, maps a bucket to one local day; a bucket fact (day/month grain) on the day its
 * export names (`fixed_day`), in every zone. Spend is the reports' rule (ledger/facts.ts spendNano): the
 * bill where a bill of the provider covers the usage, whether or not the bill line is in the scope (a
 * budget is the report of its scope), else the recorded cost or estimate, never both, and never usage a plan includes (NOTIONAL); tokens only where
 * counts_tokens = 1. Why usage_facts and not the rollups: the rollups are per UTC day and carry no tags,
 * and a budget in UTC+8 needs each request's own time. Two paths give the same amounts:
 * over a range of instants (the raw path, the reference), and per whole UTC day (what the budget cache
 * stores, cache-store.ts). The token mix a known price change reprices (modelMix) is per whole UTC day,
 * so the rollups answer it, unless the scope names tags.
 */
import type { BudgetScope } from '../../../shared/domain/budgets/budget';
import { SERVED_ALIASES } from '../../../shared/domain/models';
import type { ModelMix, UnpricedInScope } from '../../../shared/domain/budgets/status';
import { DAY_MS, localDay, utcDay } from '../../../shared/domain/time';
import { all, allBig, type ReadableDb } from '../ledger/db';
import { COVERED_BY_BILL, INSTANT_GRAIN, NOTIONAL, PRIMARY_CURRENCY } from '../ledger/facts';
import { LONGEST_HALF_FACT_MS } from '../ledger/ledger-days';
import { reportModelSql } from '../ledger/model-identity';
import { factDimensions, factLegs, rollupTableFor } from '../ledger/rollups';
import { factDimensionSql } from '../ledger/team-dims';
import { sql, type SqlQuery } from '../ledger/sql';

/** The aliases dated snapshots fold into (a scope naming one means that model, not its family). */
const SERVED_ALIAS_NAMES = new Set(SERVED_ALIASES.map((a) => a.model));

const COLUMN: Record<Exclude<keyof BudgetScope, 'tags' | 'models'>, string> = {
  providers: 'provider',
  vendors: 'vendor',
  regions: 'origin_region',
  projects: 'project',
  apiKeys: 'api_key',
  members: 'member',
  machines: 'machine',
};

/**
 * The scope as a WHERE fragment on alias `a` (lists AND together, values within a list OR): over
 * usage_facts (`facts`, the team's dimensions by their rule, team-dims.ts), or over rows with the rollups'
 * columns (`rollup`: rollup_daily, or factLegs' rows, where member and machine are that rule's values
 * already). Rollup rows carry no tags: a scope with tags has no rollup form.
 */
export function scopeWhere(scope: BudgetScope, alias: string, on: 'facts' | 'rollup' = 'facts'): SqlQuery {
  const parts: SqlQuery[] = [sql.raw('1 = 1')];
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  for (const [field, column] of Object.entries(COLUMN) as [keyof typeof COLUMN, string][]) {
    const values = scope[field];
    if (values.length) parts.push(sql`${on === 'facts' ? factDimensionSql(column, alias) : col(column)} IN ${sql.in(values)}`);
  }
  if (scope.models.length) {
    // The model a report shows (a snapshot folded into the alias it was served under that day), so a
    // model's budget is the report of that model; a family by its name only where no model (stored, or an
    // alias snapshots fold into) is so named.
    const families = scope.models.filter((m) => !SERVED_ALIAS_NAMES.has(m));
    const family = families.length
      ? sql` OR (${col('model_family')} IN ${sql.in(families)} AND ${col('model_family')} NOT IN (SELECT model FROM usage_facts WHERE model IS NOT NULL))`
      : sql``;
    parts.push(sql`(${reportModelSql(alias)} IN ${sql.in(scope.models)}${family})`);
  }
  if (scope.tags.length) {
    if (on === 'rollup') throw new Error('a scope with tags has no rollup form: read the facts');
    parts.push(tagsWhere(scope.tags, alias));
  }
  return sql.join(parts, ' AND ');
}

/** The scope's tags over usage_facts AS `alias` (any of them; `k=v` a key's value, `t` a key or value). */
function tagsWhere(tags: readonly string[], alias: string): SqlQuery {
  if (!tags.length) return sql.raw('1 = 1');
  const col = sql.raw(`${alias}.tags`);
  const tagParts = tags.map((t) => {
    const eq = t.indexOf('=');
    if (eq > 0) {
      const k = t.slice(0, eq);
      const v = t.slice(eq + 1);
      return sql`EXISTS (SELECT 1 FROM json_each(${col}) j WHERE j.key = ${k} AND (j.value = ${v} OR j.value LIKE ${`%"${v}"%`}))`;
    }
    return sql`EXISTS (SELECT 1 FROM json_each(${col}) j WHERE j.key = ${t} OR j.value = ${t} OR j.value LIKE ${`%"${t}"%`})`;
  });
  return sql`${col} IS NOT NULL AND (${sql.join(tagParts, ' OR ')})`;
}

/** 15-minute bucket of an instant fact's start (epoch ms / 900 000); -1 for a bucket fact (see FIXED_DAY). */
const BUCKET = sql`(CASE WHEN ${INSTANT_GRAIN()} THEN f.start_ms / 900000 ELSE -1 END)`;
/** The day a bucket fact keeps in every zone (its nominal day, usage_facts.day); NULL for an instant. */
const FIXED_DAY = sql`(CASE WHEN ${INSTANT_GRAIN()} THEN NULL ELSE f.day END)`;
export const BUCKET_MS = 900_000;

/**
 * The conversion cell of a fact beside its day and currency: its value of every rollup dimension, as one
 * key. A budget converts each (local day, currency, cell) sum once, as the reports do with the same cells
 * (reports/query-store.ts aggregate), so a budget's spend is the report of its scope to the nano.
 */
const CELL = sql`json_array(${factDimensions(false)})`;

/** Where a fact lands: a 15-minute bucket of its start (instants), or the day it keeps (buckets). */
export interface Placed {
  bucket: number;
  fixedDay: string | null;
}

export interface MoneyBucket extends Placed {
  currency: string;
  /** The conversion cell (CELL). */
  cell: string;
  nano: bigint;
}

export interface TokenBucket extends Placed {
  tokens: number;
}

/** A period's bounds as the rule of a fact's day needs them: instants and the local days they start. */
export interface PeriodRange {
  /** Epoch ms, the start of local day `fromDay`. */
  from: number;
  /** Epoch ms, exclusive: the start of local day `toDay`. */
  to: number;
  fromDay: string;
  /** Exclusive. */
  toDay: string;
}


/** [from, to) with the local days of `tz` they start (exact when both are starts of local days). */
export function periodRange(from: number, to: number, tz: string): PeriodRange {
  return { from, to, fromDay: localDay(from, tz), toDay: localDay(to, tz) };
}

function range(r: PeriodRange): SqlQuery {
  // The fact's day inside [fromDay, toDay): an instant by its start, a bucket by the day it keeps. The
  // outer `day` bounds only let the index on usage_facts(day) narrow the scan (a local day is within a
  // day of the UTC day).
  return sql`f.day >= ${utcDay(r.from - DAY_MS)} AND f.day <= ${utcDay(r.to + DAY_MS)}
    AND (CASE WHEN ${INSTANT_GRAIN()} THEN f.start_ms >= ${r.from} AND f.start_ms < ${r.to} ELSE f.day >= ${r.fromDay} AND f.day < ${r.toDay} END)`;
}

/** Spend in scope per bucket and currency over [from, to). */
export function spendBuckets(db: ReadableDb, scope: BudgetScope, r: PeriodRange): MoneyBucket[] {
  // One scan: a fact's own bill, else its estimate unless a bill in scope covers it (CASE stops at the
  // first true branch, so the coverage subquery runs only for unbilled estimates).
  const rows = allBig<{ bucket: bigint; fixed_day: string | null; currency: string; cell: string; nano: bigint }>(
    db,
    sql`SELECT bucket, fixed_day, currency, cell, sum(nano) AS nano FROM (
          SELECT ${BUCKET} AS bucket, ${FIXED_DAY} AS fixed_day, ${CELL} AS cell,
            CASE WHEN billed_nano IS NOT NULL THEN billed_currency
                 WHEN coalesce(recorded_nano, estimated_nano) IS NOT NULL AND NOT ${NOTIONAL} AND NOT ${COVERED_BY_BILL} THEN ${PRIMARY_CURRENCY} END AS currency,
            coalesce(billed_nano, recorded_nano, estimated_nano) AS nano
          FROM usage_facts f
          WHERE ${range(r)} AND ${scopeWhere(scope, 'f')} AND counts_tokens = 1 AND coalesce(billed_nano, recorded_nano, estimated_nano) IS NOT NULL
        ) WHERE currency IS NOT NULL GROUP BY bucket, fixed_day, currency, cell ORDER BY bucket`,
  );
  return rows.map((x) => ({ bucket: Number(x.bucket), fixedDay: x.fixed_day, currency: x.currency, cell: x.cell, nano: x.nano }));
}

const TOKEN_EXPR: Record<string, string> = {
  total: 'input + cache_read + cache_write_5m + cache_write_1h + output',
  input: 'input',
  cache_read: 'cache_read',
  cache_write_5m: 'cache_write_5m',
  cache_write_1h: 'cache_write_1h',
  output: 'output',
  reasoning: 'reasoning',
};

/** Tokens of one class (or the total) in scope per bucket over [from, to). */
export function tokenBuckets(db: ReadableDb, scope: BudgetScope, tokenClass: string, r: PeriodRange): TokenBucket[] {
  const expr = TOKEN_EXPR[tokenClass];
  if (!expr) throw new Error(`unknown token class ${tokenClass}`);
  const rows = allBig<{ bucket: bigint; fixed_day: string | null; tokens: bigint }>(
    db,
    sql`SELECT ${BUCKET} AS bucket, ${FIXED_DAY} AS fixed_day, sum(${sql.raw(expr)}) AS tokens FROM usage_facts f
        WHERE ${range(r)} AND ${scopeWhere(scope, 'f')} AND counts_tokens = 1
        GROUP BY bucket, fixed_day ORDER BY bucket`,
  );
  return rows.map((x) => ({ bucket: Number(x.bucket), fixedDay: x.fixed_day, tokens: Number(x.tokens) }));
}

/** Usage in scope with no price and no bill covering it: shown on the budget, never counted as zero silently. */
export function unpricedInScope(db: ReadableDb, scope: BudgetScope, r: PeriodRange): UnpricedInScope {
  const rows = allBig<{ model: string; tokens: bigint; facts: bigint }>(
    db,
    sql`SELECT coalesce(model, model_raw, '(no model)') AS model,
               sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens, count(*) AS facts
        FROM usage_facts f
        WHERE ${range(r)} AND ${scopeWhere(scope, 'f')} AND price_status = 'unpriced' AND counts_tokens = 1
          AND billed_nano IS NULL AND NOT ${NOTIONAL} AND NOT ${COVERED_BY_BILL}
        GROUP BY 1 ORDER BY 1`,
  );
  return {
    facts: rows.reduce((s, x) => s + Number(x.facts), 0),
    tokens: rows.reduce((s, x) => s + Number(x.tokens), 0),
    models: rows.map((x) => x.model),
  };
}

/**
 * Token mix per model (the model a fact is priced by) in scope over whole UTC days [from, to] (mixDays):
 * for repricing the run rate at a future price. Tokens and requests only where counts_tokens = 1, usage
 * lines only. One query over rows with the rollups' columns: a rollup (rollupTableFor), or, for a scope with
 * tags (`facts`, also the reference the rollups are tested against), the same rows computed from the
 * facts of those days that carry the tags (factLegs, the rollups' own definition).
 */
export function modelMix(db: ReadableDb, scope: BudgetScope, days: { from: string; to: string }, source: 'rollups' | 'facts' = scope.tags.length ? 'facts' : 'rollups'): ModelMix[] {
  if (source === 'rollups' && scope.tags.length) throw new Error('a scope with tags has no rollup form: read the facts');
  const inDays = (a: string) => sql`${sql.raw(a)}.day >= ${days.from} AND ${sql.raw(a)}.day <= ${days.to}`;
  // The narrowest rollup with the scope's columns, the model's and the line type (rollup_narrow unless the
  // scope names keys, members or machines).
  const columns = [...(Object.keys(COLUMN) as (keyof typeof COLUMN)[]).filter((f) => scope[f].length).map((f) => COLUMN[f]), 'model', 'model_family', 'line_type'];
  const rows = source === 'rollups' ? sql.raw(rollupTableFor(columns)) : sql`(${factLegs(sql`${inDays('f')} AND ${tagsWhere(scope.tags, 'f')}`)})`;
  return all(
    db,
    sql`SELECT r.model AS model, sum(r.input) AS input, sum(r.cache_read) AS cache_read, sum(r.cache_write_5m) AS cache_write_5m,
               sum(r.cache_write_1h) AS cache_write_1h, sum(r.output) AS output, sum(r.reasoning) AS reasoning, sum(r.requests) AS requests
        FROM ${rows} r
        WHERE ${inDays('r')} AND ${scopeWhere({ ...scope, tags: [] }, 'r', 'rollup')} AND r.model IS NOT NULL AND r.line_type = 'usage'
        GROUP BY r.model
        HAVING sum(r.input + r.cache_read + r.cache_write_5m + r.cache_write_1h + r.output + r.reasoning + r.requests) > 0
        ORDER BY r.model`,
  );
}

/** The earliest fact midpoint in scope (for how far back history goes), or null. */
export function firstUsageInScope(db: ReadableDb, scope: BudgetScope): number | null {
  // The earliest day through the index, then the earliest midpoint within that day and the month after.
  const first = all<{ day: string }>(db, sql`SELECT f.day FROM usage_facts f WHERE ${scopeWhere(scope, 'f')} ORDER BY f.day LIMIT 1`)[0];
  if (!first) return null;
  const until = utcDay(Date.parse(`${first.day}T00:00:00Z`) + LONGEST_HALF_FACT_MS);
  const r = all<{ t: number | null }>(
    db,
    sql`SELECT min((f.start_ms + f.end_ms) / 2) AS t FROM usage_facts f WHERE f.day >= ${first.day} AND f.day <= ${until} AND ${scopeWhere(scope, 'f')}`,
  )[0];
  return r?.t ?? null;
}

/** The end of the latest fact in the ledger (any scope): the data reaches this far. */
export function latestUsageEnd(db: ReadableDb): number | null {
  const last = all<{ day: string }>(db, sql`SELECT day FROM usage_facts ORDER BY day DESC LIMIT 1`)[0];
  if (!last) return null;
  const since = utcDay(Date.parse(`${last.day}T00:00:00Z`) - LONGEST_HALF_FACT_MS);
  return all<{ t: number | null }>(db, sql`SELECT max(end_ms) AS t FROM usage_facts WHERE day >= ${since}`)[0]?.t ?? null;
}

const DAYS_IN = (days: readonly string[]) => sql`f.day IN (SELECT value FROM json_each(${JSON.stringify([...days])}))`;

export interface DayBucketAmount extends Placed {
  day: string;
  key: string;
  amount: bigint;
  facts: bigint;
}

/**
 * spendBuckets and unpricedInScope together, per UTC fact day, over whole days: one pass over the days'
 * facts. Whether a bill line in scope covers a fact depends only on its provider, day and model, so
 * coveredInScope (the same predicate, reused) is evaluated once per distinct (provider, day, model) of
 * the days, not once per fact (the predicate reads a key's model family; its raw name matters only where it has no model,
 * and then any bill line of the day covers it). `-1 AS id`: the facts it is asked about have no bill, so no bill line can be the fact itself
 * (`b.id <> f.id` holds for them all).
 */
export function moneyByDay(db: ReadableDb, scope: BudgetScope, days: readonly string[]): { spend: DayBucketAmount[]; unpriced: DayBucketAmount[] } {
  const rows = allBig<{ day: string; bucket: bigint; fixed_day: string | null; currency: string | null; cell: string; model: string | null; nano: bigint | null; tokens: bigint | null; facts: bigint }>(
    db,
    sql`WITH keys AS (
          SELECT provider, billed_by, day, model, max(model_family) AS model_family, NULL AS model_raw, -1 AS id FROM usage_facts
          WHERE day IN (SELECT value FROM json_each(${JSON.stringify([...days])})) GROUP BY provider, billed_by, day, model
        ), cov AS MATERIALIZED (
          SELECT f.provider AS provider, f.billed_by AS billed_by, f.day AS day, f.model AS model, ${COVERED_BY_BILL} AS covered FROM keys f
        )
        SELECT day, bucket, fixed_day, currency, cell, model, sum(CASE WHEN currency IS NOT NULL THEN nano END) AS nano,
               sum(CASE WHEN model IS NOT NULL THEN tokens END) AS tokens, sum(model IS NOT NULL) AS facts
        FROM (
          SELECT f.day AS day, ${BUCKET} AS bucket, ${FIXED_DAY} AS fixed_day, ${CELL} AS cell,
            CASE WHEN f.billed_nano IS NOT NULL THEN f.billed_currency
                 WHEN coalesce(f.recorded_nano, f.estimated_nano) IS NOT NULL AND NOT ${NOTIONAL} AND NOT c.covered THEN ${PRIMARY_CURRENCY} END AS currency,
            coalesce(f.billed_nano, f.recorded_nano, f.estimated_nano) AS nano,
            CASE WHEN f.price_status = 'unpriced' AND f.billed_nano IS NULL AND NOT ${NOTIONAL} AND NOT c.covered
                 THEN coalesce(f.model, f.model_raw, '(no model)') END AS model,
            f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output AS tokens
          FROM usage_facts f LEFT JOIN cov c ON c.provider = f.provider AND c.billed_by IS f.billed_by AND c.day = f.day AND c.model IS f.model
          WHERE ${DAYS_IN(days)} AND ${scopeWhere(scope, 'f')} AND f.counts_tokens = 1
        ) WHERE currency IS NOT NULL OR model IS NOT NULL
        GROUP BY day, bucket, fixed_day, currency, cell, model`,
  );
  const spend = new Map<string, DayBucketAmount>();
  const unpriced = new Map<string, DayBucketAmount>();
  for (const r of rows) {
    const bucket = Number(r.bucket);
    const fixedDay = r.fixed_day;
    if (r.currency !== null && r.nano !== null) {
      const key = `${r.currency}|${r.cell}`;
      const k = `${r.day}|${bucket}|${fixedDay}|${key}`;
      const x = spend.get(k);
      if (x) x.amount += r.nano;
      else spend.set(k, { day: r.day, bucket, fixedDay, key, amount: r.nano, facts: 0n });
    }
    if (r.model !== null) {
      const k = `${r.day}|${bucket}|${fixedDay}|${r.model}`;
      const x = unpriced.get(k);
      if (x) {
        x.amount += r.tokens ?? 0n;
        x.facts += r.facts;
      } else unpriced.set(k, { day: r.day, bucket, fixedDay, key: r.model, amount: r.tokens ?? 0n, facts: r.facts });
    }
  }
  return { spend: [...spend.values()], unpriced: [...unpriced.values()] };
}

/** tokenBuckets, per UTC fact day. */
export function tokensByDay(db: ReadableDb, scope: BudgetScope, tokenClass: string, days: readonly string[]): DayBucketAmount[] {
  const expr = TOKEN_EXPR[tokenClass];
  if (!expr) throw new Error(`unknown token class ${tokenClass}`);
  const rows = allBig<{ day: string; bucket: bigint; fixed_day: string | null; tokens: bigint }>(
    db,
    sql`SELECT f.day AS day, ${BUCKET} AS bucket, ${FIXED_DAY} AS fixed_day, sum(${sql.raw(expr)}) AS tokens FROM usage_facts f
        WHERE ${DAYS_IN(days)} AND ${scopeWhere(scope, 'f')} AND counts_tokens = 1
        GROUP BY f.day, bucket, fixed_day`,
  );
  return rows.map((r) => ({ day: r.day, bucket: Number(r.bucket), fixedDay: r.fixed_day, key: '', amount: r.tokens, facts: 0n }));
}
