/**
 * Reading a file again without reading what an earlier import already read. Before an import, each file
 * on disk is compared with the state the ledger keeps of it (file-state-store.ts): same size, same
 * modification time and same head -> unchanged, not read at all (an agent's log or a provider's export
 * alike); an agent's log grown, with its head and the bytes before the last line read unchanged -> read
 * from there ('lines' formats); anything else (truncated, rewritten, an export, a format whose lines
 * depend on earlier ones) -> read whole, and the ledger's identities keep what was imported before from
 * counting twice. After the import, the state is written in its transaction.
 */
import { labelSaidAs } from './mappings/profile-importer';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ImportCounts, ImportFileResult } from '../../../shared/contract/types';
import type { Importer } from '../importers/types';
import type { ReadableDb, WritableDb } from '../ledger/db';
import { emptyCounts } from './classify';
import type { ImportFile } from './files';
import { dropEmptyBatch, readFileState, writeFileState, type FileState, type Reading } from './file-state-store';
import type { ChosenFile } from './identify';
import type { FileEnd, ParseJob } from './parse';

/** Bytes hashed at the head of a file and before its last line read. */
const PROBE_BYTES = 4096;


/**
 * sha-256 of the bytes [from, to) of a file (fewer when the file is shorter). At most PROBE_BYTES, read
 * with blocking calls: an asynchronous open, read and close of a few KB cost the inserting thread ~1 ms a
 * file in promise and thread-pool round trips, over hundreds of session files.
 */
export async function hashRange(path: string, from: number, to: number): Promise<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, to - from));
    const bytesRead = readSync(fd, buf, 0, buf.length, from);
    return createHash('sha256').update(buf.subarray(0, bytesRead)).digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** The head that must not change: the first bytes, never past the end of the last line read (a line still being written may). */
export const headHash = (path: string, lineEnd: number) => hashRange(path, 0, Math.min(PROBE_BYTES, lineEnd));
export const tailHash = (path: string, lineEnd: number) => hashRange(path, Math.max(0, lineEnd - PROBE_BYTES), lineEnd);

/** Compare a file with what the ledger remembers of it; `mtimeMs` is what the file says now. */
export async function planReading(db: ReadableDb, file: ImportFile): Promise<{ reading: Reading; mtimeMs: number }> {
  const st = await stat(file.path);
  const state = file.storedPath === null ? null : readFileState(db, file.path);
  if (!state) return { reading: { kind: 'whole', state: null }, mtimeMs: st.mtimeMs };
  if (st.size < state.lineEnd || (await headHash(file.path, state.lineEnd)) !== state.headSha256) return { reading: { kind: 'whole', state }, mtimeMs: st.mtimeMs };
  if (st.size === state.size && Math.trunc(st.mtimeMs) === state.mtimeMs) return { reading: { kind: 'unchanged', state }, mtimeMs: st.mtimeMs };
  if ((await tailHash(file.path, state.lineEnd)) !== state.tailSha256) return { reading: { kind: 'whole', state }, mtimeMs: st.mtimeMs };
  return { reading: { kind: 'from', offset: state.lineEnd, lines: state.lines, state }, mtimeMs: st.mtimeMs };
}

/** The job of a chosen file: from the remembered offset when its format's lines stand alone and it grew. */
export function jobFor(c: ChosenFile, importer: Importer): ParseJob {
  const r = c.plan?.reading;
  if (r?.kind !== 'from' || importer.log !== 'lines' || r.state.format !== importer.id) return c.job;
  return { ...c.job, from: { offset: r.offset, lines: r.lines } };
}

/**
 * After a file was read in an import's transaction: remember how it looked, so that an import of it
 * unchanged (same size, modification time and head) does not read it again. For an agent's log, where the
 * reading ended too (the next one starts there when the file grew), and a change that added nothing (no
 * new or revised fact, no bad row) to a log read before leaves no batch behind: its batch (and the claims
 * it made on facts already there) is removed and the state stays with the batch that read the file
 * before. A provider's export is read whole whenever it changed, and every such reading keeps its batch.
 * Returns the batch the file's result names (null: none).
 */
export async function rememberReading(db: WritableDb, c: ChosenFile, importer: Importer, batchId: number, end: FileEnd, counts: ImportCounts, now: number): Promise<number | null> {
  if (c.file.storedPath === null || !c.plan || importer.alwaysRead) return batchId;
  const previous = c.plan.reading.state;
  const addedNothing = counts.new + counts.revised + counts.error === 0;
  const keep = importer.log && previous && addedNothing ? previous.batchId : batchId;
  if (keep !== batchId) dropEmptyBatch(db, batchId);
  // An export is one document: its "last line read" is its end.
  const lineEnd = importer.log ? end.lineEnd : end.size;
  const state: FileState = {
    path: c.file.path,
    format: importer.id,
    batchId: keep,
    size: end.size,
    mtimeMs: c.plan.mtimeMs,
    headSha256: await headHash(c.file.path, lineEnd),
    lineEnd,
    lines: end.lines,
    tailSha256: await tailHash(c.file.path, lineEnd),
  };
  writeFileState(db, state, now);
  return keep === batchId ? batchId : null;
}

/** What an import says of a file it did not read: already imported and unchanged since. */
export function unchangedResult(file: ImportFile, state: FileState, importers: readonly Importer[]): ImportFileResult {
  const importer = importers.find((i) => i.id === state.format);
  return {
    file: file.name,
    format: state.format,
    formatLabel: importer?.label ?? state.format,
    ...labelSaidAs('formatSaid', importer),
    provider: importer?.provider ?? null,
    sha256: '',
    bytes: file.bytes,
    batchId: null,
    unchanged: true,
    counts: emptyCounts(),
    totals: [],
    issues: [],
    issueCount: 0,
    sample: [],
    overlaps: [],
  };
}
