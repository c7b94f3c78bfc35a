/**
 * The repeated text of an import's facts, numbered once. A gateway's export varies a dozen text columns from
 * fact to fact (model, vendor, host, key, app...) over a few hundred combinations. The parser worker gives
 * each distinct combination of a chunk's varying text columns (a "tuple") a number, and the chunk carries
 * its facts' numbers instead of that text, and the tuples it saw first. The inserting thread keeps every
 * tuple of the run (DimRegistry, as the chunks arrive, read or passed over), reads a fact's text through
 * it (fact-rows.ts valueAt), and the INSERT reads it from a temp table holding the same tuples
 * (fact-store.ts). Measured on a 1M-call export: the text was 2/3 of a chunk's bytes between the threads
 * (cloned there, then read back), and binding it ~3 of the INSERT's 9.7 µs a fact through better-sqlite3.
 */
import { COL, type RowColumn } from '../ledger/facts';
import type { SqlValue } from '../ledger/sql';
import type { DimTuple, FactRows } from './fact-rows';

/** The text columns coded into tuples when they vary within a chunk (not the identity, the day, other_units). */
export const DIM_COLUMNS = [
  'granularity',
  'provider',
  'account',
  'project',
  'api_key',
  'member',
  'tags',
  'model_raw',
  'model',
  'model_family',
  'vendor',
  'origin_region',
  'host',
  'inference_geo',
  'service_tier',
  'context_tier',
  'line_type',
  'billed_currency',
  'estimated_currency',
  'price_status',
  'recorded_currency',
  'billed_by',
  'plan',
  'session',
] as const satisfies readonly RowColumn[];

const IS_DIM: ReadonlySet<number> = new Set(DIM_COLUMNS.map((c) => COL[c]));

/** Fewer varying text columns than this: not worth a tuple. */
const MIN_COLUMNS = 3;
/** Tuples past which the coder checks they repeat: more than one per TUPLES_PER_FACTS facts, it stops coding. */
const CHECK_AFTER = 4096;
const TUPLES_PER_FACTS = 8;
/**
 * Never more tuples than this in one run: both threads keep every tuple until the run ends (~0.4 KB each
 * with its text, so ~20 MB at most; a gateway export of 1M calls has a few hundred).
 */
const MAX_TUPLES = 50_000;

/** No key yet (a node's first child is kept beside its Map). */
const NONE = Symbol('none');

/**
 * A node of the tuples' trie: its first child kept in two fields, the others in a Map. Most columns of a
 * tuple follow from the one before (a model's family, vendor, region: the same strings every time), so a
 * node usually has one child, found by comparing the value instead of hashing it.
 */
class TrieNode {
  private key: SqlValue | typeof NONE = NONE;
  private child: unknown;
  private more: Map<SqlValue, unknown> | null = null;

  get(x: SqlValue): unknown {
    if (this.key === x) return this.child;
    return this.more?.get(x);
  }

  set(x: SqlValue, v: unknown): void {
    if (this.key === NONE) [this.key, this.child] = [x, v];
    else (this.more ??= new Map()).set(x, v);
  }
}

/**
 * Numbers the tuples of one import run's chunks (a trie per set of columns: values compared exactly (the
 * coded columns are text), NULL apart from any text) and takes the coded columns out of each chunk's values. Stops for the rest of
 * the run when the tuples hardly repeat (a column carrying a value per fact): the chunks then stay whole.
 */
export class DimCoder {
  private next = 1;
  private facts = 0;
  private off = false;
  private readonly roots = new Map<string, TrieNode>();

  /** `maxTuples`: MAX_TUPLES but in tests. */
  constructor(
    readonly epoch: string,
    private readonly maxTuples = MAX_TUPLES,
  ) {}

  /** Codes a chunk's varying text (sets `rows.dims`, narrows `varAt` and `values`), or leaves it whole. */
  code(rows: FactRows): void {
    if (this.off || rows.count === 0) return;
    const at: number[] = [];
    const keep: number[] = [];
    rows.varAt.forEach((c, j) => (IS_DIM.has(c) ? at : keep).push(j));
    if (at.length < MIN_COLUMNS) return;
    const cols = at.map((j) => rows.varAt[j]!);
    const sig = cols.join(',');
    let root = this.roots.get(sig);
    if (!root) this.roots.set(sig, (root = new TrieNode()));
    const [w, v, last] = [rows.varAt.length, rows.values, at.length - 1];
    const ids = new Int32Array(rows.count);
    const first = this.next;
    const added: DimTuple[] = [];
    // Pushed: a packed array (fact-rows.ts factRowsOfColumns says why).
    const values: SqlValue[] = [];
    for (let i = 0, o = 0; i < rows.count; i++, o += w) {
      let node = root;
      for (let k = 0; k < last; k++) {
        const x = v[o + at[k]!]!;
        let child = node.get(x) as TrieNode | undefined;
        if (!child) node.set(x, (child = new TrieNode()));
        node = child;
      }
      const x = v[o + at[last]!]!;
      let id = node.get(x) as number | undefined;
      if (id === undefined) {
        id = this.next++;
        node.set(x, id);
        const tuple: SqlValue[] = [];
        for (const j of at) tuple.push(v[o + j]!);
        added.push({ cols, values: tuple });
      }
      ids[i] = id;
      for (let k = 0; k < keep.length; k++) values.push(v[o + keep[k]!]!);
    }
    this.facts += rows.count;
    rows.dims = { epoch: this.epoch, cols, ids, first, added };
    rows.varAt = keep.map((j) => rows.varAt[j]!);
    rows.values = values;
    const tuples = this.next - 1;
    if (tuples >= this.maxTuples || (tuples > CHECK_AFTER && tuples * TUPLES_PER_FACTS > this.facts)) {
      this.off = true;
      this.roots.clear();
    }
  }
}

/**
 * The inserting thread's copy of one run's tuples, fed every chunk the worker sends, in order (those of a
 * file passed over too: a later chunk names their tuples), and lent to each chunk (`dims.tuples`).
 */
export class DimRegistry {
  private epoch = '';
  private tuples: DimTuple[] = [];

  take(rows: FactRows): void {
    const d = rows.dims;
    if (!d) return;
    if (d.epoch !== this.epoch) [this.epoch, this.tuples] = [d.epoch, []];
    if (d.added.length > 0 && d.first !== this.tuples.length + 1) throw new Error(`tuple ${d.first} of ${d.epoch} after ${this.tuples.length}: a chunk was lost`);
    for (const t of d.added) this.tuples.push(t);
    d.tuples = this.tuples;
  }
}
