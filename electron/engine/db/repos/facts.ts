/**
 * usage_facts: insert normalized facts (multi-row INSERTs), find them by identity (batched), revise them
 * keeping the old values in fact_history, the claims of batches that contained a fact as a duplicate
 * (fact_claims), and the coverage bookkeeping (token_supersessions, counts_tokens) for usage rows and
 * bill lines that two formats of one provider both describe.
 */
import { emptyTokens, type FactDraft, type Region } from '../../../../shared/domain/fact';
import type { Statement } from 'better-sqlite3';
import type { ReadableDb, WritableDb } from '../connection';
import type { SqlValue } from '../sql';

/** A FactDraft after the pipeline's normalize step: canonical model, maker, region, estimate. */
export interface NormalizedFact extends FactDraft {
  /** 1-based line of the export where the row starts. */
  line: number;
  model: string | null;
  modelFamily: string | null;
  vendor: string | null;
  originRegion: Region | null;
  estimated: { nano: bigint; currency: string } | null;
  priceStatus: 'priced' | 'unpriced' | 'not_applicable';
}

/**
 * Every column of usage_facts except `id`, in one order. fact_history has the same columns (plus
 * revised_by_batch_id): a column added to usage_facts must be added to both (see migration 002).
 */
export const FACT_COLUMNS = [
  'batch_id', 'source_line', 'format', 'identity', 'start_ms', 'end_ms', 'day', 'granularity', 'provider',
  'account', 'project', 'api_key', 'member', 'tags', 'model_raw', 'model', 'model_family', 'vendor',
  'origin_region', 'host', 'inference_geo', 'service_tier', 'context_tier', 'line_type', 'input', 'cache_read',
  'cache_write_5m', 'cache_write_1h', 'output', 'reasoning', 'requests', 'other_units', 'counts_tokens',
  'billed_nano', 'billed_currency', 'estimated_nano', 'estimated_currency', 'price_status',
] as const;

const COLS = FACT_COLUMNS.join(', ');
const ASSIGN = FACT_COLUMNS.map((c) => `${c} = ?`).join(', ');

let lastDayNumber = NaN;
let lastDay = '';

/** The UTC calendar day of an instant, 'YYYY-MM-DD' (memoized for runs of the same day: called twice per fact). */
export function utcDay(ms: number): string {
  const n = Math.floor(ms / 86_400_000);
  if (n !== lastDayNumber) {
    lastDay = new Date(n * 86_400_000).toISOString().slice(0, 10);
    lastDayNumber = n;
  }
  return lastDay;
}

function jsonOrNull(v: Record<string, unknown> | null): string | null {
  return v === null || Object.keys(v).length === 0 ? null : JSON.stringify(v);
}

/** The column values of a fact, in FACT_COLUMNS order. */
export function factValues(f: NormalizedFact, batchId: number, format: string, countsTokens = 1): SqlValue[] {
  return [
    batchId, f.line, format, f.identity, f.start, f.end, utcDay(f.start), f.granularity, f.provider,
    f.account, f.project, f.apiKey, f.member, jsonOrNull(f.tags), f.modelRaw, f.model, f.modelFamily, f.vendor,
    f.originRegion, f.host, f.inferenceGeo, f.serviceTier, f.contextTier, f.lineType, f.tokens.input,
    f.tokens.cache_read, f.tokens.cache_write_5m, f.tokens.cache_write_1h, f.tokens.output, f.tokens.reasoning,
    f.requests, jsonOrNull(f.otherUnits), countsTokens, f.billed?.nano ?? null, f.billed?.currency ?? null,
    f.estimated?.nano ?? null, f.estimated?.currency ?? null, f.priceStatus,
  ];
}

// ---- facts as rows of values: the form chunks travel in between the parser worker and the inserting thread

/**
 * The columns a parsed fact carries: FACT_COLUMNS without batch_id and format (the batch's own). A chunk
 * of facts crosses from the parser worker as ONE flat array of primitives (VALUE_WIDTH per fact), which is
 * several times cheaper to clone and to insert than an array of objects; a NormalizedFact is rebuilt only
 * for the rows that need one (a sample row, a duplicate or a revision).
 */
