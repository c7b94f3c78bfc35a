/**
 * "Load demo data": import the bundled sample exports through the real import pipeline, as batches
 * marked demo; "Remove demo data" undoes exactly those batches, in one transaction.
 * One token source per vendor, plus the cost files that bill them (OpenAI, Anthropic), so the
 * demo shows spend that is billed where a bill covers it and estimated elsewhere.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DemoRemoveResult, DemoResult, DemoStatus } from '../../../shared/contract/types';
import type { EngineContext } from '../context';
import { EngineError } from '../errors';
import { transaction } from '../ledger/db';
import { ledgerTotals } from '../reports/totals-store';
import { demoBatches } from './batch-store';
import { undoInTransaction } from './history';
import { importPaths } from './service';

export function demoStatus(ctx: EngineContext): DemoStatus {
  const batches = demoBatches(ctx.db);
  return { loaded: batches.length > 0, batches: batches.length };
}

/** Import the samples, once: while demo batches are in the ledger, loading again adds nothing. */
export async function loadDemo(ctx: EngineContext): Promise<DemoResult> {
  const existing = demoBatches(ctx.db);
  if (existing.length > 0) {
    return {
      alreadyLoaded: true,
      files: existing.map((b) => ({ file: b.file_name, format: b.format, batchId: b.id, rowsNew: b.rows_new })),
      totals: ledgerTotals(ctx.db, {}),
    };
  }
  const files = readdirSync(ctx.demoDir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => join(ctx.demoDir, f));
  const result = await importPaths(ctx, files, { onError: 'abort', label: 'Demo data', demo: true });
  return {
    alreadyLoaded: false,
    files: result.files.map((f) => ({ file: f.file, format: f.format, batchId: f.batchId ?? 0, rowsNew: f.counts.new })),
    totals: ledgerTotals(ctx.db, {}),
  };
}

/**
 * Take every demo batch out in one step (latest first, so a demo batch that revised another goes before
 * it). All or nothing: when one of the user's own imports revised demo rows, nothing is removed and the
 * error names that import.
 */
export function removeDemo(ctx: EngineContext): DemoRemoveResult {
  const batches = demoBatches(ctx.db);
  if (batches.length === 0) throw new EngineError('NOT_FOUND', 'There is no demo data in this ledger');
  const demoIds = new Set(batches.map((b) => b.id));
  const result = transaction(ctx.db, () => {
    let removed = 0;
    let restored = 0;
    for (const b of [...batches].reverse()) {
      try {
        const r = undoInTransaction(ctx, b.id);
        removed += r.removed;
        restored += r.restored;
      } catch (e) {
        const blocking = e instanceof EngineError ? (e.details as { blockingBatchId?: number } | undefined)?.blockingBatchId : undefined;
        if (blocking === undefined || demoIds.has(blocking)) throw e;
        throw new EngineError('CONFLICT', `Import batch ${blocking} revised rows of the demo data (${basename(b.file_name)}); undo batch ${blocking} first`, {
          blockingBatchId: blocking,
        });
      }
    }
    return { removed, restored };
  });
  return { batches: batches.length, removed: result.removed, restored: result.restored, totals: ledgerTotals(ctx.db, {}) };
}
