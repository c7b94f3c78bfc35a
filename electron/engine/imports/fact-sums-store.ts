/**
 * An import's new facts summed in memory as it inserts them, so that adding them to the rollups
 *  (ledger/rollups-add.ts) reads a few summed rows instead of every new fact again.
 *
 * The rollups' legs (ledger/rollups.ts factLegs, the one definition of every measure) are sums of the fact's
 * measures (tokens, requests, money) under conditions on its other columns (its currencies, price status,
 * plan, provider, day, hour, team inputs...). Facts that agree on every one of those other columns, and on
 * which of their money columns are NULL, have legs that differ only in their measures: the legs of their
 * sum (the measures summed, `facts` the count, the earliest start and latest end) are the sums of their
 * legs. So factLegs over temp.fact_sums gives what it gives over the facts themselves.
 *
 * Which columns are summed, and which are dropped, is listed here; every other column of a fact's row
 * (ledger/facts.ts ROW_COLUMNS) groups, so a column added later groups too (never a wrong sum). A dropped
 * column is absent from temp.fact_sums: a leg formula that came to read it fails loudly instead of reading
 * a wrong value. `id` is 0 (no fact's): the only use of a fact's id in the legs is a bill line's
 * `b.id <> f.id`, and no summed fact is a bill line (FactAdder recomputes the days of new bill lines).
 */
import { all, preparedOnce, runPrepared, type WritableDb } from '../ledger/db';
import type { SummedFacts } from '../ledger/derived';
import { COL, ROW_COLUMNS, ROW_WIDTH, type RowColumn } from '../ledger/facts';
import { sql, type SqlValue } from '../ledger/sql';
import type { FactRows } from './fact-rows';

/** Summed as numbers (tokens, requests). */
const COUNTS = ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning', 'requests'] as const satisfies readonly RowColumn[];
/** Summed as bigint nano; whether each is NULL groups. */
const MONEY = ['billed_nano', 'estimated_nano', 'recorded_nano'] as const satisfies readonly RowColumn[];
/** Not read by any leg: not kept (start_ms and end_ms are kept as the group's earliest and latest). */
const DROPPED = ['source_line', 'identity', 'tags', 'other_units', 'session', 'start_ms', 'end_ms'] as const satisfies readonly RowColumn[];

const SUMMED: ReadonlySet<string> = new Set<string>([...COUNTS, ...MONEY, ...DROPPED]);
/** The columns of a fact's row that group its sums, in ROW_COLUMNS order. */
export const SUM_GROUP: readonly RowColumn[] = ROW_COLUMNS.filter((c) => !SUMMED.has(c));
const GROUP_AT = SUM_GROUP.map((c) => COL[c]);
const COUNT_AT = COUNTS.map((c) => COL[c]);
const MONEY_AT = MONEY.map((c) => COL[c]);
const [START, END, GRANULARITY] = [COL.start_ms, COL.end_ms, COL.granularity];

/** temp.fact_sums' columns, in the order a summed row's values are written. */
const COLUMNS = ['id', 'batch_id', ...SUM_GROUP, 'facts', ...COUNTS, ...MONEY, 'start_ms', 'end_ms'];

interface Sum {
  batchId: number;
  group: SqlValue[];
  facts: number;
  counts: number[];
  money: (bigint | null)[];
  start: number;
  end: number;
}

/** One nested Map level per key part: exact for any value (no string built per fact, no separator to collide). */
type Trie = Map<unknown, Trie | Sum>;

/**
 * The new facts of one import run not yet added to the rollups, summed per group. `facts` counts them:
 * FactAdder uses the sums only when they hold exactly the facts it is adding.
 */
export class FactSums implements SummedFacts {
  private root: Trie = new Map();
  private sums: Sum[] = [];
  facts = 0;

