/**
 * What would take facts out of a closed month, held for a decision like an import's new facts:
 * - a newer bundle of a machine that no longer carries facts of a closed month: those facts stay counted,
 *   listed in held_retractions, until the retraction is accepted (then retracted as the merge would have,
 *   kept in fact_history under the merge's own batch, so undoing the bundle puts them back) or discarded;
 * - the undo of an import (or of a merged bundle) that would remove or restore facts of a closed month: the
 *   undo waits in held_undos, whole, until accepted (then it runs as asked) or discarded (the import stays).
 * Their amounts are what accepting changes in the month, as the import holds count them (hold-store.ts).
 */
import { basename } from 'node:path';
import type { HeldImport } from '../../../shared/contract/api/close';
import { formatAmount } from '../../../shared/domain/money';
import { all, allBig, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';
import { closedMonthList } from './hold-store';

/** A fact's money and its currency as the spend rule starts from it: the bill, else the recorded cost, else the estimate. */
export const MONEY = (a: string) => `coalesce(${a}.billed_nano, ${a}.recorded_nano, ${a}.estimated_nano)`;
export const CURRENCY = (a: string) =>
  `CASE WHEN ${a}.billed_nano IS NOT NULL THEN ${a}.billed_currency WHEN ${a}.recorded_nano IS NOT NULL THEN ${a}.recorded_currency ELSE ${a}.estimated_currency END`;

const iso = (ms: number) => new Date(ms).toISOString();

/** Keep a fact a merge would retract from a closed month; answers false when its month is not closed. */
export function holdRetraction(db: WritableDb, fact: { id: number; day: string }, bundleId: number, mergeBatch: number, closed: ReadonlySet<string>): boolean {
  const month = fact.day.slice(0, 7);
  if (!closed.has(month)) return false;
  run(db, sql`INSERT INTO held_retractions (fact_id, bundle_id, batch_id, month) VALUES (${fact.id}, ${bundleId}, ${mergeBatch}, ${month})
              ON CONFLICT (fact_id) DO UPDATE SET bundle_id = excluded.bundle_id, batch_id = excluded.batch_id, month = excluded.month`);
  return true;
}

/** The facts an undo of these batches would remove (f) or put back (h), per month: SQL parts shared by the months and the amounts. */
function undoParts(batches: readonly number[]) {
  const inSet = sql.in(batches);
  // A fact another committed import also brought passes to it: the undo does not remove it.
  const removed = sql`FROM usage_facts f WHERE f.batch_id IN ${inSet}
    AND NOT EXISTS (SELECT 1 FROM fact_claims c JOIN import_batches b ON b.id = c.batch_id WHERE c.fact_id = f.id AND b.status = 'committed' AND c.batch_id NOT IN ${inSet})`;
  const restored = sql`FROM fact_history h WHERE h.revised_by_batch_id IN ${inSet}`;
  return { removed, restored };
}

/** The closed months an undo of these batches would change. */
export function closedMonthsOfUndo(db: ReadableDb, batches: readonly number[]): string[] {
  const closed = closedMonthList(db);
  if (closed.length === 0 || batches.length === 0) return [];
  const { removed, restored } = undoParts(batches);
  return all<{ m: string }>(
    db,
    sql`SELECT DISTINCT m FROM (SELECT substr(f.day, 1, 7) AS m ${removed} UNION SELECT substr(h.day, 1, 7) ${restored}) WHERE m IN ${sql.in(closed)} ORDER BY m`,
  ).map((r) => r.m);
}

export function holdUndo(db: WritableDb, batchId: number, bundleId: number | null, months: readonly string[], now: number): void {
  run(db, sql`INSERT INTO held_undos (batch_id, bundle_id, months, requested_at) VALUES (${batchId}, ${bundleId}, ${JSON.stringify(months)}, ${now})
              ON CONFLICT (batch_id) DO UPDATE SET months = excluded.months, requested_at = excluded.requested_at`);
}

interface HeldUndoRow {
  batch_id: number;
  bundle_id: number | null;
  months: string;
}

export function heldUndoRows(db: ReadableDb): Array<{ batchId: number; bundleId: number | null; months: string[] }> {
  return all<HeldUndoRow>(db, sql`SELECT batch_id, bundle_id, months FROM held_undos ORDER BY batch_id`).map((r) => ({
    batchId: r.batch_id,
    bundleId: r.bundle_id,
    months: JSON.parse(r.months) as string[],
  }));
}

/** The batches an undo hold stands for: a bundle's every batch, else the one import. */
function undoBatches(db: ReadableDb, u: { batchId: number; bundleId: number | null }): number[] {
  if (u.bundleId === null) return [u.batchId];
  return all<{ id: number }>(db, sql`SELECT id FROM import_batches WHERE bundle_id = ${u.bundleId} AND status = 'committed'`).map((r) => r.id);
}

interface BatchMeta {
  file_name: string;
  format: string;
  created_at: number;
}

function batchMeta(db: ReadableDb, batchId: number): BatchMeta {
  return all<BatchMeta>(db, sql`SELECT file_name, format, created_at FROM import_batches WHERE id = ${batchId}`)[0] ?? { file_name: '?', format: '?', created_at: 0 };
}

function amountsOf(rows: ReadonlyArray<{ currency: string; nano: bigint }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) out[r.currency] = formatAmount(r.nano);
  return out;
}

