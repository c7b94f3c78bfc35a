/**
 * The facts table, `usage_facts`: its columns in ONE order, with how a fact's fields become each column
 * and come back from it, and the rule that says when a bill covers usage. Every writer of facts (the
 * import's multi-row INSERTs, a revision's UPDATE, fact_history's copies) and every reader of a whole
 * fact takes the order from FACT_COLUMNS below.
 *
 * Checklist for a new column: a migration adding it to usage_facts AND fact_history (undo copies rows
 * between them by these names), one entry in COLUMNS, its field in NormalizedFact.
 */
import type { NormalizedFact, Region } from '../../../shared/domain/fact';
import { ledgerDay } from '../../../shared/domain/time';
import { sql, type SqlQuery, type SqlValue } from './sql';

function jsonOrNull(v: Record<string, unknown> | null): string | null {
  return v === null || Object.keys(v).length === 0 ? null : JSON.stringify(v);
}

/**
 * The session a fact belongs to (its `session` column, migration 028): an agent's session id, else a VS Code
 * extension's task id, from its tags. Derived from the tags, so a bundle does not carry it.
 */
export function sessionOfTags(tags: Readonly<Record<string, string>> | null): string | null {
  return tags?.sessionId ?? tags?.taskId ?? null;
}

/**
 * Each column a fact row carries (every column but `id`, `batch_id` and `format`, which are its batch's),
 * in table order, with the value a fact gives it. `counts_tokens` is 1 when written: an overlap found later
 * sets it to 0.
 */
const COLUMNS = [
  ['source_line', (f) => f.line],
  ['identity', (f) => f.identity],
  ['start_ms', (f) => f.start],
  ['end_ms', (f) => f.end],
  ['day', (f) => ledgerDay(f)],
  ['granularity', (f) => f.granularity],
  ['provider', (f) => f.provider],
  ['account', (f) => f.account],
  ['project', (f) => f.project],
  ['api_key', (f) => f.apiKey],
  ['member', (f) => f.member],
  ['tags', (f) => jsonOrNull(f.tags)],
  ['model_raw', (f) => f.modelRaw],
  ['model', (f) => f.model],
  ['model_family', (f) => f.modelFamily],
  ['vendor', (f) => f.vendor],
  ['origin_region', (f) => f.originRegion],
  ['host', (f) => f.host],
  ['inference_geo', (f) => f.inferenceGeo],
  ['service_tier', (f) => f.serviceTier],
  ['context_tier', (f) => f.contextTier],
  ['line_type', (f) => f.lineType],
  ['input', (f) => f.tokens.input],
  ['cache_read', (f) => f.tokens.cache_read],
  ['cache_write_5m', (f) => f.tokens.cache_write_5m],
  ['cache_write_1h', (f) => f.tokens.cache_write_1h],
  ['output', (f) => f.tokens.output],
  ['reasoning', (f) => f.tokens.reasoning],
  ['requests', (f) => f.requests],
  ['other_units', (f) => jsonOrNull(f.otherUnits)],
  ['counts_tokens', () => 1],
  ['billed_nano', (f) => f.billed?.nano ?? null],
  ['billed_currency', (f) => f.billed?.currency ?? null],
  ['estimated_nano', (f) => f.estimated?.nano ?? null],
  ['estimated_currency', (f) => f.estimated?.currency ?? null],
  ['price_status', (f) => f.priceStatus],
  ['recorded_nano', (f) => f.recorded?.nano ?? null],
  ['recorded_currency', (f) => f.recorded?.currency ?? null],
  ['billed_by', (f) => f.billedBy],
  ['plan', (f) => f.plan],
  ['session', (f) => sessionOfTags(f.tags)],
] as const satisfies readonly (readonly [string, (f: NormalizedFact) => SqlValue])[];

export type RowColumn = (typeof COLUMNS)[number][0];

/** The columns of a fact's row values (see COLUMNS), in order. */
export const ROW_COLUMNS: readonly RowColumn[] = COLUMNS.map(([c]) => c);
export const ROW_WIDTH = ROW_COLUMNS.length;

/** Every column of usage_facts except `id`, in the one order: the batch's two, then the row's. */
export const FACT_COLUMNS = ['batch_id', 'format', ...ROW_COLUMNS] as const;

/** Offset of each column inside a fact's row values. */
export const COL = Object.fromEntries(ROW_COLUMNS.map((c, i) => [c, i])) as Record<RowColumn, number>;

const WRITERS = COLUMNS.map(([, write]) => write as (f: NormalizedFact) => SqlValue);

/** Append a fact's row values (ROW_COLUMNS order). */
export function pushRowValues(out: SqlValue[], f: NormalizedFact): void {
  for (let i = 0; i < WRITERS.length; i++) out.push(WRITERS[i]!(f));
}

