/**
 * "Load demo data": generate the demo's exports for the engine's clock (demo-story/), import them through
 * the real import pipeline as batches marked demo, and add the names, prices and budgets of the story;
 * "Remove demo data" undoes exactly those batches and takes the rest out, in one transaction.
 */
import { saidError } from '../said-error';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DemoRemoveResult, DemoResult, DemoStatus } from '../../../shared/contract/types';
import type { EngineContext } from '../context';
import { EngineError } from '../errors';
import { transaction } from '../ledger/db';
import { ledgerTotals } from '../reports/totals-store';
import { demoBatches, setBatchFileName } from './batch-store';
import { undoInTransaction } from './history';
import { importPaths } from './service';
import { addDemoPrices, addDemoSetup, demoFiles, removeDemoSetup } from './demo-story';
import { planRecompute, scopeFor, writeRecompute } from '../pricing/recompute';
import { priceBookFor } from '../pricing/book';

export function demoStatus(ctx: EngineContext): DemoStatus {
  const batches = demoBatches(ctx.db);
  return { loaded: batches.length > 0, batches: batches.length };
}

/** Generate and import the demo, once: while demo batches are in the ledger, loading again adds nothing. */
export async function loadDemo(ctx: EngineContext): Promise<DemoResult> {
  const existing = demoBatches(ctx.db);
  if (existing.length > 0) {
    return {
      alreadyLoaded: true,
      files: existing.map((b) => ({ file: basename(b.file_name), format: b.format, batchId: b.id, rowsNew: b.rows_new })),
      totals: ledgerTotals(ctx.db, {}),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tokenledger-demo-'));
  let result: Awaited<ReturnType<typeof importPaths>>;
  try {
    const files = demoFiles(ctx.now()).map((f) => {
      writeFileSync(join(dir, f.name), f.text);
      return join(dir, f.name);
    });
    transaction(ctx.db, () => addDemoPrices(ctx.db, ctx.now()));
    try {
      result = await importPaths(ctx, files, { onError: 'abort', label: 'Demo data', demo: true });
    } catch (e) {
      transaction(ctx.db, () => removeDemoSetup(ctx.db));
      throw e;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  transaction(ctx.db, () => {
    for (const f of result.files) if (typeof f.batchId === 'number') setBatchFileName(ctx.db, f.batchId, basename(f.file));
    addDemoSetup(ctx);
  });
  return {
    alreadyLoaded: false,
    // The files were written to a temporary folder that is gone: their names say what they are.
    files: result.files.map((f) => ({ file: basename(f.file), format: f.format, batchId: f.batchId ?? 0, rowsNew: f.counts.new })),
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
  if (batches.length === 0) throw saidError('NOT_FOUND', 'engine.error.noDemo');
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
        throw saidError('CONFLICT', 'engine.error.demoRevisedBy', { blocking, file: basename(b.file_name) }, { blockingBatchId: blocking });
      }
    }
    // The demo's prices go with it; whatever else was priced with them is priced again without them.
    if (removeDemoSetup(ctx.db).prices) writeRecompute(ctx.db, planRecompute(ctx.db, priceBookFor(ctx.db), scopeFor(['deepseek-chat'])));
    return { removed, restored };
  });
  return { batches: batches.length, removed: result.removed, restored: result.restored, totals: ledgerTotals(ctx.db, {}) };
}
