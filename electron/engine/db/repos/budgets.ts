/**
 * Budgets: the stored definitions, and the usage a budget's scope covers, bucketed by the midpoint of
 * each fact (15-minute buckets, so any zone offset, :30 and :45 ones included, maps a bucket to one local
 * day). Spend follows repos/totals.ts: billed where a bill covers the usage, else the estimate, never
 * both; tokens only where counts_tokens = 1. Why usage_facts and not rollup_daily: the rollups are per
 * UTC day and carry no tags, and a budget in UTC+8 needs each request's own time. What keeps it fast is
 * each budget's cache of those amounts per day (below, "the budget cache"): only changed days are read.
 */
import { budgetDefinitionSchema, type BudgetDefinition, type BudgetScope } from '../../../../shared/domain/budgets/budget';
import { all, allBig, get, run, type ReadableDb, type WritableDb } from '../connection';
import { sql, type SqlQuery } from '../sql';
import { COVERED_BY_BILL } from './totals';

export interface StoredBudget {
  id: number;
  definition: BudgetDefinition;
  createdAt: number;
  updatedAt: number;
}

interface BudgetRow {
  id: number;
  definition: string;
  created_at: number;
  updated_at: number;
}

function rowToBudget(r: BudgetRow): StoredBudget {
  return { id: r.id, definition: budgetDefinitionSchema.parse(JSON.parse(r.definition)), createdAt: r.created_at, updatedAt: r.updated_at };
}

export function listBudgets(db: ReadableDb): StoredBudget[] {
  return all<BudgetRow>(db, sql`SELECT id, definition, created_at, updated_at FROM budgets ORDER BY name COLLATE NOCASE, id`).map(rowToBudget);
}

export function getBudget(db: ReadableDb, id: number): StoredBudget | null {
  const r = all<BudgetRow>(db, sql`SELECT id, definition, created_at, updated_at FROM budgets WHERE id = ${id}`)[0];
  return r ? rowToBudget(r) : null;
}

export function findBudgetByName(db: ReadableDb, name: string): StoredBudget | null {
  const r = all<BudgetRow>(db, sql`SELECT id, definition, created_at, updated_at FROM budgets WHERE name = ${name} ORDER BY id LIMIT 1`)[0];
  return r ? rowToBudget(r) : null;
}

export function insertBudget(db: WritableDb, def: BudgetDefinition, now: number): number {
  const d = budgetDefinitionSchema.parse(def);
  return Number(run(db, sql`INSERT INTO budgets (name, definition, created_at, updated_at) VALUES (${d.name}, ${JSON.stringify(d)}, ${now}, ${now})`).lastInsertRowid);
}

export function updateBudget(db: WritableDb, id: number, def: BudgetDefinition, now: number): boolean {
  const d = budgetDefinitionSchema.parse(def);
  return run(db, sql`UPDATE budgets SET name = ${d.name}, definition = ${JSON.stringify(d)}, updated_at = ${now} WHERE id = ${id}`).changes > 0;
}

export function deleteBudget(db: WritableDb, id: number): boolean {
  dropBudgetCache(db, id);
  return run(db, sql`DELETE FROM budgets WHERE id = ${id}`).changes > 0;
}

// ---- usage in scope -----------------------------------------------------------------------------

const COLUMN: Record<Exclude<keyof BudgetScope, 'tags' | 'models'>, string> = {
  providers: 'provider',
  vendors: 'vendor',
  regions: 'origin_region',
  projects: 'project',
  apiKeys: 'api_key',
  members: 'member',
};