/**
 * Write a fact's row values as fact `i` of a chunk's columns (`columns[c]`: column offset c's values, one per
 * fact). A chunk's 500 facts x ROW_WIDTH values held in ONE array is past V8's largest young-generation array
 * (16K elements): allocated in the old generation, each value written into it went through the write
 * barrier, and filling it cost 10 times filling ROW_WIDTH arrays of 500 (a sixth of the parser worker's CPU).
 */
export function writeColumnValues(columns: SqlValue[][], i: number, f: NormalizedFact): void {
  for (let c = 0; c < WRITERS.length; c++) columns[c]![i] = WRITERS[c]!(f);
}

/** Every value of a fact's usage_facts row (FACT_COLUMNS order), keeping its `counts_tokens`. */
export function factValues(f: NormalizedFact, batchId: number, format: string, countsTokens: number): SqlValue[] {
  const out: SqlValue[] = [batchId, format];
  pushRowValues(out, f);
  out[2 + COL.counts_tokens] = countsTokens;
  return out;
}

/** The fact whose row values `at(offset)` gives (the inverse of pushRowValues). */
export function factFromRow(at: (offset: number) => SqlValue): NormalizedFact {
  const v = (c: RowColumn) => at(COL[c]);
  const num = (c: RowColumn) => Number(v(c));
  const str = (c: RowColumn) => v(c) as string;
  const strOrNull = (c: RowColumn) => (v(c) ?? null) as string | null;
  const json = (c: RowColumn) => (v(c) === null ? null : JSON.parse(v(c) as string));
  const billedNano = v('billed_nano');
  const estimatedNano = v('estimated_nano');
  const recordedNano = v('recorded_nano');
  return {
    line: num('source_line'),
    identity: str('identity'),
    start: num('start_ms'),
    end: num('end_ms'),
    granularity: str('granularity') as NormalizedFact['granularity'],
    provider: str('provider'),
    account: strOrNull('account'),
    project: strOrNull('project'),
    apiKey: strOrNull('api_key'),
    member: strOrNull('member'),
    tags: json('tags') as NormalizedFact['tags'],
    modelRaw: strOrNull('model_raw'),
    model: strOrNull('model'),
    modelFamily: strOrNull('model_family'),
    vendor: strOrNull('vendor'),
    originRegion: strOrNull('origin_region') as Region | null,
    host: strOrNull('host'),
    inferenceGeo: strOrNull('inference_geo'),
    serviceTier: str('service_tier') as NormalizedFact['serviceTier'],
    contextTier: strOrNull('context_tier'),
    lineType: str('line_type') as NormalizedFact['lineType'],
    tokens: {
      input: num('input'),
      cache_read: num('cache_read'),
      cache_write_5m: num('cache_write_5m'),
      cache_write_1h: num('cache_write_1h'),
      output: num('output'),
      reasoning: num('reasoning'),
    },
    requests: num('requests'),
    otherUnits: json('other_units') as NormalizedFact['otherUnits'],
    billed: billedNano === null ? null : { nano: BigInt(billedNano as bigint), currency: str('billed_currency') },
    estimated: estimatedNano === null ? null : { nano: BigInt(estimatedNano as bigint), currency: str('estimated_currency') },
    priceStatus: str('price_status') as NormalizedFact['priceStatus'],
    recorded: recordedNano === null ? null : { nano: BigInt(recordedNano as bigint), currency: str('recorded_currency') },
    billedBy: strOrNull('billed_by') ?? str('provider'),
    plan: strOrNull('plan') as NormalizedFact['plan'],
  };
}

/** `other_units` as stored: what a revision compares. */
export const otherUnitsValue = (f: Pick<NormalizedFact, 'otherUnits'>): string | null => jsonOrNull(f.otherUnits);

/** The model a fact (alias `a`) names, for matching two exports' rows: the canonical id, else the raw name. */
export const MODEL_OF = (a: string): string => `coalesce(${a}.model, lower(${a}.model_raw), '')`;

/**
 * Two facts (aliases `a`, `b`) name the same model: the same id, or the same family where one of them
 * names the family itself (a console's "claude-sonnet-4" against the API's "claude-sonnet-4-20250514").
 */
export const SAME_MODEL = (a: string, b: string): string =>
  `(${MODEL_OF(a)} = ${MODEL_OF(b)} OR (${a}.model_family = ${b}.model_family AND (${a}.model = ${a}.model_family OR ${b}.model = ${b}.model_family)))`;

/** A bill line (usage_facts AS `a`): what coveredByBill looks for on a fact's provider and day. */
export const BILL_LINE = (a: string): SqlQuery => sql.raw(`${a}.billed_nano IS NOT NULL AND ${a}.line_type IN ('cost', 'credit', 'tax', 'fee')`);

