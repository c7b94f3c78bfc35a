/** import_file_state: what the last import read of each file it imported from a path (see file-state.ts). */
import { preparedOnce, run, runPrepared, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';

export interface FileState {
  path: string;
  format: string;
  batchId: number;
  /** Bytes read (the file's size when it was read to its end). */
  size: number;
  /** Modification time seen before that read. */
  mtimeMs: number;
  headSha256: string;
  /** Offset just after the last complete line read, the lines before it, and a hash of the bytes ending there. */
  lineEnd: number;
  lines: number;
  tailSha256: string;
}

/** How a file is to be read: not at all, from an offset, or whole (file-state.ts planReading). */
export type Reading =
  | { kind: 'unchanged'; state: FileState }
  | { kind: 'from'; offset: number; lines: number; state: FileState }
  | { kind: 'whole'; state: FileState | null };

/** The file's state, if the batch that last read it is still committed (an undone batch's reading does not count). */
export function readFileState(db: ReadableDb, path: string): FileState | null {
  // Read once per file of every import (and its preview): prepared once per connection.
  const r = preparedOnce(db, `SELECT s.* FROM import_file_state s JOIN import_batches b ON b.id = s.batch_id AND b.status = 'committed' WHERE s.path = ?`).get(path) as
    | { path: string; format: string; batch_id: number; size: number; mtime_ms: number; head_sha256: string; line_end: number; lines: number; tail_sha256: string }
    | undefined;
  if (!r) return null;
  return { path: r.path, format: r.format, batchId: r.batch_id, size: r.size, mtimeMs: r.mtime_ms, headSha256: r.head_sha256, lineEnd: r.line_end, lines: r.lines, tailSha256: r.tail_sha256 };
}

export function writeFileState(db: WritableDb, s: FileState, now: number): void {
  runPrepared(
    db,
    sql`INSERT INTO import_file_state (path, format, batch_id, size, mtime_ms, head_sha256, line_end, lines, tail_sha256, updated_at)
        VALUES (${s.path}, ${s.format}, ${s.batchId}, ${s.size}, ${Math.trunc(s.mtimeMs)}, ${s.headSha256}, ${s.lineEnd}, ${s.lines}, ${s.tailSha256}, ${now})
        ON CONFLICT (path) DO UPDATE SET format = excluded.format, batch_id = excluded.batch_id, size = excluded.size, mtime_ms = excluded.mtime_ms,
          head_sha256 = excluded.head_sha256, line_end = excluded.line_end, lines = excluded.lines, tail_sha256 = excluded.tail_sha256, updated_at = excluded.updated_at`,
  );
}

/**
 * Forget what was read of the files an undone batch read: the next import reads them whole again (the
 * facts before the remembered offset may be the ones the undo took out).
 */
export function forgetFileStates(db: WritableDb, batchIds: readonly number[]): void {
  for (const id of batchIds) {
    run(db, sql`DELETE FROM import_file_state WHERE path IN (SELECT file_path FROM import_batches WHERE id = ${id} AND file_path IS NOT NULL)`);
  }
}

/** A batch that read a log again and found nothing to add (no fact, revision or bad row): it and the claims it made go. */
export function dropEmptyBatch(db: WritableDb, batchId: number): void {
  run(db, sql`DELETE FROM fact_claims WHERE batch_id = ${batchId}`);
  run(db, sql`DELETE FROM import_batches WHERE id = ${batchId}`);
}