export const VALUE_COLUMNS: readonly (typeof FACT_COLUMNS)[number][] = FACT_COLUMNS.filter((c) => c !== 'batch_id' && c !== 'format');
export const VALUE_WIDTH = VALUE_COLUMNS.length;
const vi = (c: (typeof FACT_COLUMNS)[number]) => VALUE_COLUMNS.indexOf(c);
/** Offsets of some columns inside a fact's values. */
export const VAL = { identity: vi('identity'), day: vi('day'), provider: vi('provider') } as const;

/**
 * A chunk's facts. Columns whose value is the same for every fact of the chunk (batch constants, nulls,
 * the currency...) are kept once in `shared`; the others, `varAt`, fact after fact in `values`.
 */
export interface FactRows {
  count: number;
  /** Per VALUE_COLUMNS offset: true when every fact of the chunk has the value `shared[offset]`. */
  constant: boolean[];
  shared: SqlValue[];
  /** VALUE_COLUMNS offsets of the varying columns, in the order of each fact's values. */
  varAt: number[];
  /** varAt.length values per fact. */
  values: SqlValue[];
}

/** Append a fact's values (VALUE_COLUMNS order, counts_tokens = 1). */
export function pushFactValues(out: SqlValue[], f: NormalizedFact): void {
  const t = f.tokens;
  out.push(
    f.line, f.identity, f.start, f.end, utcDay(f.start), f.granularity, f.provider,
    f.account, f.project, f.apiKey, f.member, jsonOrNull(f.tags), f.modelRaw, f.model, f.modelFamily, f.vendor,
    f.originRegion, f.host, f.inferenceGeo, f.serviceTier, f.contextTier, f.lineType, t.input,
    t.cache_read, t.cache_write_5m, t.cache_write_1h, t.output, t.reasoning,
    f.requests, jsonOrNull(f.otherUnits), 1, f.billed?.nano ?? null, f.billed?.currency ?? null,
    f.estimated?.nano ?? null, f.estimated?.currency ?? null, f.priceStatus,
  );
}

/**
 * FactRows from `count` facts of VALUE_WIDTH values each (pushFactValues). Identity is never shared, so
 * a one-fact chunk still has a varying column.
 */
export function factRows(all: readonly SqlValue[], count: number): FactRows {
  const constant: boolean[] = [];
  const shared: SqlValue[] = [];
  const varAt: number[] = [];
  for (let c = 0; c < VALUE_WIDTH; c++) {
    const v = count > 0 ? all[c]! : null;
    let same = c !== VAL.identity && count > 0;
    for (let at = VALUE_WIDTH + c; same && at < count * VALUE_WIDTH; at += VALUE_WIDTH) if (all[at] !== v) same = false;
    constant.push(same);
    shared.push(same ? v : null);
    if (!same) varAt.push(c);
  }
  const width = varAt.length;
  const values: SqlValue[] = new Array<SqlValue>(count * width);
  let k = 0;
  for (let i = 0; i < count; i++) {
    const o = i * VALUE_WIDTH;
    for (let j = 0; j < width; j++) values[k++] = all[o + varAt[j]!]!;
  }
  return { count, constant, shared, varAt, values };
}

/** Per VALUE_COLUMNS offset, where fact i's value is: -1 when shared, else its place among the varying ones. */
export function rowOffsets(rows: FactRows): number[] {
  const pos = new Array<number>(VALUE_WIDTH).fill(-1);
  rows.varAt.forEach((c, j) => (pos[c] = j));
  return pos;
}

/** Value of column offset `c` of fact `i`. */
export function valueAt(rows: FactRows, pos: readonly number[], i: number, c: number): SqlValue {
  const p = pos[c]!;
  return p < 0 ? rows.shared[c]! : rows.values[i * rows.varAt.length + p]!;
}

