/**
 * Every table derived from the facts, kept current by ONE call: the rollups (rollups.ts), the tips
 * rollup (tip-cells.ts) and the per-day versions and counts (ledger-days.ts). Whatever changes facts
 * (an import, an undo, a re-price, a vendor's region, a restore) calls refreshDerived with the UTC days
 * it changed, inside its own transaction, so the derived rows are never behind the facts they come from.
 * An import adds its new facts to their days' rows as it writes them (FactAdder) where that is provably
 * the same, and recomputes only the other days.
 *
 * Checklist for a new derived table: its CREATE in a new migration marked `derived`, its refresh here,
 * and its addition in FactAdder (or its days always recomputed).
 */
import { all, preparedOnce, type WritableDb } from './db';
import { BILL_LINE } from './facts';
import { addToLedgerDays, bumpLedgerDays, touchLedgerDays } from './ledger-days';
import { FACT_SUMS, refreshRollups } from './rollups';
import { addSumsToRollups, addToRollups } from './rollups-add';
import { sql, type SqlQuery } from './sql';
import { refreshTipCells } from './tip-cells';

/** Days per statement: far below SQLite's limit of bound values. */
const CHUNK = 400;

/**
 * Recompute the derived rows of these UTC days from the facts (in any order, repeats allowed). `added`:
 * days whose rows FactAdder kept current (their counts in ledger_days too): only their versions are bumped.
 */
export function refreshDerived(db: WritableDb, days: readonly string[], added: readonly string[] = []): void {
  const unique = [...new Set(days)].sort();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    refreshRollups(db, part);
    refreshTipCells(db, part);
    // Caches keyed by these days (each budget's amounts) are stale now.
    touchLedgerDays(db, part);
  }
  const recomputed = new Set(unique);
  const rest = [...new Set(added)].filter((d) => !recomputed.has(d)).sort();
  for (let i = 0; i < rest.length; i += CHUNK) bumpLedgerDays(db, rest.slice(i, i + CHUNK));
}

/** Rebuild every derived table from the facts (after migrating, after a restore, to repair). */
export function rebuildDerived(db: WritableDb): void {
  refreshRollups(db, null);
  refreshTipCells(db, null);
  touchLedgerDays(db, null);
}

/** The id of the last fact written (0: none): every fact inserted after this point has a larger one. */
export function lastFactId(db: WritableDb): number {
  return (preparedOnce(db, 'SELECT max(id) FROM usage_facts', 'pluck').get() as number | null) ?? 0;
}

/** Summed rows per new fact above which adding them costs more than recomputing their days (see FactAdder). */
const DENSE_ROWS_PER_FACT = 0.25;
/**
 * The same for facts added from their sums. A summed row (written, then its legs upserted) costs ~19 µs, a
 * fact recomputed 17-22 µs: measured on OpenRouter exports of a call per key, app and minute, 0.62 rows a
 * fact (300k calls) added in 3.6 s vs 5.1 s recomputed, 1.19 (100k) even, 1.7 (30k) recomputed faster.
 */
const DENSE_SUMS_PER_FACT = 0.9;
/** New facts a flush must hold before their density decides anything (an append of a few is always added). */
const DENSE_MIN_FACTS = 1000;

/**
 * New facts summed per everything their legs read (imports/fact-sums-store.ts), in temp.fact_sums once written
 * (rollups.ts FACT_SUMS): `facts` counts the facts summed since the last write. `write` answers false,
 * writing nothing, when the sums cannot stand for the facts exactly; both forget the sums.
 */
export interface SummedFacts {
  readonly facts: number;
  write(db: WritableDb): boolean;
  clear(): void;
}

/**
 * Adds an import's new facts (every fact with an id above `afterId`, the last before it) to the derived
 * rows of their days, where that gives exactly what a recompute would, a batch at a time. It is the
 * caller's promise that those facts were just inserted and that nothing else changed on their days since
 * these days' rows were current, except on the days in `skip` (left alone: they are recomputed later
 * anyway). A new bill line changes what the other facts of its provider and day spend (facts.ts
 * coveredByBill): its day is left alone too and answered, to be recomputed. Adding changes no fact's legs
 * but the new ones': spend depends only on bill lines, a plan (not changed by an import) and the team's
 * rule (the new facts' own batch). Their days' fact counts and latest ends (ledger_days) are added to the
 * same way; refreshDerived bumps those days' versions at the end (`added`).
 *
 * When the facts hardly sum (about a rollup row per fact, each one an upsert), adding costs twice what
 * recomputing the days once does: after the first such batch, the run's new facts make their days
 * recomputed instead (answered), as every import did before. Read from their sums, a gateway's export of
 * a fact per key, app and minute gives 0.2 rows a fact (flushes of 60,000 facts): it is added.
 */
export class FactAdder {
  private dense = false;
  /** Facts added from their sums so far. */
  summed = 0;

  /**
   * `sums`: the new facts summed as the import inserts them (imports/fact-sums-store.ts), read instead of the
   * facts when they are exactly the facts being added.
   */
  constructor(
    private afterId: number,
    private readonly sums: SummedFacts | null = null,
  ) {}

  /** Whether the facts being inserted are still to be summed (not once they are dense: their days are recomputed). */
  get summing(): boolean {
    return this.sums !== null && !this.dense;
  }

  /** After facts were deleted (ids are reused from the largest left), with nothing pending: count from what is left. */
  restart(db: WritableDb): void {
    this.afterId = lastFactId(db);
    this.sums?.clear();
  }

  /** Add the facts written since the last call; answers the days to recompute instead. */
  add(db: WritableDb, skip: ReadonlySet<string>): string[] {
    const lastId = lastFactId(db);
    const facts = lastId - this.afterId;
    // The sums stand for the facts being added when they count as many (ids are given in order; a fact
    // inserted without being summed, or deleted, makes the counts differ: the facts are read then).
    const summed = facts > 0 && this.summing && this.sums!.facts === facts ? this.sums!.write(db) : (this.sums?.clear(), false);
    if (facts <= 0) return [];
    const range = sql`f.id > ${this.afterId} AND f.id <= ${lastId}`;
    this.afterId = lastId;
    const daysWhere = (q: SqlQuery) => all<{ day: string }>(db, sql`SELECT DISTINCT f.day AS day FROM usage_facts f WHERE ${range} AND ${q}`).map((r) => r.day);
    if (this.dense) return daysWhere(sql.raw('1 = 1'));
    const recompute = daysWhere(BILL_LINE('f'));
    const left = [...skip, ...recompute];
    const days = left.length === 0 ? sql.raw('1 = 1') : sql`f.day NOT IN (SELECT value FROM json_each(${JSON.stringify(left)}))`;
    const rows = summed ? addSumsToRollups(db, days) : addToRollups(db, sql`${range} AND ${days}`);
    if (summed) this.summed += facts;
    addToLedgerDays(db, summed ? days : sql`${range} AND ${days}`, summed ? FACT_SUMS : undefined);
    if (facts >= DENSE_MIN_FACTS && rows > facts * (summed ? DENSE_SUMS_PER_FACT : DENSE_ROWS_PER_FACT)) this.dense = true;
    return recompute;
  }
}
