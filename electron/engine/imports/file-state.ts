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
import { stat } from 'node:fs/promises';
import type { ImportCounts, ImportFileResult } from '../../../shared/contract/types';
import type { Importer } from '../importers/types';
import type { ReadableDb, WritableDb } from '../ledger/db';
import { emptyCounts } from './classify';
import { headHash, readingEnd, tailHash, type ImportFile } from './files';
import { dropEmptyBatch, readFileState, writeFileState, type FileState, type Reading } from './file-state-store';
import type { ChosenFile } from './identify';
import type { FileEnd, ParseJob } from './parse';

/** What the ledger remembers of a file read from a path (an upload's temp copy: nothing). */
export const rememberedState = (db: ReadableDb, file: ImportFile): FileState | null => (file.storedPath === null ? null : readFileState(db, file.path));

/** Compare a file with what the ledger remembers of it (`state`: rememberedState's); `mtimeMs` is what the file says now. */
export async function planReading(db: ReadableDb, file: ImportFile, state = rememberedState(db, file)): Promise<{ reading: Reading; mtimeMs: number }> {
  const st = await stat(file.path);
  if (!state) return { reading: { kind: 'whole', state: null }, mtimeMs: st.mtimeMs };
  if (st.size < state.lineEnd || headHash(file.path, state.lineEnd) !== state.headSha256) return { reading: { kind: 'whole', state }, mtimeMs: st.mtimeMs };
  if (st.size === state.size && Math.trunc(st.mtimeMs) === state.mtimeMs) return { reading: { kind: 'unchanged', state }, mtimeMs: st.mtimeMs };
  if (tailHash(file.path, state.lineEnd) !== state.tailSha256) return { reading: { kind: 'whole', state }, mtimeMs: st.mtimeMs };
  return { reading: { kind: 'from', offset: state.lineEnd, lines: state.lines, state }, mtimeMs: st.mtimeMs };
}

/** Whether the ledger keeps the file's state after reading it (rememberReading): read from a path, planned, and not a format read whole every time. */
const remembered = (c: ChosenFile, importer: Importer): boolean => c.file.storedPath !== null && c.plan !== undefined && !importer.alwaysRead;

/** The job of a chosen file: from the remembered offset when its format's lines stand alone and it grew. */
export function jobFor(c: ChosenFile, importer: Importer): ParseJob {
  const r = c.plan?.reading;
  const probe = remembered(c, importer);
  if (r?.kind !== 'from' || importer.log !== 'lines' || r.state.format !== importer.id) return probe ? { ...c.job, probe } : c.job;
  return { ...c.job, from: { offset: r.offset, lines: r.lines }, probe };
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
export function rememberReading(db: WritableDb, c: ChosenFile, importer: Importer, batchId: number, end: FileEnd, counts: ImportCounts, now: number): number | null {
  if (!remembered(c, importer) || !c.plan) return batchId;
  const previous = c.plan.reading.state;
  const addedNothing = counts.new + counts.revised + counts.error === 0;
  const keep = importer.log && previous && addedNothing ? previous.batchId : batchId;
  if (keep !== batchId) dropEmptyBatch(db, batchId);
  const lineEnd = readingEnd(importer, end.lineEnd, end.size);
  // Hashed by the parser as it ended the file (off the inserting thread), when it stopped where this state does.
  const probes = end.probes?.at === lineEnd ? end.probes : undefined;
  const state: FileState = {
    path: c.file.path,
    format: importer.id,
    batchId: keep,
    size: end.size,
    mtimeMs: c.plan.mtimeMs,
    headSha256: probes?.head ?? headHash(c.file.path, lineEnd),
    lineEnd,
    lines: end.lines,
    tailSha256: probes?.tail ?? tailHash(c.file.path, lineEnd),
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