/** The scope as a WHERE fragment on alias `a` (lists AND together, values within a list OR). */
export function scopeWhere(scope: BudgetScope, alias: string): SqlQuery {
  const parts: SqlQuery[] = [sql.raw('1 = 1')];
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  for (const [field, column] of Object.entries(COLUMN) as [keyof typeof COLUMN, string][]) {
    const values = scope[field];
    if (values.length) parts.push(sql`${col(column)} IN ${sql.in(values)}`);
  }
  if (scope.models.length) {
    parts.push(sql`(${col('model')} IN ${sql.in(scope.models)} OR ${col('model_family')} IN ${sql.in(scope.models)})`);
  }
  if (scope.tags.length) {
    const tagParts = scope.tags.map((t) => {
      const eq = t.indexOf('=');
      if (eq > 0) {
        const k = t.slice(0, eq);
        const v = t.slice(eq + 1);
        return sql`EXISTS (SELECT 1 FROM json_each(${col('tags')}) j WHERE j.key = ${k} AND (j.value = ${v} OR j.value LIKE ${`%"${v}"%`}))`;
      }
      return sql`EXISTS (SELECT 1 FROM json_each(${col('tags')}) j WHERE j.key = ${t} OR j.value = ${t} OR j.value LIKE ${`%"${t}"%`})`;
    });
    parts.push(sql`${col('tags')} IS NOT NULL AND (${sql.join(tagParts, ' OR ')})`);
  }
  return sql.join(parts, ' AND ');
}

/**
 * COVERED_BY_BILL, restricted to bill lines that are themselves in the budget's scope: a bill line the
 * scope cannot see (no project on it, for a per-project budget) does not take the usage's estimate
 * away, or that usage would count nowhere. With an empty scope this is exactly COVERED_BY_BILL.
 */
function coveredInScope(scope: BudgetScope, empty: boolean): SqlQuery {
  if (empty) return COVERED_BY_BILL;
  return sql`EXISTS (
    SELECT 1 FROM usage_facts b
    WHERE b.provider = f.provider AND b.day = f.day AND b.billed_nano IS NOT NULL AND b.id <> f.id
      AND b.line_type IN ('cost', 'credit', 'tax', 'fee')
      AND (b.model IS NULL OR f.model IS NULL OR b.model = f.model)
      AND ${scopeWhere(scope, 'b')}
  )`;
}

/** 15-minute bucket of a fact's midpoint (epoch ms / 900 000). */
const BUCKET = sql.raw('((f.start_ms + f.end_ms) / 2) / 900000');
export const BUCKET_MS = 900_000;

export interface MoneyBucket {
  bucket: number;
  currency: string;
  nano: bigint;
}

export interface TokenBucket {
  bucket: number;
  tokens: number;
}

export interface UnpricedInScope {
  facts: number;
  tokens: number;
  models: string[];
}

const utcDayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The longest fact (a month bucket) starts at most this long before its midpoint. */
const LONGEST_HALF_FACT_MS = 32 * 86_400_000;

function range(from: number, to: number): SqlQuery {
  // Midpoint inside [from, to): the same rule periods use. The `day` bounds only let the index on
  // usage_facts(day) narrow the scan: a fact whose midpoint is in range starts at most a month before it.
  return sql`f.day >= ${utcDayOf(from - LONGEST_HALF_FACT_MS)} AND f.day <= ${utcDayOf(to)}
    AND (f.start_ms + f.end_ms) / 2 >= ${from} AND (f.start_ms + f.end_ms) / 2 < ${to}`;
}

