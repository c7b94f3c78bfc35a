/**
 * Writing an import's facts into usage_facts: inserting a chunk's facts with multi-row INSERTs straight
 * from its values (those already stored left out, then found by identity, batched), revising one while
 * keeping its old values in fact_history, and the claims of a batch that contained a fact another batch
 * owns (fact_claims).
 */
import { emptyTokens, type FactDraft, type NormalizedFact } from '../../../shared/domain/fact';
import type { ReadableDb, Statement, WritableDb } from '../ledger/db';
import { FACT_COLUMNS, factValues, otherUnitsValue, ROW_COLUMNS } from '../ledger/facts';
import type { SqlValue } from '../ledger/sql';
import { DIM_COLUMNS } from './fact-dims';
import type { FactDims, FactRows } from './fact-rows';

const COLS = FACT_COLUMNS.join(', ');
const ASSIGN = FACT_COLUMNS.map((c) => `${c} = ?`).join(', ');

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
  recorded_nano: bigint | null;
  recorded_currency: string | null;
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
    stored.other_units === otherUnitsValue(f) &&
    stored.billed_nano === (f.billed?.nano ?? null) &&
    stored.billed_currency === (f.billed?.currency ?? null) &&
    stored.recorded_nano === (f.recorded?.nano ?? null) &&
    stored.recorded_currency === (f.recorded?.currency ?? null)
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
    recorded: s.recorded_nano === null || s.recorded_currency === null ? null : { nano: s.recorded_nano, currency: s.recorded_currency },
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

/**
 * The stored facts with these identities, found with one query per 500 identities (never one per row);
 * with `beforeId`, only those stored with a smaller id (stored before the facts a chunk just inserted).
 */
export function findByIdentities(db: ReadableDb, identities: readonly string[], beforeId: number | null = null): Map<string, StoredNumbers> {
  const out = new Map<string, StoredNumbers>();
  for (let i = 0; i < identities.length; i += LOOKUP_CHUNK) {
    const chunk = identities.slice(i, i + LOOKUP_CHUNK);
    const below = beforeId === null ? '' : ' AND id < ?';
    const stmt = cached(db, `lookup:${chunk.length}${below}`, () =>
      db
        .prepare(
          `SELECT id, batch_id, identity, day, start_ms, end_ms, input, cache_read, cache_write_5m, cache_write_1h, output,
                  reasoning, requests, other_units, billed_nano, billed_currency, recorded_nano, recorded_currency
           FROM usage_facts WHERE identity IN (${chunk.map(() => '?').join(', ')})${below}`,
        )
        .safeIntegers(true),
    );
    const params: unknown[] = beforeId === null ? chunk : [...chunk, beforeId];
    for (const row of stmt.all(...params) as Array<Omit<StoredNumbers, 'id' | 'batch_id'> & { id: bigint; batch_id: bigint }>) {
      out.set(row.identity, { ...row, id: Number(row.id), batch_id: Number(row.batch_id) });
    }
  }
  return out;
}

/** Rows per multi-row INSERT: 100 x 38 columns = 3,800 bound values, well under SQLite's limit. */
const INSERT_ROWS = 100;
/** Claims per multi-row INSERT (3 values each). */
const CLAIM_ROWS = 500;

function multiRowInsert(db: WritableDb, head: string, width: number, rows: number): Stmt {
  const one = `(${new Array<string>(width).fill('?').join(', ')})`;
  return cached(db, `${head}:${rows}`, () => db.prepare(`${head} VALUES ${new Array<string>(rows).fill(one).join(', ')}`));
}

/** INSERT statements of chunks, per shared-column mask, tuple columns and row count (bounded: masks repeat from chunk to chunk). */
const rowInserts = new WeakMap<ReadableDb, Map<string, Stmt>>();
const TAIL_SIZES = [64, 32, 16, 8, 4, 2, 1];

/**
 * The INSERT of `rows` facts of a chunk: its shared columns are bound once per statement
 * (`INSERT ... SELECT ?, column1, ... FROM (VALUES ...)`), the varying ones once per fact. Binding is most
 * of an INSERT's cost through better-sqlite3 (a string costs ~0.2 µs), and a file repeats many values.
 * A chunk whose varying text is numbered (fact-dims.ts) binds its tuple's number instead of that text,
 * which the INSERT reads from temp.fact_dims (the VALUES first: CROSS JOIN keeps the facts' order, so
 * their ids follow it).
 * OR IGNORE: a fact whose identity is stored, or that a constraint refuses, is left out instead of failing the
 * statement, so no constraint can fail it after some of its rows are written and SQLite keeps no statement
 * journal for it (with the batch's key deferred, migration 32); the facts a statement left out are looked
 * up (classify.ts), and one neither stored nor repeated is inserted again `strict`, to fail as its constraint says.
 */
