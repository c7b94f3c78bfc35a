/**
 * Facts as rows of values: the form a chunk travels in between the parser worker and the inserting thread.
 * A chunk crosses as ONE flat array of primitives (ROW_WIDTH values per fact, in ledger/facts.ts's column
 * order), several times cheaper to clone and to insert than an array of objects; a NormalizedFact is
 * rebuilt only for the rows that need one (a sample row, a duplicate or a revision). Every value is read
 * through valueAt: one is shared by the chunk, the fact's own, or its tuple's (fact-dims.ts).
 */
import type { NormalizedFact } from '../../../shared/domain/fact';
import { COL, factFromRow, ROW_WIDTH } from '../ledger/facts';
import type { SqlValue } from '../ledger/sql';

/**
 * A chunk's facts. Columns whose value is the same for every fact of the chunk (batch constants, nulls,
 * the currency...) are kept once in `shared`; the others, `varAt`, fact after fact in `values`.
 */
export interface FactRows {
  count: number;
  /** Per row column offset: true when every fact of the chunk has the value `shared[offset]`. */
  constant: boolean[];
  shared: SqlValue[];
  /** Row column offsets of the varying columns, in the order of each fact's values. */
  varAt: number[];
  /** varAt.length values per fact. */
  values: SqlValue[];
  /** Its varying text as numbered tuples (fact-dims.ts), when the parser worker coded them: those columns are not in varAt. */
  dims?: FactDims;
}

/** One tuple: the row column offsets it stands for (ascending), and their values. */
export interface DimTuple {
  cols: readonly number[];
  values: readonly SqlValue[];
}

/** A chunk's coded columns (fact-dims.ts): which, each fact's tuple, and the tuples first seen in it. */
export interface FactDims {
  /** The coder's (one per import run): numbers of another coder mean nothing to this run's tuples. */
  epoch: string;
  /** The row column offsets coded (ascending); no longer in the chunk's varAt and values. */
  cols: number[];
  /** Per fact, the number of its tuple (from 1). */
  ids: Int32Array;
  /** The number of `added[0]`; the others follow. */
  first: number;
  /** Tuples first seen in this chunk. */
  added: DimTuple[];
  /** Every tuple of the run so far, by number - 1: set by the inserting thread's DimRegistry (never cloned). */
  tuples?: readonly DimTuple[];
}

/**
 * FactRows from `count` facts of ROW_WIDTH values each (ledger/facts.ts pushRowValues). Identity is never shared, so a
 * one-fact chunk still has a varying column.
 */
export function factRows(all: readonly SqlValue[], count: number): FactRows {
  const columns: SqlValue[][] = [];
  for (let c = 0; c < ROW_WIDTH; c++) {
    const column = new Array<SqlValue>(count);
    for (let i = 0; i < count; i++) column[i] = all[i * ROW_WIDTH + c]!;
    columns.push(column);
  }
  return factRowsOfColumns(columns, count);
}

/** FactRows from a chunk's columns: `columns[c]` holds column offset c's `count` values (ledger/facts.ts writeColumnValues). */
export function factRowsOfColumns(columns: ReadonlyArray<readonly SqlValue[]>, count: number): FactRows {
  const constant: boolean[] = [];
  const shared: SqlValue[] = [];
  const varAt: number[] = [];
  for (let c = 0; c < ROW_WIDTH; c++) {
    const column = columns[c]!;
    const v = count > 0 ? column[0]! : null;
    let same = c !== COL.identity && count > 0;
    for (let i = 1; same && i < count; i++) if (column[i] !== v) same = false;
    constant.push(same);
    shared.push(same ? v : null);
    if (!same) varAt.push(c);
  }
  const width = varAt.length;
  // Pushed, fact after fact: a packed array. One made `new Array(n)` stays holey however it is filled, and a
  // holey array crosses to the inserting thread as a sparse one (index and value per element): 3-4 times the
  // cloning work on both sides (5,000 values, v8.serialize + deserialize: 0.9 vs 0.26 ms).
  const values: SqlValue[] = [];
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) values.push(columns[varAt[j]!]![i]!);
  return { count, constant, shared, varAt, values };
}

/**
 * Per row column offset, where fact i's value is: -1 when shared, -2 - k when it is the k-th value of its
 * tuple (fact-dims.ts), else its place among the varying ones.
 */
export function rowOffsets(rows: FactRows): number[] {
  const pos = new Array<number>(ROW_WIDTH).fill(-1);
  rows.varAt.forEach((c, j) => (pos[c] = j));
  rows.dims?.cols.forEach((c, k) => (pos[c] = -2 - k));
  return pos;
}

/** Value of column offset `c` of fact `i`. */
export function valueAt(rows: FactRows, pos: readonly number[], i: number, c: number): SqlValue {
  const p = pos[c]!;
  if (p >= 0) return rows.values[i * rows.varAt.length + p]!;
  if (p === -1) return rows.shared[c]!;
  const d = rows.dims!;
  return d.tuples![d.ids[i]! - 1]!.values[-2 - p]!;
}

/** The NormalizedFact of fact `i` of a chunk. */
export function factAt(rows: FactRows, i: number): NormalizedFact {
  const pos = rowOffsets(rows);
  return factFromRow((c) => valueAt(rows, pos, i, c));
}

/** The chunk without the facts at `drop` (columns shared by all facts stay shared by the rest). */
export function withoutRows(rows: FactRows, drop: ReadonlySet<number>): FactRows {
  const w = rows.varAt.length;
  const values: SqlValue[] = [];
  for (let i = 0; i < rows.count; i++) if (!drop.has(i)) for (let j = 0; j < w; j++) values.push(rows.values[i * w + j]!);
  const out: FactRows = { ...rows, count: rows.count - drop.size, values };
  if (rows.dims) out.dims = { ...rows.dims, ids: rows.dims.ids.filter((_, i) => !drop.has(i)) };
  return out;
}
