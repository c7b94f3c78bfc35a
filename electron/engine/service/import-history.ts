/** The history of import batches and undo (DESIGN.md §2: every import is a batch that can be undone). */
import type { ImportBatchInfo, ImportUndoResult } from '../../../shared/contract/types';
import { transaction } from '../db/connection';
import { getBatch, laterReviser, listBatches, undoBatchRows, type BatchRow } from '../db/repos/batches';
import { ledgerTotals } from '../db/repos/totals';
import { daysTouchedByBatches, refreshRollups } from '../db/repos/rollups'; // issue 5
import { EngineError } from '../errors';
import type { EngineContext } from './context';

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
 * Undo a batch: the ledger goes back to exactly what it was before it (its facts removed, the facts it
 * revised restored, token coverage it recorded dropped). Refused while a later batch revised this one's
 * facts: undo that one first, or the later values would be lost.
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
    const undone = undoBatchRows(ctx.db, batchId, Date.now());
    refreshRollups(ctx.db, days); // issue 5: rollups kept current in the undo
    return undone;
  });
  ctx.emit('ledger.changed', { reason: 'undo' });
  return { batchId, removed: result.removed, restored: result.restored, totals: ledgerTotals(ctx.db, {}) };
}