function rowsInsert(db: WritableDb, rows: FactRows, n: number, strict: boolean): Stmt {
  let m = rowInserts.get(db);
  if (!m) {
    m = new Map();
    rowInserts.set(db, m);
  }
  const dims = rows.dims;
  const key = `${rows.constant.map((b) => (b ? 1 : 0)).join('')}:${n}${dims ? `:${dims.cols.join('.')}` : ''}${strict ? ':strict' : ''}`;
  let stmt = m.get(key);
  if (!stmt) {
    const constAt: number[] = [];
    rows.constant.forEach((b, c) => b && constAt.push(c));
    const coded = dims ? dims.cols.map((c) => ROW_COLUMNS[c]!) : [];
    const width = rows.varAt.length + (dims ? 1 : 0);
    const cols = ['batch_id', 'format', ...constAt.map((c) => ROW_COLUMNS[c]!), ...rows.varAt.map((c) => ROW_COLUMNS[c]!), ...coded];
    const select = ['?', '?', ...constAt.map(() => '?'), ...rows.varAt.map((_, k) => `v.column${k + 1}`), ...coded.map((c) => `d.${c}`)];
    const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
    const join = dims ? ` CROSS JOIN temp.${DIM_TABLE} d ON d.id = v.column${width}` : '';
    stmt = db.prepare(
      `INSERT ${strict ? '' : 'OR IGNORE '}INTO usage_facts (${cols.join(', ')}) SELECT ${select.join(', ')} FROM (VALUES ${new Array<string>(n).fill(tuple).join(', ')}) v${join}`,
    );
    if (m.size >= 256) m.clear();
    m.set(key, stmt);
  }
  return stmt;
}

/** The temp table of an import run's tuples (fact-dims.ts). */
const DIM_TABLE = 'fact_dims';

/** Per connection, whose tuples temp.fact_dims holds and how many. */
const dimTables = new WeakMap<ReadableDb, { epoch: string; held: number }>();

/** The largest number temp.fact_dims holds (0: none); the table is created when missing. */
function heldDims(db: WritableDb): number {
  // (Again when a transaction that created it rolled back.)
  const exists = cached(db, 'dims:exists', () => db.prepare(`SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = '${DIM_TABLE}'`).pluck());
  if (exists.get() === undefined) db.exec(`CREATE TEMP TABLE ${DIM_TABLE} (id INTEGER PRIMARY KEY, ${DIM_COLUMNS.join(', ')})`);
  return cached(db, 'dims:held', () => db.prepare(`SELECT coalesce(max(id), 0) FROM temp.${DIM_TABLE}`).pluck()).get() as number;
}

/**
 * Bring temp.fact_dims to every tuple of the chunk's run (fact-dims.ts DimRegistry): those not yet in it are
 * added; when it holds another run's, or fewer than written (a statement or transaction rolled back), it is
 * filled again from the first. The INSERT's join would drop a fact whose tuple were missing.
 */
function syncDims(db: WritableDb, d: FactDims): void {
  const tuples = d.tuples;
  if (!tuples) throw new Error('a chunk with numbered tuples reached the insert without them (DimRegistry.take)');
  const held = heldDims(db);
  let t = dimTables.get(db);
  if (!t || t.epoch !== d.epoch || held !== t.held) {
    if (held > 0) cached(db, 'dims:clear', () => db.prepare(`DELETE FROM temp.${DIM_TABLE}`)).run();
    t = { epoch: d.epoch, held: 0 };
    dimTables.set(db, t);
  }
  for (let k = t.held; k < tuples.length; k++) {
    const names = tuples[k]!.cols.map((c) => ROW_COLUMNS[c]!);
    const put = cached(db, `dims:put:${names.join(',')}`, () =>
      db.prepare(`INSERT INTO temp.${DIM_TABLE} (id, ${names.join(', ')}) VALUES (${new Array<string>(names.length + 1).fill('?').join(', ')})`),
    );
    put.run(k + 1, ...tuples[k]!.values);
  }
  t.held = tuples.length;
}

/**
 * What inserting a chunk's facts did: how many went in, the id the first of them got (ids are given in
 * order, max(id) + 1 each), and the offsets of the facts of every statement that inserted fewer than it
 * had: among them are those whose identity the ledger already held (left as they were).
 */
export interface InsertOutcome {
  inserted: number;
  firstId: number | null;
  unsure: number[];
  /** Inserted through the chunk's numbered tuples (fact-dims.ts). */
  throughDims: boolean;
}

/**
 * Insert facts `which` (offsets into `rows`, ascending; null: all) of a chunk as new facts of this batch;
 * a fact whose identity is already stored is left out
 * (ON CONFLICT DO NOTHING: the stored row is untouched, for classification to compare). Each statement's
 * count of changes tells whether any of its facts was left out, so a chunk of only new facts (the common
 * case) is never looked up: the INSERT's own probe of the identity index is the only one.
 */