/** The NormalizedFact of fact `i` of a chunk (the inverse of pushFactValues). */
export function factAt(rows: FactRows, i: number): NormalizedFact {
  const pos = rowOffsets(rows);
  const at = (k: number) => valueAt(rows, pos, i, k);
  const num = (k: number) => Number(at(k));
  const str = (k: number) => at(k) as string;
  const strOrNull = (k: number) => (at(k) ?? null) as string | null;
  const json = (k: number) => (at(k) === null ? null : JSON.parse(at(k) as string));
  const billedNano = at(31);
  const estNano = at(33);
  return {
    line: num(0),
    identity: str(1),
    start: num(2),
    end: num(3),
    granularity: str(5) as NormalizedFact['granularity'],
    provider: str(6),
    account: strOrNull(7),
    project: strOrNull(8),
    apiKey: strOrNull(9),
    member: strOrNull(10),
    tags: json(11) as NormalizedFact['tags'],
    modelRaw: strOrNull(12),
    model: strOrNull(13),
    modelFamily: strOrNull(14),
    vendor: strOrNull(15),
    originRegion: strOrNull(16) as Region | null,
    host: strOrNull(17),
    inferenceGeo: strOrNull(18),
    serviceTier: str(19) as NormalizedFact['serviceTier'],
    contextTier: strOrNull(20),
    lineType: str(21) as NormalizedFact['lineType'],
    tokens: { input: num(22), cache_read: num(23), cache_write_5m: num(24), cache_write_1h: num(25), output: num(26), reasoning: num(27) },
    requests: num(28),
    otherUnits: json(29) as NormalizedFact['otherUnits'],
    billed: billedNano === null ? null : { nano: BigInt(billedNano as bigint), currency: str(32) },
    estimated: estNano === null ? null : { nano: BigInt(estNano as bigint), currency: str(34) },
    priceStatus: str(35) as NormalizedFact['priceStatus'],
  };
}

/** What classification compares: the numbers of a fact ("same identity, same numbers" = duplicate). */
export interface StoredNumbers {
  id: number;
  batch_id: number;
  identity: string;
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
  other_units: string | null;
  billed_nano: bigint | null;
  billed_currency: string | null;
}

export function sameNumbers(stored: StoredNumbers, f: NormalizedFact): boolean {
  const t = f.tokens;
  return (
    stored.start_ms === BigInt(f.start) &&
    stored.end_ms === BigInt(f.end) &&
    stored.input === BigInt(t.input) &&
    stored.cache_read === BigInt(t.cache_read) &&
    stored.cache_write_5m === BigInt(t.cache_write_5m) &&
    stored.cache_write_1h === BigInt(t.cache_write_1h) &&
    stored.output === BigInt(t.output) &&
    stored.reasoning === BigInt(t.reasoning) &&
    stored.requests === BigInt(f.requests) &&
    stored.other_units === jsonOrNull(f.otherUnits) &&
    stored.billed_nano === (f.billed?.nano ?? null) &&
    stored.billed_currency === (f.billed?.currency ?? null)
  );
}

/**
 * The stored numbers as a draft, for an importer's mergeDuplicate when a record repeats in a later chunk
 * of the same file (only the numbers are compared there; the rest of the draft is not read back).
 */
export function storedAsDraft(s: StoredNumbers, like: FactDraft): FactDraft {
  const tokens = emptyTokens();
  tokens.input = Number(s.input);
  tokens.cache_read = Number(s.cache_read);
  tokens.cache_write_5m = Number(s.cache_write_5m);
  tokens.cache_write_1h = Number(s.cache_write_1h);
  tokens.output = Number(s.output);
  tokens.reasoning = Number(s.reasoning);
  return {
    ...like,
    start: Number(s.start_ms),
    end: Number(s.end_ms),
    tokens,
    requests: Number(s.requests),
    billed: s.billed_nano === null || s.billed_currency === null ? null : { nano: s.billed_nano, currency: s.billed_currency },
  };
}

/** SQLite's default limit is 32766 bound variables; stay far below it. */
const LOOKUP_CHUNK = 500;

type Stmt = Statement<unknown[]>;

/** Statements prepared per connection and shape, reused across chunks and imports. */
const stmtCache = new WeakMap<ReadableDb, Map<string, Stmt>>();

function cached(db: ReadableDb, key: string, make: () => Stmt): Stmt {
  let m = stmtCache.get(db);
  if (!m) {
    m = new Map();
    stmtCache.set(db, m);
  }
  let s = m.get(key);
  if (!s) {
    s = make();
    m.set(key, s);
  }
  return s;
}

