/**
 * import_batches: one row per imported file, written in the same transaction as its facts (import
 * state kept apart from the data drifts), and undoing a batch's rows.
 */
import { all, preparedOnce, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { FACT_COLUMNS } from '../ledger/facts';
import { sql } from '../ledger/sql';
import { providersOfBatch, recordCoverage, refreshCountsTokens, type CoverageFound } from './coverage-store';
import type { ImportOverlap } from '../../../shared/contract/types';

export interface BatchCounts {
  new: number;
  duplicate: number;
  revised: number;
  skipped: number;
  error: number;
}

export interface NewBatch {
  createdAt: number;
  fileName: string;
  filePath: string | null;
  sha256: string;
  format: string;
  provider: string | null;
  grain: string | null;
  bytes: number;
  label: string | null;
  importId: string | null;
  /** One of the bundled sample exports ("Remove demo data" takes these out). */
  demo: boolean;
}

export interface BatchRow {
  id: number;
  created_at: number;
  file_name: string;
  file_path: string | null;
  sha256: string;
  format: string;
  provider: string | null;
  grain: string | null;
  bytes: number;
  status: 'committed' | 'undone';
  undone_at: number | null;
  rows_new: number;
  rows_duplicate: number;
  rows_revised: number;
  rows_skipped: number;
  rows_error: number;
  label: string | null;
  import_id: string | null;
  demo: number;
  /** The merged bundle that brought it (null: this machine's own import). */
  bundle_id: number | null;
}

export function insertBatch(db: WritableDb, b: NewBatch): number {
  const r = preparedOnce(
    db,
    `INSERT INTO import_batches (created_at, file_name, file_path, sha256, format, provider, grain, bytes, label, import_id, demo)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(b.createdAt, b.fileName, b.filePath, b.sha256, b.format, b.provider, b.grain, b.bytes, b.label, b.importId, b.demo ? 1 : 0);
  return Number(r.lastInsertRowid);
}

/** The demo batches still in the ledger, oldest first. */
export function demoBatches(db: ReadableDb): Pick<BatchRow, 'id' | 'file_name' | 'format' | 'rows_new'>[] {
  return all(db, sql`SELECT id, file_name, format, rows_new FROM import_batches WHERE demo = 1 AND status = 'committed' ORDER BY id`);
}

export function setBatchCounts(db: WritableDb, id: number, c: BatchCounts): void {
  preparedOnce(db, `UPDATE import_batches SET rows_new = ?, rows_duplicate = ?, rows_revised = ?, rows_skipped = ?, rows_error = ? WHERE id = ?`).run(c.new, c.duplicate, c.revised, c.skipped, c.error, id);
}

export function getBatch(db: ReadableDb, id: number): BatchRow | undefined {
  return db.prepare('SELECT * FROM import_batches WHERE id = ?').get(id) as BatchRow | undefined;
}

export function listBatches(db: ReadableDb, opts: { includeUndone?: boolean | undefined; limit?: number | undefined } = {}): BatchRow[] {
  return db
    .prepare(
      `SELECT * FROM import_batches ${opts.includeUndone === false ? "WHERE status = 'committed'" : ''}
       ORDER BY id DESC LIMIT ?`,
    )
    .all(opts.limit ?? 1000) as BatchRow[];
}

export function batchFileNames(db: ReadableDb, ids: readonly number[]): Map<number, { file: string; format: string }> {
  const out = new Map<number, { file: string; format: string }>();
  const stmt = preparedOnce(db, 'SELECT file_name, format FROM import_batches WHERE id = ?');
  for (const id of ids) {
    const r = stmt.get(id) as { file_name: string; format: string } | undefined;
    if (r) out.set(id, { file: r.file_name, format: r.format });
  }
  return out;
}

/** A committed batch that revised facts of `batchId`: undo that one first. */
export function laterReviser(db: ReadableDb, batchId: number): number | undefined {
  const r = db
    .prepare(
      `SELECT h.revised_by_batch_id AS id FROM fact_history h JOIN import_batches b ON b.id = h.revised_by_batch_id
       WHERE h.batch_id = ? AND b.status = 'committed' ORDER BY h.revised_by_batch_id DESC LIMIT 1`,
    )
    .get(batchId) as { id: number } | undefined;
  return r?.id;
}

export interface UndoCounts {
  removed: number;
  restored: number;
  tokensRecounted: number;
  /** Facts kept because a later committed batch also contained them (now owned by that batch). */
  kept: number;
}

/**
 * Put the ledger back as it was before `batchId` (call inside a transaction): drop its claims and the
 * coverage it recorded or won; a fact it brought that a committed batch still claims passes to the
 * earliest such batch (fact_claims), the others are deleted; the rows it revised come back (same id, old
 * values); counts_tokens is recomputed, and coverage is found again for the batches that received facts.
 */
export function undoBatchRows(db: WritableDb, batchId: number, now: number): UndoCounts {
  const affected = new Set<number>(
    (
      db
        .prepare(
          `SELECT fact_id FROM token_supersessions WHERE created_by_batch_id = ? OR superseding_batch_id = ?`,
        )
        .pluck()
        .all(batchId, batchId) as number[]
    ).map(Number),
  );
  db.prepare('DELETE FROM token_supersessions WHERE created_by_batch_id = ? OR superseding_batch_id = ?').run(batchId, batchId);
  db.prepare('DELETE FROM fact_claims WHERE batch_id = ?').run(batchId);

  // Facts this batch brought (not the ones it revised: those go back to their old values) that another
  // committed batch also contained: the earliest claimant becomes the owner.
  const heirs = db
    .prepare(
      `SELECT c.fact_id AS id, c.batch_id AS heir, c.source_line AS line, b.format AS format
       FROM fact_claims c JOIN usage_facts f ON f.id = c.fact_id JOIN import_batches b ON b.id = c.batch_id
       WHERE f.batch_id = ? AND b.status = 'committed'
         AND NOT EXISTS (SELECT 1 FROM fact_history h WHERE h.revised_by_batch_id = ? AND h.id = f.id)
         AND c.batch_id = (SELECT min(c2.batch_id) FROM fact_claims c2 JOIN import_batches b2 ON b2.id = c2.batch_id
                           WHERE c2.fact_id = c.fact_id AND b2.status = 'committed')`,
    )
    .all(batchId, batchId) as Array<{ id: number; heir: number; line: number | null; format: string }>;
  const pass = db.prepare('UPDATE usage_facts SET batch_id = ?, source_line = ?, format = ? WHERE id = ?');
  const unclaim = db.prepare('DELETE FROM fact_claims WHERE fact_id = ? AND batch_id = ?');
  const receivers = new Set<number>();
  for (const h of heirs) {
    pass.run(h.heir, h.line, h.format, h.id);
    unclaim.run(h.id, h.heir);
    receivers.add(h.heir);
    affected.add(h.id);
  }

  const removed = db.prepare('DELETE FROM usage_facts WHERE batch_id = ?').run(batchId).changes;
  const cols = FACT_COLUMNS.join(', ');
  const restored = db
    .prepare(`INSERT INTO usage_facts (id, ${cols}) SELECT id, ${cols} FROM fact_history WHERE revised_by_batch_id = ?`)
    .run(batchId).changes;
  for (const id of db.prepare('SELECT id FROM fact_history WHERE revised_by_batch_id = ?').pluck().all(batchId) as number[]) {
    affected.add(Number(id));
  }
  db.prepare('DELETE FROM fact_history WHERE revised_by_batch_id = ?').run(batchId);
  db.prepare(`UPDATE import_batches SET status = 'undone', undone_at = ? WHERE id = ?`).run(now, batchId);
  const existing = db.prepare('SELECT 1 FROM usage_facts WHERE id = ?').pluck();
  const live = [...affected].filter((id) => existing.get(id) !== undefined);
  refreshCountsTokens(db, live);
  // The coverage the undone batch won or recorded may still hold through the facts a receiver now owns.
  for (const r of [...receivers].sort((a, b) => a - b)) recordCoverage(db, r, providersOfBatch(db, r));
  return { removed: Math.max(0, removed - restored), restored, tokensRecounted: live.length, kept: heirs.length };
}

/**
 * UTC days whose derived rows a batch's commit or undo changes: its own facts, the facts it revised (their
 * earlier values), and facts whose token coverage it recorded. Read before an undo removes the rows.
 */
export function daysTouchedByBatches(db: ReadableDb, batchIds: readonly number[]): string[] {
  if (batchIds.length === 0) return [];
  const rows = all<{ day: string }>(
    db,
    sql`SELECT day FROM usage_facts WHERE batch_id IN ${sql.in(batchIds)}
        UNION SELECT day FROM fact_history WHERE revised_by_batch_id IN ${sql.in(batchIds)} OR batch_id IN ${sql.in(batchIds)}
        UNION SELECT f.day FROM token_supersessions s JOIN usage_facts f ON f.id = s.fact_id
          WHERE s.superseding_batch_id IN ${sql.in(batchIds)} OR s.created_by_batch_id IN ${sql.in(batchIds)}`,
  );
  return rows.map((r) => r.day);
}

/** Record the sha-256 of a batch's file (hashed while it streamed, known at its end). */
/** The demo's files are generated into a temporary folder: its batches keep the file's name, not that path. */
export function setBatchFileName(db: WritableDb, id: number, fileName: string): void {
  run(db, sql`UPDATE import_batches SET file_name = ${fileName} WHERE id = ${id}`);
}

export function setBatchSha256(db: WritableDb, id: number, sha256: string): void {
  preparedOnce(db, 'UPDATE import_batches SET sha256 = ? WHERE id = ?').run(sha256, id);
}

/** Vendors of the rows fact_history keeps for a batch's revisions (what an undo puts back). */
export function historyVendors(db: ReadableDb, batchId: number): string[] {
  return all<{ vendor: string }>(db, sql`SELECT DISTINCT vendor FROM fact_history WHERE revised_by_batch_id = ${batchId} AND vendor IS NOT NULL`).map((r) => r.vendor);
}

/** Give a vendor's rows kept for a batch's revisions this origin region. */
export function setHistoryRegion(db: WritableDb, batchId: number, vendor: string, region: string | null): void {
  run(db, sql`UPDATE fact_history SET origin_region = ${region} WHERE revised_by_batch_id = ${batchId} AND vendor = ${vendor} AND origin_region IS NOT ${region}`);
}

/** Models (canonical ids) of the usage rows an undo of this batch puts back: they are re-priced once restored. */
export function restoredModels(db: ReadableDb, batchId: number): string[] {
  return all<{ model: string }>(db, sql`SELECT DISTINCT model FROM fact_history WHERE revised_by_batch_id = ${batchId} AND model IS NOT NULL AND line_type = 'usage'`).map((r) => r.model);
}

/** A file's overlaps with earlier batches (recordCoverage found them), as its import result says them. */
export function summarizeOverlaps(db: WritableDb, batchId: number, found: readonly CoverageFound[]): ImportOverlap[] {
  const others = found.map((c) => (c.winnerBatchId === batchId ? c.coveredBatchId : c.winnerBatchId));
  const names = batchFileNames(db, others);
  return found.map((c, i) => {
    const id = others[i]!;
    return {
      batchId: id,
      file: names.get(id)?.file ?? `batch ${id}`,
      format: names.get(id)?.format ?? 'unknown',
      kind: c.kind === 'usage' ? 'tokens' : 'bill',
      winner: c.winnerBatchId === batchId ? 'this' : 'earlier',
      days: c.days,
      models: c.models,
      facts: c.facts,
    };
  });
}
