/**
 * An import's new facts summed in memory as it inserts them, so that adding them to the rollups
 * (ledger/rollups-add.ts addSumsToRollups) reads a few summed rows instead of every new fact again.
 *
 * The rollups' legs (ledger/rollups.ts factLegs, the one definition of every measure) are sums of the fact's
 * measures (tokens, requests, money) under conditions on its other columns (its currencies, price status,
 * plan, provider, day, hour, team inputs...). Facts that agree on every one of those other columns, and on
 * which of their money columns are NULL, have legs that differ only in their measures: the legs of their
 * sum (the measures summed, `facts` the count, the earliest start and latest end) are the sums of their
 * legs. So factLegs over a table of sums gives what it gives over the facts themselves.
 *
 * The facts are summed twice, each time per what one set of derived tables reads, so that neither set
 * pays for the other's detail (a gateway's export has a fact per key, app and minute: summed per hour AND
 * per key, it hardly sums at all):
 * - per day (the view temp.fact_sums): every column a leg or a tip cell reads but the hour. The daily rollups,
 *   the ledger's days and the tip cells read it; a tip cell's tokens per UTC hour of the day (tip-cells.ts
 *   TIP_HOUR_COLUMNS) are summed in it as 24 more measures, the cell's tokens as TIP_TOKEN_COLUMNS lists them.
 * - per hour (the view temp.fact_hour_sums): only the columns the hourly rollups' legs read, and the hour.
 * Each view shows a summed row's numbers and day with its group's other columns (sum-tables-store.ts).
 *
 * Which columns are summed, and which are dropped, is listed here; every other column of a fact's row
 * (ledger/facts.ts ROW_COLUMNS) groups, so a column added later groups too (never a wrong sum). A dropped
 * column is absent from its table: a leg formula that came to read it fails loudly instead of reading
 * a wrong value. `id` is 0 (no fact's): the only use of a fact's id in the legs is a bill line's
 * `b.id <> f.id`, and no summed fact is a bill line (FactAdder recomputes the days of new bill lines).
 */
import type { WritableDb } from '../ledger/db';
import type { SummedFacts } from '../ledger/derived';
import { COL, ROW_COLUMNS, ROW_WIDTH, type RowColumn } from '../ledger/facts';
import { DAY_SUMS_TABLE, HOUR_SUMS_TABLE } from '../ledger/rollups';
import type { SqlValue } from '../ledger/sql';
import { TIP_HOUR_COLUMNS, TIP_TOKEN_COLUMNS } from '../ledger/tip-cells';
import { INSTANT_GRAINS } from '../../../shared/domain/time';
import { rowOffsets, type DimTuple, type FactRows } from './fact-rows';
import { clearGroups, sumTables, writeRows } from './sum-tables-store';
import { Codes, grown, TupleIds } from './typed-hash';

/** Summed as numbers (tokens, requests). */
const COUNTS = ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning', 'requests'] as const satisfies readonly RowColumn[];
/** Summed as exact integers (nano); whether each is NULL groups. */
const MONEY = ['billed_nano', 'estimated_nano', 'recorded_nano'] as const satisfies readonly RowColumn[];
/** Not read by any leg: not kept (start_ms and end_ms are kept as the group's earliest and latest). */
const DROPPED = ['source_line', 'identity', 'tags', 'other_units', 'session', 'start_ms', 'end_ms'] as const satisfies readonly RowColumn[];
/**
 * Not read by the hourly rollups' legs (factLegs over HOURLY_DIMENSIONS: neither a dimension of theirs nor
 * tested by a measure), so not kept per hour; nor is the batch (the team's inputs).
 */
const NOT_HOURLY = ['api_key', 'member', 'host', 'inference_geo', 'service_tier', 'context_tier'] as const satisfies readonly RowColumn[];