/** The stored facts with these identities, found with one query per 500 identities (never one per row). */
export function findByIdentities(db: ReadableDb, identities: readonly string[]): Map<string, StoredNumbers> {
  const out = new Map<string, StoredNumbers>();
  for (let i = 0; i < identities.length; i += LOOKUP_CHUNK) {
    const chunk = identities.slice(i, i + LOOKUP_CHUNK);
    const stmt = cached(db, `lookup:${chunk.length}`, () =>
      db
        .prepare(
          `SELECT id, batch_id, identity, day, start_ms, end_ms, input, cache_read, cache_write_5m, cache_write_1h, output,
                  reasoning, requests, other_units, billed_nano, billed_currency
           FROM usage_facts WHERE identity IN (${chunk.map(() => '?').join(', ')})`,
        )
        .safeIntegers(true),
    );
    for (const row of stmt.all(...chunk) as Array<Omit<StoredNumbers, 'id' | 'batch_id'> & { id: bigint; batch_id: bigint }>) {
      out.set(row.identity, { ...row, id: Number(row.id), batch_id: Number(row.batch_id) });
    }
  }
  return out;
}

/** Rows per multi-row INSERT: 100 x 38 columns = 3,800 bound values, well under SQLite's limit. */
const INSERT_ROWS = 100;
const CLAIM_ROWS = 500;

function multiRowInsert(db: WritableDb, head: string, width: number, rows: number): Stmt {
  const one = `(${new Array<string>(width).fill('?').join(', ')})`;
  return cached(db, `${head}:${rows}`, () => db.prepare(`${head} VALUES ${new Array<string>(rows).fill(one).join(', ')}`));
}

/** INSERT statements of chunks, per shared-column mask and row count (bounded: masks repeat from chunk to chunk). */
const rowInserts = new WeakMap<ReadableDb, Map<string, Stmt>>();
const TAIL_SIZES = [64, 32, 16, 8, 4, 2, 1];

/**
 * The INSERT of `rows` facts of a chunk: its shared columns are bound once per statement
 * (`INSERT ... SELECT ?, column1, ... FROM (VALUES ...)`), the varying ones once per fact. Binding is most
 * of an INSERT's cost through better-sqlite3 (a string costs ~0.2 µs), and a file repeats many values.
 */
function rowsInsert(db: WritableDb, rows: FactRows, n: number): Stmt {
  let m = rowInserts.get(db);
  if (!m) {
    m = new Map();
    rowInserts.set(db, m);
  }
  const key = `${rows.constant.map((b) => (b ? 1 : 0)).join('')}:${n}`;
  let stmt = m.get(key);
  if (!stmt) {
    const constAt: number[] = [];
    rows.constant.forEach((b, c) => b && constAt.push(c));
    const cols = ['batch_id', 'format', ...constAt.map((c) => VALUE_COLUMNS[c]!), ...rows.varAt.map((c) => VALUE_COLUMNS[c]!)];
    const select = ['?', '?', ...constAt.map(() => '?'), ...rows.varAt.map((_, k) => `column${k + 1}`)];
    const tuple = `(${new Array<string>(rows.varAt.length).fill('?').join(', ')})`;
    stmt = db.prepare(`INSERT INTO usage_facts (${cols.join(', ')}) SELECT ${select.join(', ')} FROM (VALUES ${new Array<string>(n).fill(tuple).join(', ')})`);
    if (m.size >= 256) m.clear();
    m.set(key, stmt);
  }
  return stmt;
}

/** Insert facts `which` (offsets into `rows`, ascending; null: all) of a chunk as new facts of this batch. */
export function insertFactRows(db: WritableDb, batchId: number, format: string, rows: FactRows, which: readonly number[] | null): void {
  const total = which ? which.length : rows.count;
  const width = rows.varAt.length;
  const head: SqlValue[] = [batchId, format];
  rows.constant.forEach((b, c) => b && head.push(rows.shared[c]!));
  let done = 0;
  while (done < total) {
    const left = total - done;
    const n = left >= INSERT_ROWS ? INSERT_ROWS : TAIL_SIZES.find((t) => t <= left)!;
    let params: SqlValue[];
    if (which === null) {
      params = head.concat(rows.values.slice(done * width, (done + n) * width));
    } else {
      params = head.slice();
      for (let k = done; k < done + n; k++) {
        const o = which[k]! * width;
        for (let j = 0; j < width; j++) params.push(rows.values[o + j]!);
      }
    }
    rowsInsert(db, rows, n).run(params);
    done += n;
  }
}

/**
 * Writers for one batch inside the import's transaction. New facts and claims are buffered and written
 * with multi-row INSERTs of prepared statements (no per-row round trip); call `flush()` before reading
 * the ledger again (the next chunk's lookup) and at the end.
 */