  /** Add facts `at` (offsets into `rows`, ascending; null: every fact) of a chunk inserted into batch `batchId`. */
  add(rows: FactRows, at: readonly number[] | null, batchId: number): void {
    const n = at === null ? rows.count : at.length;
    if (n === 0) return;
    const width = rows.varAt.length;
    const pos = new Array<number>(ROW_WIDTH).fill(-1);
    rows.varAt.forEach((c, j) => (pos[c] = j));
    // The chunk's constant key parts are walked once; each fact walks only its varying ones.
    let node: Trie = this.root;
    const varying: number[] = [];
    node = step(node, batchId);
    for (const c of GROUP_AT) {
      if (pos[c]! < 0) node = step(node, rows.shared[c]);
      else varying.push(pos[c]!);
    }
    const moneyPos = MONEY_AT.map((c) => pos[c]!);
    const countPos = COUNT_AT.map((c) => pos[c]!);
    const [startPos, endPos, granPos] = [pos[START]!, pos[END]!, pos[GRANULARITY]!];
    const v = rows.values;
    for (let k = 0; k < n; k++) {
      const o = (at === null ? k : at[k]!) * width;
      let t = node;
      for (let j = 0; j < varying.length; j++) t = step(t, v[o + varying[j]!]);
      const start = Number(startPos < 0 ? rows.shared[START] : v[o + startPos]);
      const end = Number(endPos < 0 ? rows.shared[END] : v[o + endPos]);
      const granularity = granPos < 0 ? rows.shared[GRANULARITY] : v[o + granPos];
      // The legs' hour (rollups.ts HOUR_EXPR: start_ms / 3600000 in SQL's integer division) of a timed fact.
      t = step(t, granularity === 'request' || granularity === 'hour' ? Math.trunc(start / 3_600_000) : null);
      let leafKey = 0;
      for (let m = 0; m < MONEY_AT.length; m++) if ((moneyPos[m]! < 0 ? rows.shared[MONEY_AT[m]!] : v[o + moneyPos[m]!]) === null) leafKey |= 1 << m;
      let sum = t.get(leafKey) as Sum | undefined;
      if (!sum) {
        const first = at === null ? k : at[k]!;
        const group = GROUP_AT.map((c) => (pos[c]! < 0 ? rows.shared[c]! : v[first * width + pos[c]!]!));
        sum = { batchId, group, facts: 0, counts: COUNTS.map(() => 0), money: MONEY.map((_c, m) => (leafKey & (1 << m) ? null : 0n)), start, end };
        t.set(leafKey, sum);
        this.sums.push(sum);
      }
      sum.facts++;
      for (let m = 0; m < COUNT_AT.length; m++) sum.counts[m]! += Number(countPos[m]! < 0 ? rows.shared[COUNT_AT[m]!] : v[o + countPos[m]!]);
      for (let m = 0; m < MONEY_AT.length; m++) {
        const x = moneyPos[m]! < 0 ? rows.shared[MONEY_AT[m]!] : v[o + moneyPos[m]!];
        if (x !== null) sum.money[m] = sum.money[m]! + BigInt(x as bigint | number);
      }
      if (start < sum.start) sum.start = start;
      if (end > sum.end) sum.end = end;
    }
    this.facts += n;
  }

  /** Forget every sum (added to the rollups, or not usable). */
  clear(): void {
    this.root = new Map();
    this.sums = [];
    this.facts = 0;
  }

  /**
   * Write the sums into temp.fact_sums (emptied first; created with usage_facts' column types, so values
   * keep the same storage classes) and forget them. False, writing nothing, when a count summed past
   * what a double holds exactly (the caller reads the facts instead).
   */
  write(db: WritableDb): boolean {
    const sums = this.sums;
    this.clear();
    if (!sums.every((s) => s.counts.every(Number.isSafeInteger))) return false;
    runPrepared(db, sql.raw(tableDdl(db)));
    runPrepared(db, sql.raw('DELETE FROM temp.fact_sums'));
    for (let i = 0; i < sums.length; ) {
      const left = sums.length - i;
      // Full statements of ROWS_PER_INSERT rows, the rest in powers of two: a handful of statements kept per connection.
      const n = left >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 2 ** Math.floor(Math.log2(left));
      const values: SqlValue[] = [];
      for (const s of sums.slice(i, i + n)) values.push(0, s.batchId, ...s.group, s.facts, ...s.counts, ...s.money, s.start, s.end);
      preparedOnce(db, insertText(n)).run(...values);
      i += n;
    }
    return true;
  }
}

/** Summed rows per INSERT (30 columns each, far below SQLite's limit of bound values). */
const ROWS_PER_INSERT = 100;

function step(node: Trie, key: unknown): Trie {
  let next = node.get(key) as Trie | undefined;
  if (!next) {
    next = new Map();
    node.set(key, next);
  }
  return next;
}

const TUPLE = `(${COLUMNS.map(() => '?').join(', ')})`;
const insertText = (n: number) => `INSERT INTO temp.fact_sums (${COLUMNS.join(', ')}) VALUES ${new Array<string>(n).fill(TUPLE).join(', ')}`;

let ddl: string | null = null;

/** temp.fact_sums' CREATE (IF NOT EXISTS: a rolled back import drops its temp table too), with usage_facts' column types. */
function tableDdl(db: WritableDb): string {
  if (ddl) return ddl;
  const types = new Map(all<{ name: string; type: string }>(db, sql`SELECT name, type FROM pragma_table_info('usage_facts')`).map((r) => [r.name, r.type]));
  const defs = COLUMNS.map((c) => `${c} ${c === 'facts' ? 'INTEGER' : types.get(c)!}`);
  return (ddl = `CREATE TEMP TABLE IF NOT EXISTS fact_sums (${defs.join(', ')})`);
}