const SUMMED: ReadonlySet<string> = new Set<string>([...COUNTS, ...MONEY, ...DROPPED]);
/** The columns of a fact's row that group its sums per day, in ROW_COLUMNS order. */
export const SUM_GROUP: readonly RowColumn[] = ROW_COLUMNS.filter((c) => !SUMMED.has(c));
/** The columns that group its sums per hour. */
export const HOUR_SUM_GROUP: readonly RowColumn[] = SUM_GROUP.filter((c) => !(NOT_HOURLY as readonly string[]).includes(c));
const GROUP_AT = SUM_GROUP.map((c) => COL[c]);
const COUNT_AT = COUNTS.map((c) => COL[c]);
const MONEY_AT = MONEY.map((c) => COL[c]);
const TOKEN_AT = TIP_TOKEN_COLUMNS.map((c) => COL[c]);
const [START, END, GRANULARITY] = [COL.start_ms, COL.end_ms, COL.granularity];
const INSTANT: ReadonlySet<unknown> = new Set(INSTANT_GRAINS);
const HOURS = TIP_HOUR_COLUMNS.length;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The hour of a fact's start, as SQL's integer division gives it (rollups.ts HOUR_EXPR, tip-cells.ts). */
const epochHour = (start: number) => Math.trunc(start / 3_600_000);

/** Key parts beyond a row's columns (ROW_WIDTH of them): the hour, the batch. */
const [HOUR_PART, BATCH_PART] = [ROW_WIDTH, ROW_WIDTH + 1];

/** Per summed row, its numbers: facts, counts, money (NaN: NULL), start, end, and per day the 24 hours' tokens. */
const [FACTS_AT, COUNTS_AT, MONEY_OF, START_AT, END_AT, HOURS_AT] = [0, 1, 1 + COUNTS.length, 1 + COUNTS.length + MONEY.length, 2 + COUNTS.length + MONEY.length, 3 + COUNTS.length + MONEY.length];

/**
 * Facts summed per `group` (and per day or per hour): one of the two tables. A hash table over typed arrays:
 * a row's key is its group's codes (the batch's, the hour's, and which money columns are NULL), its numbers
 * a slice of one Float64Array, both reused from flush to flush, so that summing allocates nothing per row
 * (rows that live until a flush would all be promoted out of V8's young generation, then be garbage).
 * Counts and money are summed as doubles, exact while they are safe integers: a money sum that would pass
 * that goes on as a BigInt (`big`); a count that passes it makes the sums unusable (exact()).
 */
class Summer {
  private readonly groupAt: number[];
  private readonly keyWidth: number;
  private readonly width: number;
  private readonly key: Int32Array;
  /** The summed rows' numbers by their keys (a row's number is its key's). */
  private readonly ids: TupleIds;
  private nums: Float64Array;
  /** Money sums past a double's safe integers, by row * MONEY.length + money column. */
  private big = new Map<number, bigint>();
  /** Offsets (into groupAt) of the group's columns but the day: a summed row's group (`gid`) is those. */
  private readonly gidParts: number[];
  /** The groups written to the groups table so far in this run, by their codes. */
  private readonly groups: TupleIds;
  private readonly gidKey: Int32Array;

  constructor(
    readonly table: string,
    readonly group: readonly RowColumn[],
    private readonly perHour: boolean,
  ) {
    this.groupAt = group.map((c) => COL[c]);
    this.keyWidth = this.groupAt.length + 2; // + the batch or the hour, + the NULLs
    this.width = HOURS_AT + (perHour ? 0 : HOURS);
    this.key = new Int32Array(this.keyWidth);
    this.ids = new TupleIds(this.keyWidth);
    this.nums = new Float64Array(this.width * 32);
    this.gidParts = group.flatMap((c, j) => (c === 'day' ? [] : [j]));
    this.groups = new TupleIds(this.gidParts.length);
    this.gidKey = new Int32Array(this.gidParts.length);
  }

  /** The columns the view `table` shows (the leg formulas read them), as the temp table of the sums had them. */
  get columns(): string[] {
    return ['id', ...(this.perHour ? [] : ['batch_id']), ...this.group, 'facts', ...COUNTS, ...MONEY, 'start_ms', 'end_ms', ...(this.perHour ? [] : TIP_HOUR_COLUMNS)];
  }

  /** A summed row's own columns: its group's number and its day instead of the group's columns. */
  private get rowColumns(): string[] {
    return ['id', ...(this.perHour ? [] : ['batch_id']), 'gid', 'day', 'facts', ...COUNTS, ...MONEY, 'start_ms', 'end_ms', ...(this.perHour ? [] : TIP_HOUR_COLUMNS)];
  }