export function factWriter(db: WritableDb, batchId: number, format: string) {
  const insertHead = `INSERT INTO usage_facts (${COLS})`;
  const claimHead = 'INSERT OR IGNORE INTO fact_claims (fact_id, batch_id, source_line)';
  const keep = cached(db, 'keep', () =>
    db.prepare(`INSERT INTO fact_history (revised_by_batch_id, id, ${COLS}) SELECT ?, id, ${COLS} FROM usage_facts WHERE id = ?`),
  );
  const update = cached(db, 'update', () => db.prepare(`UPDATE usage_facts SET ${ASSIGN} WHERE id = ?`));
  const countsOf = cached(db, 'countsOf', () => db.prepare('SELECT counts_tokens FROM usage_facts WHERE id = ?').pluck());
  let rows: SqlValue[] = [];
  let rowCount = 0;
  let claims: SqlValue[] = [];
  let claimCount = 0;

  function flushInserts(): void {
    const width = FACT_COLUMNS.length;
    let at = 0;
    while (rowCount - at / width >= INSERT_ROWS) {
      multiRowInsert(db, insertHead, width, INSERT_ROWS).run(rows.slice(at, at + INSERT_ROWS * width));
      at += INSERT_ROWS * width;
    }
    const rest = rowCount - at / width;
    if (rest > 0) multiRowInsert(db, insertHead, width, rest).run(rows.slice(at));
    rows = [];
    rowCount = 0;
  }

  function flushClaims(): void {
    let at = 0;
    while (claimCount - at / 3 >= CLAIM_ROWS) {
      multiRowInsert(db, claimHead, 3, CLAIM_ROWS).run(claims.slice(at, at + CLAIM_ROWS * 3));
      at += CLAIM_ROWS * 3;
    }
    const rest = claimCount - at / 3;
    if (rest > 0) multiRowInsert(db, claimHead, 3, rest).run(claims.slice(at));
    claims = [];
    claimCount = 0;
  }

  return {
    /** Insert new facts of a chunk (offsets `which`, or all), straight from their values. */
    insertRows(chunkRows: FactRows, which: readonly number[] | null): void {
      insertFactRows(db, batchId, format, chunkRows, which);
    },
    /** Buffer a new fact. */
    insert(f: NormalizedFact): void {
      const v = factValues(f, batchId, format);
      for (let i = 0; i < v.length; i++) rows.push(v[i]!);
      rowCount++;
      if (rowCount >= INSERT_ROWS * 10) flushInserts();
    },
    /** This batch contained the fact `factId` (owned by another batch) as a duplicate. */
    claim(factId: number, line: number): void {
      claims.push(factId, batchId, line);
      claimCount++;
      if (claimCount >= CLAIM_ROWS * 4) flushClaims();
    },
    /** Replace a fact's values by the newer export's, keeping the old row in fact_history. */
    revise(id: number, f: NormalizedFact): void {
      keep.run(batchId, id);
      const counts = countsOf.get(id) as number;
      update.run(...factValues(f, batchId, format, counts), id);
    },
    /** A record repeated later in the same file replaces this batch's own row (no history: it is this batch's). */
    replaceOwn(id: number, f: NormalizedFact): void {
      const counts = countsOf.get(id) as number;
      update.run(...factValues(f, batchId, format, counts), id);
    },
    flush(): void {
      if (rowCount > 0) flushInserts();
      if (claimCount > 0) flushClaims();
    },
  };
}

// ---- coverage: two formats of one provider describing the same usage or the same bill ----------

const GRAIN_RANK: Record<string, number> = { request: 0, hour: 1, day: 2, month: 3, cost: 4 };

/**
 * Among two bill files of one provider for the same days, which one's lines stand. The APIs' JSON reports
 * carry the exact amounts (Anthropic's cost report in fractional cents, OpenAI's costs API to 1e-16); the
 * consoles' CSV downloads round (Anthropic's Console CSV to whole cents per line). So the API report wins,
 * whichever was imported first; between two files of equal rank, the earlier batch stands.
 */
export const BILL_SOURCE_RANK: Readonly<Record<string, number>> = {
  'anthropic-cost-json': 0,
  'openai-costs-json': 0,
  'anthropic-console-cost-csv': 1,
  'openai-dashboard-cost-csv': 1,
};