/** The held retractions and undos as the Month close card and `close --list` show them, per batch and month. */
export function heldChanges(db: ReadableDb, closed: ReadonlySet<string>): HeldImport[] {
  const out: HeldImport[] = [];
  const retractions = all<{ batch_id: number; month: string; n: number }>(
    db,
    sql`SELECT batch_id, month, count(*) AS n FROM held_retractions GROUP BY batch_id, month ORDER BY month, batch_id`,
  );
  for (const r of retractions) {
    const meta = batchMeta(db, r.batch_id);
    const money = allBig<{ currency: string; nano: bigint }>(
      db,
      sql`SELECT ${sql.raw(CURRENCY('f'))} AS currency, -sum(${sql.raw(MONEY('f'))}) AS nano FROM held_retractions r JOIN usage_facts f ON f.id = r.fact_id
          WHERE r.batch_id = ${r.batch_id} AND r.month = ${r.month} AND ${sql.raw(MONEY('f'))} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    out.push({ kind: 'import', batchId: r.batch_id, file: basename(meta.file_name), format: meta.format, importedAt: iso(meta.created_at), month: r.month, closed: closed.has(r.month), newFacts: 0, revisedFacts: 0, removedFacts: r.n, amounts: amountsOf(money) });
  }
  for (const u of heldUndoRows(db)) {
    const meta = batchMeta(db, u.batchId);
    const { removed, restored } = undoParts(undoBatches(db, u));
    for (const month of u.months) {
      const counts = all<{ removed: number; restored: number }>(
        db,
        sql`SELECT (SELECT count(*) ${removed} AND substr(f.day, 1, 7) = ${month} AND NOT EXISTS (SELECT 1 FROM fact_history x WHERE x.id = f.id AND x.revised_by_batch_id = f.batch_id)) AS removed,
                   (SELECT count(*) ${restored} AND substr(h.day, 1, 7) = ${month}) AS restored`,
      )[0]!;
      const money = allBig<{ currency: string; nano: bigint }>(
        db,
        sql`SELECT currency, sum(nano) AS nano FROM (
              SELECT ${sql.raw(CURRENCY('f'))} AS currency, -${sql.raw(MONEY('f'))} AS nano ${removed} AND substr(f.day, 1, 7) = ${month}
              UNION ALL SELECT ${sql.raw(CURRENCY('h'))}, ${sql.raw(MONEY('h'))} ${restored} AND substr(h.day, 1, 7) = ${month}
            ) WHERE nano IS NOT NULL GROUP BY 1 ORDER BY 1`,
      );
      out.push({ kind: 'undo', batchId: u.batchId, file: basename(meta.file_name), format: meta.format, importedAt: iso(meta.created_at), month, closed: closed.has(month), newFacts: 0, revisedFacts: counts.restored, removedFacts: counts.removed, amounts: amountsOf(money) });
    }
  }
  return out;
}

/** The held retractions and undos a selection names (batches, a month, or every one). */
export function selectHeldChanges(db: ReadableDb, sel: { batchIds?: number[] | undefined; month?: string | undefined }) {
  const batchOk = (b: number) => !sel.batchIds?.length || sel.batchIds.includes(b);
  const retractions = all<{ fact_id: number; bundle_id: number; batch_id: number; month: string }>(db, sql`SELECT fact_id, bundle_id, batch_id, month FROM held_retractions ORDER BY fact_id`).filter(
    (r) => batchOk(r.batch_id) && (!sel.month || r.month === sel.month),
  );
  const undos = heldUndoRows(db).filter((u) => batchOk(u.batchId) && (!sel.month || u.months.includes(sel.month)));
  return { retractions, undos };
}

export function dropHeldRetractions(db: WritableDb, factIds: readonly number[]): void {
  if (factIds.length) run(db, sql`DELETE FROM held_retractions WHERE fact_id IN ${sql.in(factIds)}`);
}

export function dropHeldUndo(db: WritableDb, batchId: number): void {
  run(db, sql`DELETE FROM held_undos WHERE batch_id = ${batchId}`);
}

/** An undone batch takes the retractions and the undo it held with it. */
export function dropHeldChangesOfBatch(db: WritableDb, batchId: number): void {
  run(db, sql`DELETE FROM held_retractions WHERE batch_id = ${batchId}`);
  dropHeldUndo(db, batchId);
}