  /** Summed rows held. */
  get rows(): number {
    return this.ids.size;
  }

  /** Sum one fact; `ids`: the codes of its row's columns by column offset. */
  add(fact: Fact, ids: Int32Array, codes: Codes): void {
    const [key, groupAt] = [this.key, this.groupAt];
    let k = 0;
    for (; k < groupAt.length; k++) key[k] = ids[groupAt[k]!]!;
    // Per hour, the legs' hour (rollups.ts HOUR_EXPR) of a timed fact (NULL for a day's or a month's); per day, the batch.
    key[k++] = this.perHour ? codes.code(HOUR_PART, fact.timed ? epochHour(fact.start) : null) : fact.batchCode;
    key[k] = fact.leafKey;
    const held = this.ids.size;
    const row = this.ids.id(key);
    const w = this.width;
    if (row === held) this.newRow(row, fact);
    const nums = this.nums;
    const o = row * w;
    nums[o + FACTS_AT]!++;
    for (let m = 0; m < COUNT_AT.length; m++) nums[o + COUNTS_AT + m]! += Number(fact.get(COUNT_AT[m]!));
    for (let m = 0; m < MONEY_AT.length; m++) {
      const x = fact.get(MONEY_AT[m]!);
      if (x === null) continue;
      const at = o + MONEY_OF + m;
      const n = typeof x === 'number' ? x : (x as bigint) <= SAFE && (x as bigint) >= -SAFE ? Number(x) : NaN;
      const sum = nums[at]! + n;
      if (Number.isSafeInteger(sum) && !this.big.has(row * MONEY.length + m)) nums[at] = sum;
      else this.addBig(row * MONEY.length + m, nums[at]!, x as bigint | number);
    }
    if (fact.start < nums[o + START_AT]!) nums[o + START_AT] = fact.start;
    if (fact.end > nums[o + END_AT]!) nums[o + END_AT] = fact.end;
    if (!this.perHour) {
      // Its UTC hour of the day as SQL's `(start_ms / 3600000) % 24` gives it (negative before 1970: in no hour column there either).
      const hour = epochHour(fact.start) % 24;
      if (hour >= 0) nums[o + HOURS_AT + hour]! += fact.tokens();
    }
  }

  /** Row `row`'s numbers, for the fact that begins it. */
  private newRow(row: number, fact: Fact): void {
    const w = this.width;
    while ((row + 1) * w > this.nums.length) this.nums = grown(this.nums);
    const o = row * w;
    const nums = this.nums;
    nums.fill(0, o, o + w);
    for (let m = 0; m < MONEY_AT.length; m++) if (fact.leafKey & (1 << m)) nums[o + MONEY_OF + m] = NaN;
    nums[o + START_AT] = fact.start;
    nums[o + END_AT] = fact.end;
  }

  /** A money sum that a double no longer holds exactly: kept as a BigInt from now on. */
  private addBig(at: number, kept: number, x: bigint | number): void {
    const base = this.big.get(at) ?? BigInt(kept);
    this.big.set(at, base + BigInt(x));
  }

  clear(): void {
    this.ids.clear();
    this.big = new Map();
  }

  /** Whether every count (and every hour's tokens) still holds exactly: a double's integers. */
  exact(): boolean {
    const w = this.width;
    for (let r = 0; r < this.rows; r++) {
      for (let i = 0; i < w; i++) {
        if (i >= MONEY_OF && i < START_AT) continue;
        if (!Number.isSafeInteger(this.nums[r * w + i]!)) return false;
      }
    }
    return true;
  }