type Kind = 'usage' | 'bill';
const KIND_WHERE: Record<Kind, string> = {
  usage: "%.line_type = 'usage'",
  bill: "%.line_type IN ('cost', 'credit', 'tax', 'fee') AND %.billed_nano IS NOT NULL",
};
const kindWhere = (kind: Kind, alias: string) => KIND_WHERE[kind].replaceAll('%', alias);
const MODEL_OF = (a: string) => `coalesce(${a}.model, lower(${a}.model_raw), '')`;

/** What one import found covered: facts of `coveredBatchId` whose tokens / money a fact of `winnerBatchId` states. */
export interface CoverageFound {
  kind: Kind;
  winnerBatchId: number;
  coveredBatchId: number;
  days: string[];
  models: string[];
  facts: number;
}

interface BatchFacts {
  id: number;
  format: string;
  grain: string | null;
}

/** (day, value) pairs of one dimension among a batch's facts of one kind on these days. */
function dimValues(db: ReadableDb, batchId: number, kind: Kind, column: string, days: ReadonlySet<string>): Set<string> {
  const rows = db
    .prepare(`SELECT DISTINCT f.day AS day, ${column} AS v FROM usage_facts f WHERE f.batch_id = ? AND ${kindWhere(kind, 'f')} AND ${column} IS NOT NULL`)
    .all(batchId) as Array<{ day: string; v: string }>;
  const out = new Set<string>();
  for (const r of rows) if (days.has(r.day)) out.add(`${r.day}\u0000${r.v}`);
  return out;
}

function daysOf(db: ReadableDb, batchId: number, kind: Kind, providers: readonly string[]): Set<string> {
  const rows = db
    .prepare(
      `SELECT DISTINCT f.day AS day FROM usage_facts f WHERE f.batch_id = ? AND ${kindWhere(kind, 'f')}
       AND f.provider IN (${providers.map(() => '?').join(', ')})`,
    )
    .pluck()
    .all(batchId, ...providers) as string[];
  return new Set(rows);
}

/**
 * The dimensions two batches are matched on. A dimension is compared (NULL on either side matching any
 * value) only when the two batches share at least one value of it on a day they both cover; when both
 * state it but never the same value, they name it differently (the Anthropic usage API reports workspace
 * and key ids, the Console CSV their names), so comparing it would never match and would count the same
 * usage twice: it is left out. Usage is always matched on the model; bill lines too unless the two files
 * never share a model name on those days (one file's display names against the other's ids).
 */
function matchColumns(db: ReadableDb, a: number, b: number, kind: Kind, days: ReadonlySet<string>): string[] {
  const cols = kind === 'usage' ? ['project', 'api_key'] : ['model', 'project', 'api_key'];
  const keep: string[] = kind === 'usage' ? ['model'] : [];
  for (const c of cols) {
    const expr = c === 'model' ? MODEL_OF('f') : `f.${c}`;
    const va = dimValues(db, a, kind, c === 'model' ? `nullif(${expr}, '')` : expr, days);
    const vb = dimValues(db, b, kind, c === 'model' ? `nullif(${expr}, '')` : expr, days);
    if (va.size === 0 || vb.size === 0) {
      keep.push(c); // NULL on one side matches anything anyway
      continue;
    }
    let shared = false;
    for (const v of va) {
      if (vb.has(v)) {
        shared = true;
        break;
      }
    }
    if (shared) keep.push(c);
  }
  return keep;
}

