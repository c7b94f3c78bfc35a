/**
 * Facts as rows of values: the form a chunk travels in between the parser worker and the inserting thread.
 * A chunk crosses as ONE flat array of primitives (ROW_WIDTH values per fact, in ledger/facts.ts's column
 * order), several times cheaper to clone and to insert than an array of objects; a NormalizedFact is
 * rebuilt only for the rows that need one (a sample row, a duplicate or a revision).
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
  const values: SqlValue[] = new Array<SqlValue>(count * width);
  for (let j = 0; j < width; j++) {
    const column = columns[varAt[j]!]!;
    for (let i = 0, k = j; i < count; i++, k += width) values[k] = column[i]!;
  }
  return { count, constant, shared, varAt, values };
}

/** Per row column offset, where fact i's value is: -1 when shared, else its place among the varying ones. */
export function rowOffsets(rows: FactRows): number[] {
  const pos = new Array<number>(ROW_WIDTH).fill(-1);
  rows.varAt.forEach((c, j) => (pos[c] = j));
  return pos;
}

/** Value of column offset `c` of fact `i`. */
export function valueAt(rows: FactRows, pos: readonly number[], i: number, c: number): SqlValue {
  const p = pos[c]!;
  return p < 0 ? rows.shared[c]! : rows.values[i * rows.varAt.length + p]!;
}

/** The NormalizedFact of fact `i` of a chunk. */
export function factAt(rows: FactRows, i: number): NormalizedFact {
  const pos = rowOffsets(rows);
  return factFromRow((c) => valueAt(rows, pos, i, c));
}