  /** Row `r`'s values after its batch when that varies (per day): its group's number, its day, its numbers. */
  private pushRow(values: SqlValue[], r: number, codes: Codes, batchSame: boolean, gid: number, dayAt: number): void {
    const [w, nums, ids, groupAt] = [this.width, this.nums, this.ids, this.groupAt];
    const o = r * w;
    if (!this.perHour && !batchSame) values.push(codes.values[BATCH_PART]![ids.codeAt(r, groupAt.length)]! as number);
    values.push(gid, codes.values[COL.day]![ids.codeAt(r, dayAt)]! as SqlValue);
    values.push(nums[o + FACTS_AT]!);
    for (let m = 0; m < COUNTS.length; m++) values.push(nums[o + COUNTS_AT + m]!);
    for (let m = 0; m < MONEY.length; m++) {
      const v = nums[o + MONEY_OF + m]!;
      values.push(this.big.get(r * MONEY.length + m) ?? (Number.isNaN(v) ? null : v));
    }
    values.push(nums[o + START_AT]!, nums[o + END_AT]!);
    for (let h = 0; h < w - HOURS_AT; h++) values.push(nums[o + HOURS_AT + h]!);
  }

  /** The tables and the view, made when missing (a rolled back import drops them); the groups kept when they are this run's. */
  private prepare(db: WritableDb): void {
    const shown = this.columns.map((c) => `${c === 'id' || c === 'batch_id' || c === 'day' || !this.group.includes(c as RowColumn) ? 'r' : 'g'}.${c} AS ${c}`);
    const held = sumTables(db, { view: this.table, rows: `${this.table}_rows`, groups: `${this.table}_groups`, rowColumns: this.rowColumns, groupColumns: this.gidParts.map((j) => this.group[j]!), shown });
    if (held !== this.groups.size) {
      // Another run's groups, or this run's rolled back: numbered again from the start.
      clearGroups(db, `${this.table}_groups`);
      this.groups.clear();
    }
  }

  /**
   * Write the rows into the temp tables: each row's own numbers with its group's number, and the groups first
   * seen, each once in the run (the text of a row's columns bound once per group, not per row: binding a text
   * value was most of writing a row). The batch, the same in every row of an import, is bound once per statement.
   */
  write(db: WritableDb, codes: Codes): void {
    this.prepare(db);
    const [rows, ids, groupAt, parts, key] = [this.rows, this.ids, this.groupAt, this.gidParts, this.gidKey];
    const dayAt = this.group.indexOf('day');
    const batchSame = this.perHour || (() => {
      for (let r = 1; r < rows; r++) if (ids.codeAt(r, groupAt.length) !== ids.codeAt(0, groupAt.length)) return false;
      return true;
    })();
    const gids = new Int32Array(rows);
    const fresh: number[] = [];
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < parts.length; j++) key[j] = ids.codeAt(r, parts[j]!);
      const known = this.groups.size;
      gids[r] = this.groups.id(key) + 1;
      if (this.groups.size > known) fresh.push(r);
    }
    const groupCols = parts.map((j) => this.group[j]!);
    writeRows(db, `${this.table}_groups (gid, ${groupCols.join(', ')})`, groupCols.length + 1, [], fresh.length, (values, k) => {
      const r = fresh[k]!;
      values.push(gids[r]!);
      for (const j of parts) values.push(codes.values[groupAt[j]!]![ids.codeAt(r, j)] as SqlValue);
    });
    const cols = this.rowColumns.filter((c) => !(c === 'batch_id' && batchSame));
    const head: SqlValue[] = batchSame && !this.perHour ? [codes.values[BATCH_PART]![ids.codeAt(0, groupAt.length)] as number] : [];
    const fixed = head.length > 0 ? ['batch_id'] : [];
    writeRows(db, `${this.table}_rows (${[...fixed, ...cols].join(', ')})`, cols.length, head, rows, (values, r) => {
      values.push(0);
      this.pushRow(values, r, codes, batchSame, gids[r]!, dayAt);
    });
  }
}

/** The fact being summed: a row of a chunk's values, read where each column is (shared or the fact's own). */
class Fact {
  rows!: FactRows;
  pos!: readonly number[];
  batchId = 0;
  batchCode = 0;
  o = 0;
  tuple: DimTuple | null = null;
  start = 0;
  end = 0;
  timed = false;
  leafKey = 0;

