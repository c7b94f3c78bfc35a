/**
 * Budgets: the stored definitions, and the usage a budget's scope covers, bucketed by the midpoint of
 * each fact (15-minute buckets, so any zone offset, :30 and :45 ones included, maps a bucket to one local
 * day). Spend follows repos/totals.ts: billed where a bill covers the usage, else the estimate, never
 * both; tokens only where counts_tokens = 1. Why usage_facts and not rollup_daily: the rollups are per
 * UTC day and carry no tags, and a budget in UTC+8 needs each request's own time.
 */
import { budgetDefinitionSchema, type BudgetDefinition, type BudgetScope } from '../../../../shared/domain/budgets/budget';
import { all, allBig, run, type ReadableDb, type WritableDb } from '../connection';
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
