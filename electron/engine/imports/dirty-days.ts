/**
 * The days of one import run whose derived rows (rollups, tip cells, ledger days) are behind its writes, and
 * when to bring them up to date: new facts added every few chunks, other changes recomputed early while
 * the parser is behind, the rest after the last chunk (run.ts).
 */
import type { WritableDb } from '../ledger/db';
import { FactAdder, refreshDerived } from '../ledger/derived';
import type { ChunkSource } from './chunk-source';
import type { FactRows } from './fact-rows';
import { FactSums } from './fact-sums-store';

/** The part of an import's statistics (ImportStats in run.ts) the derived rows' time goes to. */
export interface RollupTime {
  rollupsMs: number;
  /** Days whose derived rows were recomputed while waiting for the parser (the rest: after the last chunk). */
  earlyRollupDays: number;
  /** New facts added to the derived rows from their sums (fact-sums-store.ts) rather than read again. */
  summedFacts: number;
}

/**
 * Days an import must have finished with before their derived rows are recomputed while the parser is
 * behind (fewer, larger refreshes). TOKENLEDGER_EARLY_ROLLUPS=always refreshes before every chunk (tests
 * prove the result equals a full rebuild), =never only after the last chunk.
 */
const EARLY_ROLLUP_DAYS = 8;
/** New facts are added to the derived rows every 16 chunks (a chunk at a time costs ~40 % more), or 4 when the parser is behind. */
const [ADD_EVERY_CHUNKS, ADD_IDLE_CHUNKS] = [16, 4];
/**
 * While new facts are summed (fact-sums-store.ts) they are added once their sums hold this many rows (~6 MB)
 * instead: a sum's cost is per row, and the more facts a flush holds, the fewer rows per fact (a gateway's
 * export of 1M calls: 0.4 rows a fact in flushes of 2,000 facts, 0.2 in flushes of 50,000).
 */
const ADD_AT_SUM_ROWS = 20_000;
/**
 * Days whose derived rows are not yet recomputed from this run's writes. While the parser is behind (no
 * chunk is waiting), the days this run has finished with are recomputed early, instead of all of them
 * after the last chunk: the same refreshDerived in the same transaction, moved into time the inserting
 * thread would spend waiting. That only pays when the input runs in day order (one export sorted by
 * time). The first day written again after its early recompute shows it does not (a folder of session
 * logs, each spanning the same weeks): from then on the run recomputes only once, after the last chunk,
 * instead of recomputing every day again after every file (quadratic in the facts per day).
 * Given the last fact id before the run, new facts are not dirty: they are added to their days' derived rows
 * (FactAdder) every few chunks, or once their sums hold ADD_AT_SUM_ROWS rows, and before any recompute; only
 * days something else changed (a revision, a bill line, a coverage, facts held) are recomputed.
 * TOKENLEDGER_ROLLUPS=recompute: every day (bench).
 */
export class DirtyDays {
  /** Not yet recomputed. */
  readonly dirty = new Set<string>();
  /** Days new facts were added to (only their versions and counts are touched at the end). */
  readonly added = new Set<string>();
  /** Every day this run wrote facts on (a coverage found later changes other facts of those days). */
  readonly all = new Set<string>();
  /** Days recomputed early; one of them written again means the input is not in day order. */
  private readonly early = new Set<string>();
  private unordered = false;
  private latest = '';
  private readonly mode = process.env.TOKENLEDGER_EARLY_ROLLUPS ?? 'when-idle';
  private readonly adder: FactAdder | null; // null: new facts make their days dirty
  private pending = 0; // chunks written since its last batch
  /** New facts inserted since the adder's last batch, summed (its `sums`). */
  private readonly sums = new FactSums();

  constructor(afterId: number | null = null) {
    this.adder = process.env.TOKENLEDGER_ROLLUPS === 'recompute' || afterId === null ? null : new FactAdder(afterId, this.sums);
  }

  add(day: string, isNewFact: boolean): void {
    if (isNewFact && this.adder) {
      this.added.add(day);
      this.all.add(day);
      this.latest = day;
      return;
    }
    if (!this.dirty.has(day) && this.early.has(day)) this.unordered = true;
    this.dirty.add(day);
    this.all.add(day);
    if (isNewFact) this.latest = day;
  }

  /** Facts `at` of a chunk (null: all) were inserted into batch `batchId` as new facts (FactAdder sums them). */
  inserted(rows: FactRows, at: readonly number[] | null, batchId: number): void {
    if (this.adder?.summing) this.sums.add(rows, at, batchId);
  }

  /** Everything this run wrote must be recomputed again (a coverage changed facts of other batches). */
  reopenAll(): void {
    for (const d of this.all) this.dirty.add(d);
  }

  wrote(db: WritableDb, stats: RollupTime): void {
    if (!this.adder) return;
    this.pending++;
    if (this.adder.summing ? this.sums.rows >= ADD_AT_SUM_ROWS : this.pending >= ADD_EVERY_CHUNKS) this.addNew(db, stats);
  }

  /** Add the chunks written since (wrote) to their days' derived rows (days not dirty); before any recompute, which counts them. */
  addNew(db: WritableDb, stats: RollupTime): void {
    if (!this.adder || this.pending === 0) return;
    const [t0, summed] = [performance.now(), this.adder.summed];
    for (const d of this.adder.add(db, this.dirty)) this.add(d, false);
    stats.summedFacts += this.adder.summed - summed;
    this.pending = 0;
    stats.rollupsMs += performance.now() - t0;
  }

  /** `remove` deletes facts: the new ones are added first, and new ids counted from what is left. */
  removing<T>(db: WritableDb, stats: RollupTime, remove: () => T): T {
    this.addNew(db, stats);
    const out = remove();
    this.adder?.restart(db);
    return out;
  }

  /** Recompute settled days when the parser has nothing waiting. */
  refreshIfIdle(db: WritableDb, source: ChunkSource, stats: RollupTime): void {
    if (source.ready() === 0 && this.pending >= ADD_IDLE_CHUNKS && !this.adder?.summing) this.addNew(db, stats);
    if (this.mode === 'never' || (this.unordered && this.mode !== 'always') || (source.ready() !== 0 && this.mode !== 'always')) return;
    if (this.dirty.size < (this.mode === 'always' ? 2 : EARLY_ROLLUP_DAYS + 1)) return;
    this.addNew(db, stats);
    const settled = [...this.dirty].filter((d) => d !== this.latest);
    const t0 = performance.now();
    refreshDerived(db, settled);
    stats.rollupsMs += performance.now() - t0;
    stats.earlyRollupDays += settled.length;
    for (const d of settled) {
      this.dirty.delete(d);
      this.early.add(d);
    }
  }
}