  /** Fact `i` of the chunk. */
  at(i: number): void {
    const d = this.rows.dims;
    this.o = i * this.rows.varAt.length;
    this.tuple = d ? d.tuples![d.ids[i]! - 1]! : null;
    this.start = Number(this.get(START));
    this.end = Number(this.get(END));
    this.timed = INSTANT.has(this.get(GRANULARITY));
    let leafKey = 0;
    for (let m = 0; m < MONEY_AT.length; m++) if (this.get(MONEY_AT[m]!) === null) leafKey |= 1 << m;
    this.leafKey = leafKey;
  }

  get(c: number): SqlValue {
    const p = this.pos[c]!;
    if (p >= 0) return this.rows.values[this.o + p]!;
    return p === -1 ? this.rows.shared[c]! : this.tuple!.values[-2 - p]!;
  }

  /** Its tokens as a tip cell's hour column sums them (tip-cells.ts TIP_TOKEN_COLUMNS). */
  tokens(): number {
    let t = 0;
    for (let m = 0; m < TOKEN_AT.length; m++) t += Number(this.get(TOKEN_AT[m]!));
    return t;
  }
}

/**
 * The new facts of one import run not yet added to the rollups, summed per day and per hour. `facts` counts them:
 * FactAdder uses the sums only when they hold exactly the facts it is adding.
 */
export class FactSums implements SummedFacts {
  private readonly day = new Summer(DAY_SUMS_TABLE, SUM_GROUP, false);
  private readonly hour = new Summer(HOUR_SUMS_TABLE, HOUR_SUM_GROUP, true);
  private readonly codes = new Codes(BATCH_PART + 1);
  private readonly ids = new Int32Array(ROW_WIDTH);
  private readonly fact = new Fact();
  /** The codes of a tuple's grouping columns, in the order a chunk of its columns lists them. */
  private readonly tupleCodes = new WeakMap<DimTuple, number[]>();
  facts = 0;

  /** Add facts `at` (offsets into `rows`, ascending; null: every fact) of a chunk inserted into batch `batchId`. */
  add(rows: FactRows, at: readonly number[] | null, batchId: number): void {
    const n = at === null ? rows.count : at.length;
    if (n === 0) return;
    const pos = rowOffsets(rows);
    const [codes, ids, fact] = [this.codes, this.ids, this.fact];
    // The chunk's constant columns are coded once; each fact codes its varying ones (the day's group holds the
    // hour's), those of its tuple (fact-dims.ts) once per tuple.
    const [vary, coded]: [number[], number[]] = [[], []];
    for (const c of GROUP_AT) {
      if (pos[c] === -1) ids[c] = codes.code(c, rows.shared[c]);
      else (pos[c]! >= 0 ? vary : coded).push(c);
    }
    Object.assign(fact, { rows, pos, batchId, batchCode: codes.code(BATCH_PART, batchId) });
    for (let k = 0; k < n; k++) {
      fact.at(at === null ? k : at[k]!);
      for (let j = 0; j < vary.length; j++) ids[vary[j]!] = codes.code(vary[j]!, fact.get(vary[j]!));
      if (coded.length > 0) {
        let tc = this.tupleCodes.get(fact.tuple!);
        if (!tc) this.tupleCodes.set(fact.tuple!, (tc = coded.map((c) => codes.code(c, fact.get(c)))));
        for (let j = 0; j < coded.length; j++) ids[coded[j]!] = tc[j]!;
      }
      this.day.add(fact, ids, codes);
      this.hour.add(fact, ids, codes);
    }
    this.facts += n;
  }

  /** Summed rows held (per day and per hour). */
  get rows(): number {
    return this.day.rows + this.hour.rows;
  }

  /** Forget every sum (added to the rollups, or not usable). */
  clear(): void {
    this.day.clear();
    this.hour.clear();
    this.facts = 0;
  }

  /**
   * Write the sums into their temp tables (emptied first; created with usage_facts' column types, so values
   * keep the same storage classes) and forget them. False, writing nothing, when a count summed past
   * what a double holds exactly (the caller reads the facts instead).
   */
  write(db: WritableDb): boolean {
    const exact = this.day.exact() && this.hour.exact();
    if (exact) {
      this.day.write(db, this.codes);
      this.hour.write(db, this.codes);
    }
    this.clear();
    return exact;
  }
}
