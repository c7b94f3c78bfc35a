/**
 * The hold step of an import's commit: after a batch's facts are classified and written, and before its
 * overlaps are found, whatever the batch added to or changed in a closed month is moved into held_facts
 * (stored, not counted) and the month is left exactly as it was closed:
 * - a new fact of a closed month leaves usage_facts (held once per identity: the same file again adds
 *   nothing more to the hold);
 * - a revision of a fact of a closed month (its old or its new day there) keeps its newer values in the
 *   hold and the fact gets its old values back from fact_history.
 * Accepting a hold (closing/close-store.ts) writes them as the import would have. One function, called by
 * the file import (imports/run.ts) and the bundle merge (team/merge.ts) for each batch they write.
 */
import { all, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { FACT_COLUMNS } from '../ledger/facts';
import { sql } from '../ledger/sql';

/** Every column of usage_facts but its id (from the table itself: held_facts has the same ones). */
export function factColumns(db: ReadableDb): string[] {
  return (db.prepare('PRAGMA table_info(usage_facts)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
}

export function closedMonthList(db: ReadableDb): string[] {
  return all<{ month: string }>(db, sql`SELECT month FROM closed_months ORDER BY month`).map((r) => r.month);
}

/**
 * Move what batch `batchId` brought into closed months out of the counted ledger. Answers the UTC days
 * whose facts changed (their derived rows must be recomputed); none when no month is closed.
 */
export function holdClosedMonthFacts(db: WritableDb, batchId: number): string[] {
  const closed = closedMonthList(db);
  if (closed.length === 0) return [];
  const cols = factColumns(db);
  const list = cols.join(', ');
  const inClosed = (day: string) => sql`substr(${sql.raw(day)}, 1, 7) IN ${sql.in(closed)}`;
  const days = new Set<string>();
  // Revisions first: the facts this batch revised, where the old or the new values lie in a closed month.
  const revised = all<{ id: number; new_day: string; old_day: string; month: string }>(
    db,
    sql`SELECT h.id AS id, f.day AS new_day, h.day AS old_day, substr(CASE WHEN ${inClosed('h.day')} THEN h.day ELSE f.day END, 1, 7) AS month
        FROM fact_history h JOIN usage_facts f ON f.id = h.id
        WHERE h.revised_by_batch_id = ${batchId} AND (${inClosed('h.day')} OR ${inClosed('f.day')})
          AND h.rowid = (SELECT min(x.rowid) FROM fact_history x WHERE x.id = h.id AND x.revised_by_batch_id = ${batchId})`,
  );
  for (const r of revised) {
    // The newest revision of a fact is the one held.
    run(db, sql`DELETE FROM held_facts WHERE id = ${r.id} AND hold_kind = 'revision'`);
    run(db, sql`INSERT INTO held_facts (id, ${sql.raw(list)}, hold_kind, hold_month) SELECT id, ${sql.raw(list)}, 'revision', ${r.month} FROM usage_facts WHERE id = ${r.id}`);
    // What a revision replaced (fact-store.ts revise: the same columns).
    const assign = FACT_COLUMNS.map((c) => `${c} = h.${c}`).join(', ');
    run(
      db,
      sql`UPDATE usage_facts AS u SET ${sql.raw(assign)} FROM (
            SELECT * FROM fact_history WHERE id = ${r.id} AND revised_by_batch_id = ${batchId} ORDER BY rowid LIMIT 1) AS h
          WHERE u.id = ${r.id}`,
    );
    run(db, sql`DELETE FROM fact_history WHERE id = ${r.id} AND revised_by_batch_id = ${batchId}`);
    days.add(r.new_day).add(r.old_day);
  }
  // New facts of closed months (a fact this batch revised is not new: it has history).
  const fresh = sql`f.batch_id = ${batchId} AND ${inClosed('f.day')} AND NOT EXISTS (SELECT 1 FROM fact_history x WHERE x.id = f.id)`;
  for (const r of all<{ day: string }>(db, sql`SELECT DISTINCT f.day FROM usage_facts f WHERE ${fresh}`)) days.add(r.day);
  run(
    db,
    sql`INSERT INTO held_facts (id, ${sql.raw(list)}, hold_kind, hold_month)
        SELECT f.id, ${sql.raw(cols.map((c) => `f.${c}`).join(', '))}, 'new', substr(f.day, 1, 7) FROM usage_facts f
        WHERE ${fresh} AND NOT EXISTS (SELECT 1 FROM held_facts o WHERE o.identity = f.identity AND o.hold_kind = 'new')`,
  );
  run(db, sql`DELETE FROM fact_claims WHERE fact_id IN (SELECT f.id FROM usage_facts f WHERE ${fresh})`);
  run(db, sql`DELETE FROM usage_facts AS f WHERE ${fresh}`);
  return [...days];
}

/** An undone import takes its holds with it. */
export function dropHoldsOfBatch(db: WritableDb, batchId: number): void {
  run(db, sql`DELETE FROM held_facts WHERE batch_id = ${batchId}`);
}
