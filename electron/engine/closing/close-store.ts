/**
 * Month close: close and reopen months, list the holds, accept or discard them. Accepting writes held facts
 * as their import would have (new facts inserted, revisions applied with the old values kept in
 * fact_history for the undo), finds their overlaps with the ledger's other formats, and recomputes the
 * derived rows of their days, in one transaction.
 */
import { saidError } from '../said-error';
import { basename } from 'node:path';
import type { ClosedMonth, HeldImport, MonthCloseState } from '../../../shared/contract/api/close';
import { formatAmount } from '../../../shared/domain/money';
import type { EngineContext } from '../context';
import { all, allBig, run, transaction, type ReadableDb, type WritableDb } from '../ledger/db';
import { refreshDerived } from '../ledger/derived';
import { FACT_COLUMNS } from '../ledger/facts';
import { sql, type SqlQuery } from '../ledger/sql';
import { recordCoverage } from '../imports/coverage-store';
import { undoInTransaction } from '../imports/history';
import { acceptRetractions, undoBundleInTransaction } from '../team/merge';
import { CURRENCY, MONEY, dropHeldRetractions, dropHeldUndo, heldChanges, selectHeldChanges } from './held-changes-store';
import { factColumns } from './hold-store';

export interface HoldSelection {
  batchIds?: number[] | undefined;
  month?: string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

function selectionWhere(sel: HoldSelection, alias = 'h'): SqlQuery {
  const parts: SqlQuery[] = [sql.raw('1 = 1')];
  if (sel.batchIds?.length) parts.push(sql`${sql.raw(alias)}.batch_id IN ${sql.in(sel.batchIds)}`);
  if (sel.month) parts.push(sql`${sql.raw(alias)}.hold_month = ${sel.month}`);
  return sql.join(parts, ' AND ');
}


function heldImports(db: ReadableDb): HeldImport[] {
  const closed = new Set(all<{ month: string }>(db, sql`SELECT month FROM closed_months`).map((r) => r.month));
  const groups = all<{ batch_id: number; month: string; file_name: string; format: string; created_at: number; new_facts: number; revised_facts: number }>(
    db,
    sql`SELECT h.batch_id, h.hold_month AS month, b.file_name, b.format, b.created_at,
               sum(h.hold_kind = 'new') AS new_facts, sum(h.hold_kind = 'revision') AS revised_facts
        FROM held_facts h JOIN import_batches b ON b.id = h.batch_id
        GROUP BY h.batch_id, h.hold_month ORDER BY h.hold_month, h.batch_id`,
  );
  // New money of each hold, less the money a revision replaces (the fact as the month counts it now).
  const money = allBig<{ batch_id: bigint; month: string; currency: string; nano: bigint }>(
    db,
    sql`SELECT batch_id, month, currency, sum(nano) AS nano FROM (
          SELECT h.batch_id, h.hold_month AS month, ${sql.raw(CURRENCY('h'))} AS currency, ${sql.raw(MONEY('h'))} AS nano FROM held_facts h
          UNION ALL
          SELECT h.batch_id, h.hold_month, ${sql.raw(CURRENCY('u'))}, -${sql.raw(MONEY('u'))} FROM held_facts h JOIN usage_facts u ON u.id = h.id
          WHERE h.hold_kind = 'revision'
        ) WHERE currency IS NOT NULL AND nano IS NOT NULL GROUP BY batch_id, month, currency ORDER BY currency`,
  );
  const imports = groups.map((g): HeldImport => {
    const amounts: Record<string, string> = {};
    for (const m of money) if (Number(m.batch_id) === g.batch_id && m.month === g.month) amounts[m.currency] = formatAmount(m.nano);
    return {
      kind: 'import',
      batchId: g.batch_id,
      file: basename(g.file_name),
      format: g.format,
      importedAt: iso(g.created_at),
      month: g.month,
      closed: closed.has(g.month),
      newFacts: g.new_facts,
      revisedFacts: g.revised_facts,
      removedFacts: 0,
      amounts,
    };
  });
  return [...imports, ...heldChanges(db, closed)].sort((a, b) => a.month.localeCompare(b.month) || a.batchId - b.batchId);
}

export function closeState(db: ReadableDb): MonthCloseState {
  const closed = all<{ month: string; closed_at: number }>(db, sql`SELECT month, closed_at FROM closed_months ORDER BY month`);
  return { closed: closed.map((c): ClosedMonth => ({ month: c.month, closedAt: iso(c.closed_at) })), held: heldImports(db) };
}

export function closeMonth(ctx: EngineContext, month: string): MonthCloseState {
  transaction(ctx.db, () => run(ctx.db, sql`INSERT INTO closed_months (month, closed_at) VALUES (${month}, ${ctx.now()}) ON CONFLICT (month) DO NOTHING`));
  return closeState(ctx.db);
}

export function reopenMonth(ctx: EngineContext, month: string): MonthCloseState {
  const removed = transaction(ctx.db, () => run(ctx.db, sql`DELETE FROM closed_months WHERE month = ${month}`).changes);
  if (removed === 0) throw saidError('NOT_FOUND', 'engine.error.notClosed', { month: { month } });
  return closeState(ctx.db);
}

/** Write the selected holds into the ledger, then the held retractions and undos; answers the facts and undos written. */
function acceptInTransaction(ctx: EngineContext, sel: HoldSelection): number {
  const db = ctx.db;
  const changes = selectHeldChanges(db, sel);
  let done = acceptHeldFacts(db, sel);
  dropHeldRetractions(db, changes.retractions.map((r) => r.fact_id));
  done += acceptRetractions(db, changes.retractions);
  for (const u of changes.undos) {
    dropHeldUndo(db, u.batchId);
    if (u.bundleId !== null) undoBundleInTransaction(ctx, u.bundleId);
    else undoInTransaction(ctx, u.batchId);
    done++;
  }
  return done;
}

/** The import holds of a selection, written as their import would have; answers the facts written. */
function acceptHeldFacts(db: WritableDb, sel: HoldSelection): number {
  const where = selectionWhere(sel);
  const cols = factColumns(db).join(', ');
  const batches = all<{ batch_id: number }>(db, sql`SELECT DISTINCT batch_id FROM held_facts h WHERE ${where}`).map((r) => r.batch_id);
  const days = all<{ day: string }>(
    db,
    sql`SELECT DISTINCT h.day FROM held_facts h WHERE ${where} UNION SELECT u.day FROM held_facts h JOIN usage_facts u ON u.id = h.id WHERE ${where} AND h.hold_kind = 'revision'`,
  ).map((r) => r.day);
  // A fact the ledger came to hold meanwhile (the same record imported again after a reopen) is not added twice.
  const added = run(
    db,
    sql`INSERT INTO usage_facts (${sql.raw(cols)}) SELECT ${sql.raw(cols)} FROM held_facts h
        WHERE ${where} AND h.hold_kind = 'new' AND NOT EXISTS (SELECT 1 FROM usage_facts u WHERE u.identity = h.identity)`,
  ).changes;
  const fc = FACT_COLUMNS.join(', ');
  const revisions = all<{ id: number; batch_id: number }>(db, sql`SELECT h.id, h.batch_id FROM held_facts h JOIN usage_facts u ON u.id = h.id WHERE ${where} AND h.hold_kind = 'revision'`);
  for (const r of revisions) {
    run(db, sql`INSERT INTO fact_history (revised_by_batch_id, id, ${sql.raw(fc)}) SELECT ${r.batch_id}, id, ${sql.raw(fc)} FROM usage_facts WHERE id = ${r.id}`);
    const assign = FACT_COLUMNS.map((c) => `${c} = h.${c}`).join(', ');
    run(db, sql`UPDATE usage_facts AS u SET ${sql.raw(assign)} FROM (SELECT * FROM held_facts WHERE id = ${r.id} AND hold_kind = 'revision') AS h WHERE u.id = ${r.id}`);
  }
  run(db, sql`DELETE FROM held_facts AS h WHERE ${where}`);
  for (const b of batches) {
    const providers = all<{ provider: string }>(db, sql`SELECT DISTINCT provider FROM usage_facts WHERE batch_id = ${b}`).map((r) => r.provider);
    recordCoverage(db, b, providers);
  }
  // Coverage may change other facts of these days: recomputing the days whole covers them.
  refreshDerived(db, days);
  return added + revisions.length;
}

export function acceptHolds(ctx: EngineContext, sel: HoldSelection): number {
  return transaction(ctx.db, () => acceptInTransaction(ctx, sel));
}

export function discardHolds(ctx: EngineContext, sel: HoldSelection): number {
  return transaction(ctx.db, () => {
    const changes = selectHeldChanges(ctx.db, sel);
    dropHeldRetractions(ctx.db, changes.retractions.map((r) => r.fact_id));
    for (const u of changes.undos) dropHeldUndo(ctx.db, u.batchId);
    return run(ctx.db, sql`DELETE FROM held_facts AS h WHERE ${selectionWhere(sel)}`).changes + changes.retractions.length + changes.undos.length;
  });
}
