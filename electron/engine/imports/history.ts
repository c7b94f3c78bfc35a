/** The history of import batches, and undo: every import is a batch that can be undone. */
import { saidError } from '../said-error';
import { closedMonthsOfUndo, dropHeldChangesOfBatch, holdUndo } from '../closing/held-changes-store';
import { dropHoldsOfBatch } from '../closing/hold-store';
import type { ImportBatchInfo, ImportUndoResult } from '../../../shared/contract/types';
import { createVendorRegistry } from '../../../shared/domain/vendors';
import type { EngineContext } from '../context';
import { transaction, type ReadableDb } from '../ledger/db';
import { refreshDerived } from '../ledger/derived';
import { priceBookFor } from '../pricing/book';
import { planRecompute, writeRecompute } from '../pricing/recompute';
import { listVendorRegions } from '../pricing/store';
import { ledgerTotals } from '../reports/totals-store';
import { forgetFileStates } from './file-state-store';
import { daysTouchedByBatches, getBatch, historyVendors, laterReviser, listBatches, restoredModels, setHistoryRegion, undoBatchRows, type BatchRow } from './batch-store';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function batchInfo(b: BatchRow): ImportBatchInfo {
  return {
    id: b.id,
    createdAt: iso(b.created_at)!,
    file: b.file_name,
    path: b.file_path,
    format: b.format,
    provider: b.provider,
    sha256: b.sha256,
    bytes: b.bytes,
    status: b.status,
    undoneAt: iso(b.undone_at),
    counts: { new: b.rows_new, duplicate: b.rows_duplicate, revised: b.rows_revised, skipped: b.rows_skipped, error: b.rows_error },
    label: b.label,
    demo: b.demo === 1,
  };
}

export function listImports(db: ReadableDb, opts: { includeUndone?: boolean | undefined; limit?: number | undefined }): ImportBatchInfo[] {
  return listBatches(db, opts).map(batchInfo);
}

/**
 * The rows an undo is about to put back from fact_history carry the region they had when they were
 * revised; the user may have moved their vendor since (vendors.setRegion moves usage_facts, not
 * history). They get the user's region before they go back (the registry's answer: the user's region for
 * a moved vendor, else the built-in one), so no second pass after the undo is needed. Their days are
 * among daysTouchedByBatches, whose derived rows the undo refreshes.
 */
function reRegionHistory(ctx: EngineContext, batchId: number): void {
  const registry = createVendorRegistry(listVendorRegions(ctx.db));
  for (const vendor of historyVendors(ctx.db, batchId)) setHistoryRegion(ctx.db, batchId, vendor, registry.regionOf(vendor));
}

/**
 * Undo a batch: the ledger goes back to exactly what it was before it (its facts removed, the facts it
 * revised restored, token coverage it recorded dropped). Refused while a later batch revised this one's
 * facts: undo that one first, or the later values would be lost.
 *
 * The restored facts' numbers are the ones they had; their estimate and region are the ledger's of
 * today (the user may have changed prices or moved a vendor since they were revised), set in the undo's
 * own transaction, never by a hook after it (a crash in between would skip the hook). Re-pricing goes
 * through pricing/recompute.ts, scoped to the restored facts' models: the same code and book as any
 * recompute, and it changes only facts that disagree with the ledger's book.
 */
export function undoImport(ctx: EngineContext, batchId: number): ImportUndoResult {
  const bundleId = getBatch(ctx.db, batchId)?.bundle_id ?? null;
  // A merged bundle's batches go together, or its machine's facts would be half merged.
  if (bundleId !== null) throw saidError('CONFLICT', 'engine.error.batchOfBundle', { batch: batchId, bundle: bundleId }, { bundleId });
  assertUndoable(ctx, batchId);
  // An undo that would change a closed month waits for a decision (closing/held-changes-store.ts): nothing is undone yet.
  const heldMonths = closedMonthsOfUndo(ctx.db, [batchId]);
  if (heldMonths.length > 0) {
    transaction(ctx.db, () => holdUndo(ctx.db, batchId, null, heldMonths, ctx.now()));
    return { batchId, removed: 0, restored: 0, heldMonths, totals: ledgerTotals(ctx.db, {}) };
  }
  const result = transaction(ctx.db, () => undoInTransaction(ctx, batchId));
  return { batchId, removed: result.removed, restored: result.restored, heldMonths, totals: ledgerTotals(ctx.db, {}) };
}

/** Undo one batch inside the caller's write transaction (undoImport, or every demo batch at once). */
export function undoInTransaction(ctx: EngineContext, batchId: number): { removed: number; restored: number } {
  assertUndoable(ctx, batchId);
  const days = daysTouchedByBatches(ctx.db, [batchId]); // read before the rows go
  reRegionHistory(ctx, batchId);
  const models = restoredModels(ctx.db, batchId);
  const undone = undoBatchRows(ctx.db, batchId, ctx.now());
  forgetFileStates(ctx.db, [batchId]);
  dropHoldsOfBatch(ctx.db, batchId);
  dropHeldChangesOfBatch(ctx.db, batchId);
  let repriced = new Set<string>();
  if (models.length > 0) {
    const plan = planRecompute(ctx.db, priceBookFor(ctx.db), { models });
    writeRecompute(ctx.db, plan); // refreshes the derived rows of the days it changed
    repriced = new Set(plan.days);
  }
  refreshDerived(ctx.db, days.filter((d) => !repriced.has(d)));
  return undone;
}

/** Refuses an undo that cannot run: no such batch, already undone, or a later batch revised its facts. */
function assertUndoable(ctx: EngineContext, batchId: number): void {
  const batch = getBatch(ctx.db, batchId);
  if (!batch) throw saidError('NOT_FOUND', 'engine.error.noBatch', { batch: batchId });
  if (batch.status === 'undone') throw saidError('CONFLICT', 'engine.error.batchUndone', { batch: batchId, file: batch.file_name });
  const later = laterReviser(ctx.db, batchId);
  if (later !== undefined) {
    const l = getBatch(ctx.db, later);
    throw saidError('CONFLICT', 'engine.error.batchRevisedBy', { later, file: l?.file_name ?? '?', batch: batchId }, { blockingBatchId: later });
  }
}