/**
 * A usage fact (usage_facts AS f) that a bill line covers: the provider that bills the fact's usage
 * (`billed_by`: its own, or the provider a gateway or agent log called), the same UTC day, and the same model
 * where both name one (a cost file with a model per line bills only that model's usage; a line without a
 * model covers the day). Its estimate is then not spend: the bill is. Every figure of spend uses this one
 * rule (the totals, the rollups, each budget); `alsoOnBill` narrows the bill lines that count (a budget's
 * scope, on alias `b`).
 */
export function coveredByBill(alsoOnBill?: SqlQuery): SqlQuery {
  return sql`EXISTS (
  SELECT 1 FROM usage_facts b
  WHERE b.provider = coalesce(f.billed_by, f.provider) AND b.day = f.day AND ${BILL_LINE('b')} AND b.id <> f.id
    AND (b.model IS NULL OR f.model IS NULL OR ${sql.raw(SAME_MODEL('b', 'f'))})${alsoOnBill ? sql` AND ${alsoOnBill}` : sql``}
)`;
}

/**
 * A fact (usage_facts AS f) whose tokens the views of the tool that logged them count (sessions, blocks,
 * status line): every fact that counts, and an agent's or a gateway's call whose provider's own usage
 * source counts it instead (imports/coverage-store.ts): the totals take the provider's figure, the log still
 * attributes the call to its session.
 */
export const COUNTS_IN_TOOL_VIEWS = sql.raw('(f.counts_tokens = 1 OR coalesce(f.billed_by, f.provider) <> f.provider)');

/** coveredByBill() over every bill line. */
export const COVERED_BY_BILL = coveredByBill();

/**
 * A fact (usage_facts AS f) paid for by a subscription: its money is notional, a value at list price that
 * is never spend (not in a total's spend, a budget or a tip's saving). A bill is never notional. The row's
 * own word wins (Cursor's Included / On-Demand); else the user's setting for its tool and account; else
 * for its tool (usage_plans, account ''); else pay-as-you-go. The one rule: spendNano, notionalNano, the
 * budgets' amounts and the tips' cells all test it.
 */
// Without any setting (the usual ledger) the lookup is skipped: SQLite runs the uncorrelated EXISTS once.
export const NOTIONAL = sql.raw(`(f.billed_nano IS NULL AND coalesce(f.plan, CASE WHEN EXISTS (SELECT 1 FROM usage_plans) THEN (
  SELECT p.plan FROM usage_plans p WHERE p.provider = f.provider AND p.account IN (coalesce(f.account, ''), '') ORDER BY p.account = '' LIMIT 1
) END) IS 'included')`);

/**
 * A fact's primary currency and the money it spends in it (usage_facts AS f; counts_tokens is the
 * caller's): its bill; else, unless a bill covers its usage or its plan includes it (NOTIONAL), the cost
 * its tool recorded (a gateway's or an agent's own figure), else the price book's estimate. Never two of
 * them. `covered` is the coverage test (a budget narrows it to its scope's bill lines).
 */
export const PRIMARY_CURRENCY = sql.raw('coalesce(f.billed_currency, f.recorded_currency, f.estimated_currency)');
export function spendNano(covered: SqlQuery = COVERED_BY_BILL): SqlQuery {
  return sql`CASE WHEN f.billed_nano IS NOT NULL THEN f.billed_nano
    WHEN coalesce(f.recorded_nano, f.estimated_nano) IS NOT NULL AND NOT ${NOTIONAL} AND NOT ${covered} THEN coalesce(f.recorded_nano, f.estimated_nano) END`;
}

/** What a notional fact's usage is worth at list price (its tool's recorded cost, else the estimate), in PRIMARY_CURRENCY. */
export const NOTIONAL_NANO = sql`CASE WHEN ${NOTIONAL} THEN coalesce(f.recorded_nano, f.estimated_nano) END`;

/** The grains whose facts are instants, as SQL (shared/domain/time.ts INSTANT_GRAINS). */
export const INSTANT_GRAIN = (alias = 'f') => sql.raw(`${alias}.granularity IN ('request', 'hour')`);

/**
 * THE day of a fact (usage_facts AS `alias`) in a view's zone, as SQL: shared/domain/time.ts factDay.
 * `offset` is the zone's offset in ms at the fact's start (a constant or a CASE over start_ms); the
 * ledger's `day` already holds a bucket's nominal day and an instant's UTC day.
 */
export function factDaySql(offset: SqlQuery | null, alias = 'f'): SqlQuery {
  if (offset === null) return sql.raw(`${alias}.day`);
  return sql`(CASE WHEN ${INSTANT_GRAIN(alias)} THEN date((${sql.raw(alias)}.start_ms + ${offset}) / 1000, 'unixepoch') ELSE ${sql.raw(alias)}.day END)`;
}