function winnerOf(kind: Kind, a: BatchFacts, b: BatchFacts): [BatchFacts, BatchFacts] {
  const rank = (x: BatchFacts) => (kind === 'usage' ? (GRAIN_RANK[x.grain ?? 'day'] ?? 2) : (BILL_SOURCE_RANK[x.format] ?? 1));
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? [a, b] : [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

/**
 * Find and record what batch `batchId` overlaps: for each committed batch of another format of the same
 * provider with facts of the same kind on the same days, the finer (usage) or more exact (bills) batch
 * wins and the other's matching facts are recorded in token_supersessions and get counts_tokens = 0 (which
 * drops both their tokens and their billed money from every total). `providers` are the providers this
 * batch's facts name (collected while importing; a 1M-row batch is not scanned to learn them).
 * Batches of other providers or formats are never scanned.
 */
export function recordCoverage(db: WritableDb, batchId: number, providers: readonly string[], createdBy: number = batchId): CoverageFound[] {
  const me = db.prepare('SELECT id, format, grain, provider FROM import_batches WHERE id = ?').get(batchId) as (BatchFacts & { provider: string | null }) | undefined;
  if (!me || providers.length === 0) return [];
  const batchProviders = [...new Set([...providers, ...(me.provider ? [me.provider] : [])])];
  const candidates = db
    .prepare(
      `SELECT id, format, grain FROM import_batches WHERE status = 'committed' AND id <> ? AND format <> ?
       AND provider IN (${batchProviders.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(batchId, me.format, ...batchProviders) as BatchFacts[];
  const found: CoverageFound[] = [];
  for (const kind of ['usage', 'bill'] as const) {
    if (candidates.length === 0) break;
    const myDays = daysOf(db, batchId, kind, providers);
    if (myDays.size === 0) continue;
    for (const other of candidates) {
      const theirDays = daysOf(db, other.id, kind, providers);
      const days = new Set([...myDays].filter((d) => theirDays.has(d)));
      if (days.size === 0) continue;
      const cols = matchColumns(db, batchId, other.id, kind, days);
      const [winner, covered] = winnerOf(kind, me, other);
      const conds = cols.map((c) =>
        c === 'model' && kind === 'usage'
          ? `${MODEL_OF('w')} = ${MODEL_OF('l')}`
          : c === 'model'
            ? `(${MODEL_OF('w')} = '' OR ${MODEL_OF('l')} = '' OR ${MODEL_OF('w')} = ${MODEL_OF('l')})`
            : `(w.${c} IS NULL OR l.${c} IS NULL OR w.${c} = l.${c})`,
      );
      if (kind === 'bill') conds.push('w.line_type = l.line_type');
      const inserted = db
        .prepare(
          `INSERT OR IGNORE INTO token_supersessions (superseding_batch_id, fact_id, created_by_batch_id)
           SELECT ?, l.id, ? FROM usage_facts l
           WHERE l.batch_id = ? AND ${kindWhere(kind, 'l')}
             AND EXISTS (SELECT 1 FROM usage_facts w WHERE w.batch_id = ? AND w.day = l.day AND w.provider = l.provider
                         AND ${kindWhere(kind, 'w')} ${conds.map((c) => `AND ${c}`).join(' ')})`,
        )
        .run(winner.id, createdBy, covered.id, winner.id).changes;
      if (inserted === 0) continue;
      db.prepare(
        `UPDATE usage_facts SET counts_tokens = 0 WHERE counts_tokens <> 0 AND id IN
           (SELECT fact_id FROM token_supersessions WHERE superseding_batch_id = ?) AND batch_id = ?`,
      ).run(winner.id, covered.id);
      const summary = db
        .prepare(
          `SELECT f.day AS day, ${MODEL_OF('f')} AS model FROM token_supersessions s JOIN usage_facts f ON f.id = s.fact_id
           WHERE s.superseding_batch_id = ? AND f.batch_id = ? GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all(winner.id, covered.id) as Array<{ day: string; model: string }>;
      const count = db
        .prepare(
          `SELECT count(*) FROM token_supersessions s JOIN usage_facts f ON f.id = s.fact_id
           WHERE s.superseding_batch_id = ? AND f.batch_id = ?`,
        )
        .pluck()
        .get(winner.id, covered.id) as number;
      found.push({
        kind,
        winnerBatchId: winner.id,
        coveredBatchId: covered.id,
        days: [...new Set(summary.map((r) => r.day))],
        models: [...new Set(summary.map((r) => r.model))].sort(),
        facts: count,
      });
    }
  }
  return found;
}

/** The providers a batch's facts name (for recordCoverage when re-run at undo time; small batches). */
export function providersOfBatch(db: ReadableDb, batchId: number): string[] {
  return db.prepare('SELECT DISTINCT provider FROM usage_facts WHERE batch_id = ?').pluck().all(batchId) as string[];
}

/** counts_tokens = 1 again on these facts unless another supersession still covers them. */
export function refreshCountsTokens(db: WritableDb, factIds: Iterable<number>): void {
  const stmt = db.prepare(
    `UPDATE usage_facts SET counts_tokens =
       CASE WHEN EXISTS (SELECT 1 FROM token_supersessions s WHERE s.fact_id = usage_facts.id) THEN 0 ELSE 1 END
     WHERE id = ?`,
  );
  for (const id of factIds) stmt.run(id);
}