export function insertFactRows(db: WritableDb, batchId: number, format: string, rows: FactRows, which: readonly number[] | null, strict = false): InsertOutcome {
  const total = which ? which.length : rows.count;
  const width = rows.varAt.length;
  const head: SqlValue[] = [batchId, format];
  rows.constant.forEach((b, c) => b && head.push(rows.shared[c]!));
  const ids = rows.dims?.ids;
  if (rows.dims) syncDims(db, rows.dims);
  const out: InsertOutcome = { inserted: 0, firstId: null, unsure: [], throughDims: ids !== undefined };
  let done = 0;
  while (done < total) {
    const left = total - done;
    const n = left >= INSERT_ROWS ? INSERT_ROWS : TAIL_SIZES.find((t) => t <= left)!;
    let params: SqlValue[];
    if (which === null && !ids) {
      params = head.concat(rows.values.slice(done * width, (done + n) * width));
    } else {
      params = head.slice();
      for (let k = done; k < done + n; k++) {
        const i = which ? which[k]! : k;
        const o = i * width;
        for (let j = 0; j < width; j++) params.push(rows.values[o + j]!);
        if (ids) params.push(ids[i]!);
      }
    }
    // Spread, not one array: better-sqlite3 reads an array's values one napi_get_element at a time (~20 % of
    // such a statement's run in a measure of 100-row INSERTs), the arguments as they are.
    const r = rowsInsert(db, rows, n, strict).run(...params);
    if (r.changes > 0) {
      out.firstId ??= Number(r.lastInsertRowid) - r.changes + 1;
      out.inserted += r.changes;
    }
    if (r.changes < n) for (let k = done; k < done + n; k++) out.unsure.push(which ? which[k]! : k);
    done += n;
  }
  return out;
}

/** Whether a fact with this identity is stored (one probe of the identity index). */
export function isStored(db: ReadableDb, identity: string): boolean {
  return cached(db, 'stored', () => db.prepare('SELECT 1 FROM usage_facts WHERE identity = ?').pluck()).get(identity) !== undefined;
}

/**
 * Writers for one batch inside the import's transaction. New facts go in straight from a chunk's values;
 * claims are buffered and written with multi-row INSERTs of prepared statements (no per-row round trip):
 * call `flush()` before reading the ledger again (the next chunk's lookup) and at the end.
 */
export type FactWriter = ReturnType<typeof factWriter>;

export function factWriter(db: WritableDb, batchId: number, format: string) {
  const claimHead = 'INSERT OR IGNORE INTO fact_claims (fact_id, batch_id, source_line)';
  const keep = cached(db, 'keep', () =>
    db.prepare(`INSERT INTO fact_history (revised_by_batch_id, id, ${COLS}) SELECT ?, id, ${COLS} FROM usage_facts WHERE id = ?`),
  );
  const update = cached(db, 'update', () => db.prepare(`UPDATE usage_facts SET ${ASSIGN} WHERE id = ?`));
  const countsOf = cached(db, 'countsOf', () => db.prepare('SELECT counts_tokens FROM usage_facts WHERE id = ?').pluck());
  let claims: SqlValue[] = [];
  let claimCount = 0;

  function flushClaims(): void {
    let at = 0;
    while (claimCount - at / 3 >= CLAIM_ROWS) {
      multiRowInsert(db, claimHead, 3, CLAIM_ROWS).run(...claims.slice(at, at + CLAIM_ROWS * 3));
      at += CLAIM_ROWS * 3;
    }
    const rest = claimCount - at / 3;
    if (rest > 0) multiRowInsert(db, claimHead, 3, rest).run(...claims.slice(at));
    claims = [];
    claimCount = 0;
  }

  return {
    /**
     * Whether the batch's last chunk held stored facts (more than one in 8): its next chunk is looked up
     * before it is inserted (classify.ts), like one that begins with a stored fact.
     */
    expectStored: false,
    /** New facts inserted through numbered tuples (fact-dims.ts), for the bench. */
    dimFacts: 0,
    /**
     * Insert facts of a chunk (offsets `which`, or all) straight from their values, but those whose identity is
     * stored or a constraint refuses; `strict`: any of them fails the statement instead.
     */
    insertRows(chunkRows: FactRows, which: readonly number[] | null, strict = false): InsertOutcome {
      const out = insertFactRows(db, batchId, format, chunkRows, which, strict);
      if (out.throughDims) this.dimFacts += out.inserted;
      return out;
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
      update.run(...factValues(f, batchId, format, countsOf.get(id) as number), id);
    },
    /** A record repeated later in the same file replaces this batch's own row (no history: it is this batch's). */
    replaceOwn(id: number, f: NormalizedFact): void {
      update.run(...factValues(f, batchId, format, countsOf.get(id) as number), id);
    },
    flush(): void {
      if (claimCount > 0) flushClaims();
    },
  };
}
