/** The history of import batches and undo (DESIGN.md §2: every import is a batch that can be undone). */
import type { ImportBatchInfo, ImportUndoResult } from '../../../shared/contract/types';
import { createVendorRegistry } from '../../../shared/domain/vendors';
import { all, run, transaction, type WritableDb } from '../db/connection';
import { getBatch, laterReviser, listBatches, undoBatchRows, type BatchRow } from '../db/repos/batches';
import { listVendorRegions } from '../db/repos/prices';
import { ledgerTotals } from '../db/repos/totals';
import { daysTouchedByBatches, refreshRollups } from '../db/repos/rollups'; // issue 5
import { sql } from '../db/sql';
import { EngineError } from '../errors';
import type { EngineContext } from './context';
import { priceBookFor } from './prices-book';
import { planRecompute, writeRecompute } from './prices-recompute';

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
  };
}

export function listImports(ctx: EngineContext, opts: { includeUndone?: boolean | undefined; limit?: number | undefined }): ImportBatchInfo[] {
  const o: { includeUndone?: boolean; limit?: number } = {};
  if (opts.includeUndone !== undefined) o.includeUndone = opts.includeUndone;
  if (opts.limit !== undefined) o.limit = opts.limit;
  return listBatches(ctx.db, o).map(batchInfo);
}

/**
 * The rows an undo is about to put back from fact_history carry the region they had when they were
 * revised; the user may have moved their vendor since (vendors.setRegion moves usage_facts, not
 * history). Give them the user's region before they go back (the registry's answer: the user's region
 * for a moved vendor, else the built-in one), so no second pass after the undo is needed. Their days are
 * among daysTouchedByBatches, whose rollups the undo refreshes.
 */
function reRegionHistory(db: WritableDb, batchId: number): void {
  const registry = createVendorRegistry(listVendorRegions(db));
  const vendors = all<{ vendor: string }>(db, sql`SELECT DISTINCT vendor FROM fact_history WHERE revised_by_batch_id = ${batchId} AND vendor IS NOT NULL`);
  for (const { vendor } of vendors) {
    const region = registry.regionOf(vendor);
    run(db, sql`UPDATE fact_history SET origin_region = ${region} WHERE revised_by_batch_id = ${batchId} AND vendor = ${vendor} AND origin_region IS NOT ${region}`);
  }
}

/** Models (canonical ids) of the rows an undo puts back: they are re-priced with the ledger's book once restored. */
function restoredModels(db: WritableDb, batchId: number): string[] {
  return all<{ model: string }>(db, sql`SELECT DISTINCT model FROM fact_history WHERE revised_by_batch_id = ${batchId} AND model IS NOT NULL AND line_type = 'usage'`).map((r) => r.model);
}

/**
 * Undo a batch: the ledger goes back to exactly what it was before it (its facts removed, the facts it
 * revised restored, token coverage it recorded dropped). Refused while a later batch revised this one's
 * facts: undo that one first, or the later values would be lost.
 *
 * The restored facts' numbers are the ones they had; their estimate and region are the ledger's of
 * today (the user may have changed prices or moved a vendor since they were revised), set in the undo's
 * own transaction. (This used to be ledger-change hooks after the commit, which a crash in between could
 * skip; imports now price and place their facts inside their own transaction, see import-normalize.ts.)
 * Re-pricing goes through prices-recompute.ts, scoped to the restored facts' models: the same code and
 * book as any recompute, and it changes only facts that disagree with the ledger's book.
 */
export function undoImport(ctx: EngineContext, batchId: number): ImportUndoResult {
  const result = transaction(ctx.db, () => {
    const batch = getBatch(ctx.db, batchId);
    if (!batch) throw new EngineError('NOT_FOUND', `No import batch ${batchId}`);
    if (batch.status === 'undone') throw new EngineError('CONFLICT', `Batch ${batchId} (${batch.file_name}) was already undone`);
    const later = laterReviser(ctx.db, batchId);
    if (later !== undefined) {
      const l = getBatch(ctx.db, later);
      throw new EngineError(
        'CONFLICT',
        `Batch ${later} (${l?.file_name ?? '?'}) revised rows of batch ${batchId}; undo batch ${later} first`,
        { blockingBatchId: later },
      );
    }
    const days = daysTouchedByBatches(ctx.db, [batchId]); // issue 5: read before the rows go
    reRegionHistory(ctx.db, batchId);
    const models = restoredModels(ctx.db, batchId);
    const undone = undoBatchRows(ctx.db, batchId, ctx.now());
    let repriced = new Set<string>();
    if (models.length > 0) {
      const plan = planRecompute(ctx.db, priceBookFor(ctx.db), { models });
      writeRecompute(ctx.db, plan); // refreshes the rollups of the days it changed
      repriced = new Set(plan.days);
    }
    refreshRollups(ctx.db, days.filter((d) => !repriced.has(d))); // issue 5: rollups kept current in the undo
    return undone;
  });
  ctx.emit('ledger.changed', { reason: 'undo' });
  return { batchId, removed: result.removed, restored: result.restored, totals: ledgerTotals(ctx.db, {}) };
}