/** Spend in scope per bucket and currency over [from, to). */
export function spendBuckets(db: ReadableDb, scope: BudgetScope, emptyScope: boolean, from: number, to: number): MoneyBucket[] {
  // One scan: a fact's own bill, else its estimate unless a bill in scope covers it (CASE stops at the
  // first true branch, so the coverage subquery runs only for unbilled estimates).
  const rows = allBig<{ bucket: bigint; currency: string; nano: bigint }>(
    db,
    sql`SELECT bucket, currency, sum(nano) AS nano FROM (
          SELECT ${BUCKET} AS bucket,
            CASE WHEN billed_nano IS NOT NULL THEN billed_currency
                 WHEN estimated_nano IS NOT NULL AND NOT ${coveredInScope(scope, emptyScope)} THEN estimated_currency END AS currency,
            coalesce(billed_nano, estimated_nano) AS nano
          FROM usage_facts f
          WHERE ${range(from, to)} AND ${scopeWhere(scope, 'f')} AND counts_tokens = 1 AND (billed_nano IS NOT NULL OR estimated_nano IS NOT NULL)
        ) WHERE currency IS NOT NULL GROUP BY bucket, currency ORDER BY bucket`,
  );
  return rows.map((r) => ({ bucket: Number(r.bucket), currency: r.currency, nano: r.nano }));
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
export function tokenBuckets(db: ReadableDb, scope: BudgetScope, tokenClass: string, from: number, to: number): TokenBucket[] {
  const expr = TOKEN_EXPR[tokenClass];
  if (!expr) throw new Error(`unknown token class ${tokenClass}`);
  const rows = allBig<{ bucket: bigint; tokens: bigint }>(
    db,
    sql`SELECT ${BUCKET} AS bucket, sum(${sql.raw(expr)}) AS tokens FROM usage_facts f
        WHERE ${range(from, to)} AND ${scopeWhere(scope, 'f')} AND counts_tokens = 1
        GROUP BY bucket ORDER BY bucket`,
  );
  return rows.map((r) => ({ bucket: Number(r.bucket), tokens: Number(r.tokens) }));
}

/** Usage in scope with no price and no bill covering it: shown on the budget, never counted as zero silently. */
export function unpricedInScope(db: ReadableDb, scope: BudgetScope, emptyScope: boolean, from: number, to: number): UnpricedInScope {
  const rows = allBig<{ model: string; tokens: bigint; facts: bigint }>(
    db,
    sql`SELECT coalesce(model, model_raw, '(no model)') AS model,
               sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens, count(*) AS facts
        FROM usage_facts f
        WHERE ${range(from, to)} AND ${scopeWhere(scope, 'f')} AND price_status = 'unpriced' AND counts_tokens = 1
          AND billed_nano IS NULL AND NOT ${coveredInScope(scope, emptyScope)}
        GROUP BY 1 ORDER BY 1`,
  );
  return {
    facts: rows.reduce((s, r) => s + Number(r.facts), 0),
    tokens: rows.reduce((s, r) => s + Number(r.tokens), 0),
    models: rows.map((r) => r.model),
  };
}

/** Token mix per model in scope over [from, to): for repricing the run rate at a future price. */
export function modelMix(
  db: ReadableDb,
  scope: BudgetScope,
  from: number,
  to: number,
): { model: string; input: number; cache_read: number; cache_write_5m: number; cache_write_1h: number; output: number; reasoning: number; requests: number }[] {
  return all(
    db,
    sql`SELECT model, sum(input) AS input, sum(cache_read) AS cache_read, sum(cache_write_5m) AS cache_write_5m,
               sum(cache_write_1h) AS cache_write_1h, sum(output) AS output, sum(reasoning) AS reasoning, sum(requests) AS requests
        FROM usage_facts f
        WHERE ${range(from, to)} AND ${scopeWhere(scope, 'f')} AND counts_tokens = 1 AND model IS NOT NULL AND line_type = 'usage'
        GROUP BY model ORDER BY model`,
  );
}

/** The earliest fact midpoint in scope (for how far back history goes), or null. */
export function firstUsageInScope(db: ReadableDb, scope: BudgetScope): number | null {
  // The earliest day through the index, then the earliest midpoint within that day and the month after.
  const first = all<{ day: string }>(db, sql`SELECT f.day FROM usage_facts f WHERE ${scopeWhere(scope, 'f')} ORDER BY f.day LIMIT 1`)[0];
  if (!first) return null;
  const until = utcDayOf(Date.parse(`${first.day}T00:00:00Z`) + LONGEST_HALF_FACT_MS);
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
  const since = utcDayOf(Date.parse(`${last.day}T00:00:00Z`) - LONGEST_HALF_FACT_MS);
  return all<{ t: number | null }>(db, sql`SELECT max(end_ms) AS t FROM usage_facts WHERE day >= ${since}`)[0]?.t ?? null;
}

// ---- per-day versions and the budget cache (migration 011) -----------------------------------------
// A budget reads months of facts (its period, the 6-week lookback, rollover periods): seconds at 10M
// facts, after every import. The rollups cannot answer it exactly (per UTC day, no tags, a bill outside
// the scope does not cover usage inside it, a fact counts on the local day of its midpoint), so each
// budget keeps its own amounts per (UTC day of the facts, local day of their midpoints), computed by the
// same SQL as the raw path restricted to that UTC day (a fact's amount depends only on the facts of its
// own provider and day: its bill, or its estimate unless a bill line in scope covers it). A cached day is
// valid while ledger_days.version of that day and the budget's scope/zone/unit (`def`) are unchanged:
// refreshRollups bumps the version of every day it recomputes, in the transaction that changed the day,
// so an import, undo, reprice or region edit re-reads only the days it touched.

export const CREATE_LEDGER_DAYS_SQL = `
  CREATE TABLE ledger_days (
    day        TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    max_end_ms INTEGER,
    facts      INTEGER NOT NULL DEFAULT 0
  ) STRICT, WITHOUT ROWID;
`;

export const FILL_LEDGER_DAYS_SQL = `INSERT INTO ledger_days (day, version, max_end_ms, facts) SELECT day, 1, max(end_ms), count(*) FROM usage_facts GROUP BY day;`;

export const CREATE_BUDGET_CACHE_SQL = `
  CREATE TABLE budget_cache_days (
    budget_id INTEGER NOT NULL,
    day       TEXT NOT NULL,
    def       TEXT NOT NULL,
    version   INTEGER NOT NULL,
    PRIMARY KEY (budget_id, day)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE budget_cache_rows (
    budget_id INTEGER NOT NULL,
    day       TEXT NOT NULL,
    local_day TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('amount', 'unpriced')),
    key       TEXT NOT NULL,
    amount    INTEGER NOT NULL,
    facts     INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX budget_cache_rows_budget_day ON budget_cache_rows(budget_id, day);
`;

/**
 * Bump the version of these UTC days (null: every day) and record their latest fact end and fact count.
 * Called by refreshRollups / rebuildAllRollups, in the transaction that changed the days.
 */
export function touchLedgerDays(db: WritableDb, days: readonly string[] | null): void {
  const v = get<{ v: number }>(db, sql`SELECT coalesce(max(version), 0) + 1 AS v FROM ledger_days`)!.v;
  if (days === null) {
    run(db, sql`UPDATE ledger_days SET version = ${v}, max_end_ms = NULL, facts = 0`);
    run(db, sql`INSERT INTO ledger_days (day, version, max_end_ms, facts) SELECT day, ${v}, max(end_ms), count(*) FROM usage_facts GROUP BY day
      ON CONFLICT (day) DO UPDATE SET version = excluded.version, max_end_ms = excluded.max_end_ms, facts = excluded.facts`);
    return;
  }
  if (days.length === 0) return;
  const list = JSON.stringify([...days]);
  run(db, sql`INSERT INTO ledger_days (day, version, max_end_ms, facts)
      SELECT d.value, ${v}, m.max_end, coalesce(m.n, 0) FROM json_each(${list}) d
      LEFT JOIN (SELECT f.day AS day, max(f.end_ms) AS max_end, count(*) AS n FROM usage_facts f
                 WHERE f.day IN (SELECT value FROM json_each(${list})) GROUP BY f.day) m ON m.day = d.value
      WHERE true ON CONFLICT (day) DO UPDATE SET version = excluded.version, max_end_ms = excluded.max_end_ms, facts = excluded.facts`);
}

/** Every fact in the ledger, exactly: ledger_days counts each day's facts whenever the day changes. */
export function factCountFromDays(db: ReadableDb): number {
  return get<{ n: number }>(db, sql`SELECT coalesce(sum(facts), 0) AS n FROM ledger_days`)!.n;
}

/** latestUsageEnd from ledger_days: the same figure without reading a month of facts. */
export function latestUsageEndFromDays(db: ReadableDb): number | null {
  const last = get<{ d: string | null }>(db, sql`SELECT max(day) AS d FROM ledger_days WHERE max_end_ms IS NOT NULL`)?.d ?? null;
  if (!last) return null;
  const since = utcDayOf(Date.parse(`${last}T00:00:00Z`) - LONGEST_HALF_FACT_MS);
  return get<{ t: number | null }>(db, sql`SELECT max(max_end_ms) AS t FROM ledger_days WHERE day >= ${since}`)?.t ?? null;
}

/** UTC days whose facts can have a midpoint in [from, to) (the same bounds as `range`). */
export function factDaysFor(from: number, to: number): { first: string; last: string } {
  return { first: utcDayOf(from - LONGEST_HALF_FACT_MS), last: utcDayOf(to) };
}

export interface CachedDay {
  day: string;
  /** The day's current version, and the version/def the cache holds (null: none). */
  version: number;
  cachedVersion: number | null;
  cachedDef: string | null;
}

/** The ledger's days in [first, last] with the state of a budget's cache for each. */
export function cacheStateOf(db: ReadableDb, budgetId: number, first: string, last: string): CachedDay[] {
  return all<CachedDay>(
    db,
    sql`SELECT l.day AS day, l.version AS version, c.version AS cachedVersion, c.def AS cachedDef
        FROM ledger_days l LEFT JOIN budget_cache_days c ON c.budget_id = ${budgetId} AND c.day = l.day
        WHERE l.day >= ${first} AND l.day <= ${last} ORDER BY l.day`,
  );
}

export interface CacheRow {
  day: string;
  local_day: string;
  kind: 'amount' | 'unpriced';
  key: string;
  amount: bigint;
  facts: bigint;
}

export function cachedRows(db: ReadableDb, budgetId: number, first: string, last: string): CacheRow[] {
  return allBig<CacheRow>(
    db,
    sql`SELECT day, local_day, kind, key, amount, facts FROM budget_cache_rows
        WHERE budget_id = ${budgetId} AND day >= ${first} AND day <= ${last} ORDER BY day, local_day, kind, key`,
  );
}

/** Replace a budget's cached rows of these days (computed for `def` at these versions). */
export function storeCachedDays(db: WritableDb, budgetId: number, def: string, days: readonly { day: string; version: number }[], rows: readonly CacheRow[]): void {
  if (days.length === 0) return;
  const names = days.map((d) => d.day);
  run(db, sql`DELETE FROM budget_cache_rows WHERE budget_id = ${budgetId} AND day IN (SELECT value FROM json_each(${JSON.stringify(names)}))`);
  const del = db.prepare('DELETE FROM budget_cache_days WHERE budget_id = ? AND day = ?');
  const ins = db.prepare('INSERT INTO budget_cache_days (budget_id, day, def, version) VALUES (?, ?, ?, ?)');
  for (const d of days) {
    del.run(budgetId, d.day);
    ins.run(budgetId, d.day, def, d.version);
  }
  const row = db.prepare('INSERT INTO budget_cache_rows (budget_id, day, local_day, kind, key, amount, facts) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of rows) row.run(budgetId, r.day, r.local_day, r.kind, r.key, r.amount, r.facts);
}

/** Forget a budget's cache (its definition is gone or changed). */
export function dropBudgetCache(db: WritableDb, budgetId: number): void {
  run(db, sql`DELETE FROM budget_cache_rows WHERE budget_id = ${budgetId}`);
  run(db, sql`DELETE FROM budget_cache_days WHERE budget_id = ${budgetId}`);
}

const DAYS_IN = (days: readonly string[]) => sql`f.day IN (SELECT value FROM json_each(${JSON.stringify([...days])}))`;

export interface DayBucketAmount {
  day: string;
  bucket: number;
  key: string;
  amount: bigint;
  facts: bigint;
}

/**
 * spendBuckets and unpricedInScope together, per UTC fact day, over whole days: one pass over the days'
 * facts. Whether a bill line in scope covers a fact depends only on its provider, day and model, so
 * coveredInScope (the same predicate, reused) is evaluated once per distinct (provider, day, model) of
 * the days (from rollup_daily, which has a row for every fact, kept in the same transactions), not once
 * per fact. `-1 AS id`: the facts it is asked about have no bill, so no bill line can be the fact itself
 * (`b.id <> f.id` holds for them all).
 */
export function moneyByDay(db: ReadableDb, scope: BudgetScope, emptyScope: boolean, days: readonly string[]): { spend: DayBucketAmount[]; unpriced: DayBucketAmount[] } {
  const rows = allBig<{ day: string; bucket: bigint; currency: string | null; model: string | null; nano: bigint | null; tokens: bigint | null; facts: bigint }>(
    db,
    sql`WITH keys AS (
          SELECT DISTINCT provider, day, model, -1 AS id FROM rollup_daily WHERE day IN (SELECT value FROM json_each(${JSON.stringify([...days])}))
        ), cov AS MATERIALIZED (
          SELECT f.provider AS provider, f.day AS day, f.model AS model, ${coveredInScope(scope, emptyScope)} AS covered FROM keys f
        )
        SELECT day, bucket, currency, model, sum(CASE WHEN currency IS NOT NULL THEN nano END) AS nano,
               sum(CASE WHEN model IS NOT NULL THEN tokens END) AS tokens, sum(model IS NOT NULL) AS facts
        FROM (
          SELECT f.day AS day, ${BUCKET} AS bucket,
            CASE WHEN f.billed_nano IS NOT NULL THEN f.billed_currency
                 WHEN f.estimated_nano IS NOT NULL AND NOT c.covered THEN f.estimated_currency END AS currency,
            coalesce(f.billed_nano, f.estimated_nano) AS nano,
            CASE WHEN f.price_status = 'unpriced' AND f.billed_nano IS NULL AND NOT c.covered
                 THEN coalesce(f.model, f.model_raw, '(no model)') END AS model,
            f.input + f.cache_read + f.cache_write_5m + f.cache_write_1h + f.output AS tokens
          FROM usage_facts f LEFT JOIN cov c ON c.provider = f.provider AND c.day = f.day AND c.model IS f.model
          WHERE ${DAYS_IN(days)} AND ${scopeWhere(scope, 'f')} AND f.counts_tokens = 1
        ) WHERE currency IS NOT NULL OR model IS NOT NULL
        GROUP BY day, bucket, currency, model`,
  );
  const spend = new Map<string, DayBucketAmount>();
  const unpriced = new Map<string, DayBucketAmount>();
  for (const r of rows) {
    const bucket = Number(r.bucket);
    if (r.currency !== null && r.nano !== null) {
      const k = `${r.day}|${bucket}|${r.currency}`;
      const x = spend.get(k);
      if (x) x.amount += r.nano;
      else spend.set(k, { day: r.day, bucket, key: r.currency, amount: r.nano, facts: 0n });
    }
    if (r.model !== null) {
      const k = `${r.day}|${bucket}|${r.model}`;
      const x = unpriced.get(k);
      if (x) {
        x.amount += r.tokens ?? 0n;
        x.facts += r.facts;
      } else unpriced.set(k, { day: r.day, bucket, key: r.model, amount: r.tokens ?? 0n, facts: r.facts });
    }
  }
  return { spend: [...spend.values()], unpriced: [...unpriced.values()] };
}

/** tokenBuckets, per UTC fact day. */
export function tokensByDay(db: ReadableDb, scope: BudgetScope, tokenClass: string, days: readonly string[]): DayBucketAmount[] {
  const expr = TOKEN_EXPR[tokenClass];
  if (!expr) throw new Error(`unknown token class ${tokenClass}`);
  const rows = allBig<{ day: string; bucket: bigint; tokens: bigint }>(
    db,
    sql`SELECT f.day AS day, ${BUCKET} AS bucket, sum(${sql.raw(expr)}) AS tokens FROM usage_facts f
        WHERE ${DAYS_IN(days)} AND ${scopeWhere(scope, 'f')} AND counts_tokens = 1
        GROUP BY f.day, bucket`,
  );
  return rows.map((r) => ({ day: r.day, bucket: Number(r.bucket), key: '', amount: r.tokens, facts: 0n }));
}
