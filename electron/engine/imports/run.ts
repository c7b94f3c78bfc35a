/**
 * One run of the import pipeline, streamed end to end, in ONE write transaction:
 *   [parser: parse -> validate -> normalize, in chunks] -> classify each chunk against the ledger and
 *   write it -> coverage (token and bill overlap) -> derived tables -> COMMIT, or ROLLBACK for a preview.
 *
 * The transaction runs on a connection of its own (so the engine's other requests keep reading the
 * ledger as it was, and never write into a transaction a preview rolls back). Nothing is held per row
 * beyond one chunk: a run keeps counts, totals per model, the first MAX_ISSUES issues, a sample and the
 * overlaps. A failure, a cancel or a kill at any point leaves the ledger as it was (SQLite's rollback /
 * WAL recovery): the transaction is the only place rows are written.
 */
import { labelSaidAs } from './mappings/profile-importer';
import type { ImportFileResult, ImportOverlap, ImportRowIssue } from '../../../shared/contract/types';
import type { EngineContext } from '../context';
import { EngineError } from '../errors';
import type { Importer } from '../importers/types';
import type { Worker } from 'node:worker_threads';
import { beginWrite, type WritableDb } from '../ledger/db';
import { importConnection } from './import-connection';
import { lastFactId, refreshDerived } from '../ledger/derived';
import { listVendorRegions, overridesForBook, sourceEntries } from '../pricing/store';
import { admitChunk, LedgerCapacity } from './capacity-store';
import { insertBatch, setBatchCounts, setBatchSha256, summarizeOverlaps } from './batch-store';
import { FILES_AHEAD, LOG_FILE_BYTES, openChunkSource, PREFETCH_FILES, worthAWorker, type ChunkSource, type NextFile } from './chunk-source';
import { importers as registered } from '../importers/registry';
import { classifyChunk, emptyCounts, ModelTotals, type ChunkTime, type FileTally } from './classify';
import { emptyCoverageSides, recordCoverage } from './coverage-store';
import { factWriter } from './fact-store';
import { closedMonthList, holdClosedMonthFacts } from '../closing/hold-store';
import { jobFor, rememberReading } from './file-state';
import { answersHold, Identification, type ChosenFile } from './identify';
import { listed, type FileFeed } from './file-feed';
import { sha256File, type ImportFile } from './files';
import type { LedgerPricing } from './normalize';
import { cancelledError, MAX_ISSUES, rowMessage, type FileEnd, type ParsedChunk } from './parse';
import { said } from '../../../shared/i18n/said';
import { saidError } from '../said-error';
import { progressReporter } from './progress';
import { DirtyDays, type RollupTime } from './dirty-days';

export type OnError = 'skip' | 'abort';

export interface RunOptions {
  label: string | null;
  /** The batches are the bundled demo data. */
  demo?: boolean;
  importId: string;
  onError: OnError;
  /** A preview: everything a commit would do, rolled back. */
  dryRun: boolean;
}

export interface RunOutcome {
  files: ImportFileResult[];
  issues: ImportRowIssue[];
  issueCount: number;
}

/**
 * Where an import's time went (ms), for `npm run bench -- import`: parse (read, decode, parse, map records)
 * and normalize (catalog, price estimate) in the parser (the worker for large imports), the rest in the
 * inserting thread; `waitMs` is that thread waiting for the parser's next chunk.
 */
export interface ImportStats extends RollupTime, ChunkTime {
  threaded: boolean;
  /** The parser worker identified the files (else this thread did, before the run). */
  workerIdentified: boolean;
  rows: number;
  parseMs: number;
  normalizeMs: number;
  waitMs: number;
  coverageMs: number;
  commitMs: number;
  totalMs: number;
  /** Written under the rollback journal, the ledger taken for itself (importConnection's `once`), not through the WAL. */
  writtenOnce: boolean;
}

let lastStats: ImportStats | null = null;
let runs = 0;

/** The figures of the last import run in this process (bench only). */
export function lastImportStats(): ImportStats | null {
  return lastStats;
}

/** How many times the pipeline ran in this process (a preview or a commit is one run each): tests count passes. */
export function importRunCount(): number {
  return runs;
}

/**
 * The ledger's prices and vendor regions for the parser (plain data: it crosses to the worker), read
 * inside the import's write transaction so they cannot change before the commit: the facts are written
 * with the estimate and region the ledger's book and registry give them, in the same transaction.
 */
function ledgerPricing(db: WritableDb): LedgerPricing {
  return { loaded: sourceEntries(db), overrides: overridesForBook(db), vendorRegions: listVendorRegions(db) };
}

function badRowsError(issues: readonly ImportRowIssue[], total: number): EngineError {
  const first = issues[0]!;
  return saidError('BAD_ROWS', 'engine.error.badRows', { total, file: first.file, line: first.line, field: first.field, reason: first.said }, { rows: issues.slice(0, MAX_ISSUES), total });
}

/** What one run shares between its files. */
interface Run {
  ctx: EngineContext;
  db: WritableDb;
  opts: RunOptions;
  signal: AbortSignal;
  source: ChunkSource;
  ledger: LedgerPricing;
  /** The ledger's totals so far: a fact that would make a sum overflow is refused. */
  capacity: LedgerCapacity;
  now: number;
  stats: ImportStats;
  days: DirtyDays;
  issues: ImportRowIssue[];
  issueCount: number;
  /** The ledger has closed months (an import cannot close one): a file's facts in them are held. */
  closedMonths: boolean;
  /** Commit with 'abort' and a bad row: nothing will be written; keep parsing only to count the issues. */
  doomed: boolean;
  /** The files after the one being imported that the parser reads (begun while this one is finished). */
  next?: readonly NextFile[] | undefined;
}

/** An empty or unreadable file (or folder): nothing to import, one issue. */
async function emptyFile(run: Run, c: ChosenFile, base: Omit<ImportFileResult, 'sha256' | 'totals' | 'issues' | 'issueCount' | 'batchId' | 'counts' | 'sample' | 'overlaps'>): Promise<ImportFileResult> {
  const issue = { file: c.file.name, line: 1, field: '(file)', ...rowMessage(c.file.unreadable ?? said('engine.row.fileEmpty')) };
  run.issueCount++;
  if (run.issues.length < MAX_ISSUES) run.issues.push(issue);
  if (run.opts.onError === 'abort' && !run.opts.dryRun) run.doomed = true;
  return { ...base, sha256: c.file.unreadable ? '' : await sha256File(c.file.path), totals: [], issues: [issue], issueCount: 1, batchId: null, counts: { ...emptyCounts(), error: 1 }, sample: [], overlaps: [] };
}

/** A chunk's issues, counts and totals into the file's and the run's. */
function takeChunk(run: Run, chunk: ParsedChunk, file: { tally: FileTally; totals: ModelTotals; issues: ImportRowIssue[] }): void {
  file.tally.counts.duplicate += chunk.merged;
  file.tally.counts.skipped += chunk.skipped;
  file.tally.counts.error += chunk.issueCount;
  run.issueCount += chunk.issueCount;
  for (const i of chunk.issues) {
    file.issues.push(i);
    if (run.issues.length < MAX_ISSUES) run.issues.push(i);
  }
  if (chunk.issueCount > 0 && run.opts.onError === 'abort' && !run.opts.dryRun) run.doomed = true;
  for (const t of chunk.totals) file.totals.add(t);
  run.stats.parseMs += chunk.parseMs;
  run.stats.normalizeMs += chunk.normalizeMs;
  run.stats.rows += chunk.facts.count;
}

/** One file of the run: its batch, its chunks classified and written, its overlaps with earlier batches. */
async function importFile(run: Run, c: ChosenFile): Promise<ImportFileResult> {
  if (run.signal.aborted) throw cancelledError(run.opts.importId);
  const base = {
    file: c.file.name,
    format: c.importer?.id ?? (c.file.unreadable ? 'unreadable' : 'empty'),
    formatLabel: c.importer?.label ?? (c.file.unreadable ? 'Unreadable' : 'Empty file'),
    ...(c.importer ? labelSaidAs('formatSaid', c.importer) : { formatSaid: said(c.file.unreadable ? 'engine.import.unreadable' : 'engine.import.emptyFile') }),
    provider: c.importer?.provider ?? null,
    bytes: c.file.bytes,
  };
  if (c.importer === null) return emptyFile(run, c, base);
  const importer: Importer = c.importer;
  const { db, stats, days } = run;
  const batchId = insertBatch(db, {
    createdAt: run.now,
    fileName: c.file.name,
    filePath: c.file.storedPath,
    sha256: '',
    format: importer.id,
    provider: importer.provider,
    grain: importer.grain,
    bytes: c.file.bytes,
    label: run.opts.label,
    importId: run.opts.importId,
    demo: run.opts.demo === true,
  });
  const writer = factWriter(db, batchId, importer.id);
  const tally: FileTally = {
    counts: emptyCounts(),
    sample: [],
    providers: new Set(),
    sides: emptyCoverageSides(),
    newFactDay: (d) => days.add(d, true),
    touched: (d) => days.add(d, false),
    inserted: (rows, at) => days.inserted(rows, at, batchId),
  };
  const file = { tally, totals: new ModelTotals(), issues: [] as ImportRowIssue[] };
  const progress = progressReporter(run.ctx, run.opts.importId, c.file);
  const gen = run.source.chunks(jobFor(c, importer), importer, run.opts.importId, run.signal, run.ledger, run.next);
  let end: FileEnd;
  for (;;) {
    if (!run.doomed && !run.opts.dryRun) days.refreshIfIdle(db, run.source, stats);
    const w0 = performance.now();
    const r = await gen.next();
    stats.waitMs += performance.now() - w0;
    if (r.done) {
      end = r.value;
      break;
    }
    if (run.signal.aborted) throw cancelledError(run.opts.importId);
    admitChunk(run.capacity, r.value, c.file.name);
    takeChunk(run, r.value, file);
    if (!run.doomed) {
      const t = classifyChunk(db, r.value.facts, { importer, batchId, writer, tally });
      stats.classifyMs += t.classifyMs;
      stats.insertMs += t.insertMs;
      stats.dimFacts += t.dimFacts;
      if (!run.opts.dryRun) days.wrote(db, stats);
    }
    progress.add(r.value.rows, r.value.bytes);
  }
  progress.done();
  let overlaps: ImportOverlap[] = [];
  let kept: number | null = batchId;
  if (!run.doomed) kept = rememberReading(db, c, importer, batchId, end, tally.counts, run.now);
  if (kept !== null && !run.doomed) {
    // What the file brings into a closed month is held, not counted (and finds no overlap).
    // (Checked first: holding deletes facts, so the new ones are added to the rollups before it, a batch per file.)
    if (run.closedMonths) for (const d of days.removing(db, stats, () => holdClosedMonthFacts(db, batchId))) days.add(d, false);
    const c0 = performance.now();
    const found = recordCoverage(db, batchId, [...tally.providers], batchId, tally.sides);
    stats.coverageMs += performance.now() - c0;
    // Coverage changed facts of other batches on these days: their derived rows are recomputed at the end.
    if (found.length > 0) days.reopenAll();
    overlaps = summarizeOverlaps(db, batchId, found);
    setBatchCounts(db, batchId, tally.counts);
    setBatchSha256(db, batchId, end.sha256);
  }
  return { ...base, sha256: end.sha256, totals: file.totals.list(), issues: file.issues, issueCount: tally.counts.error, batchId: kept, counts: tally.counts, sample: tally.sample, overlaps };
}

/** Run the pipeline over identified files: commit, or (dryRun) roll everything back. `early`: chunk-source.ts startParserEarly's worker. */
export function runImport(ctx: EngineContext, chosen: readonly ChosenFile[], opts: RunOptions, signal: AbortSignal, early: Worker | null = null): Promise<RunOutcome> {
  const importers = chosen.flatMap((c) => (c.importer ? [c.importer] : []));
  return pipeline(ctx, listed(chosen), opts, signal, openChunkSource(bytesOf(chosen), importers, early), null, chosen.every((c) => c.file.bytes <= LOG_FILE_BYTES));
}

const bytesOf = (chosen: readonly ChosenFile[]) => chosen.reduce((s, c) => s + c.file.bytes, 0);

/** What an import writes through, opened before its files are identified (beginImport). */
interface Opened {
  conn: ReturnType<typeof importConnection>;
  tx: ReturnType<typeof beginWrite>;
  ledger: LedgerPricing;
}

/**
 * An import begun while its files are still identified (service.ts): its transaction open, and the files
 * identified first already parsed by the worker when the last one is identified (the inserting thread
 * then finds chunks ready instead of waiting for the worker's first).
 */
export interface BegunImport {
  /** A file identified, in order, its plan set: the first PREFETCH_FILES with a format are sent to the parser. */
  identified(c: ChosenFile): void;
  /** Run the identified files (every one, in the order identified). */
  run(chosen: readonly ChosenFile[]): Promise<RunOutcome>;
  /** Nothing to run (identification refused the import, or found nothing to read): roll back, stop the parser. */
  abandon(): void;
  /**
   * The files identified by the parser worker as the run goes and run as they are (identify.ts
   * Identification), when it can answer for these importers; null: identify them first (identifyFiles)
   * and call run. `onChosen`: each file chosen, as it is.
   */
  identifying(files: readonly ImportFile[], importers: readonly Importer[], onChosen: (c: ChosenFile) => void): { run(): Promise<{ chosen: ChosenFile[]; outcome: RunOutcome }> } | null;
}

/**
 * Begin an import of `totalBytes` before its files are identified, with chunk-source.ts startParserEarly's
 * worker (`early`; without one, everything is opened when the run starts, as runImport does). A ledger that
 * cannot be written now (busy) answers so when the run starts: a refused file is still named first.
 */
export function beginImport(ctx: EngineContext, totalBytes: number, largestBytes: number, opts: RunOptions, signal: AbortSignal, early: Worker | null): BegunImport {
  let opened: (Opened & { source: ChunkSource }) | null = null;
  let failed: { error: unknown } | null = null;
  if (early) {
    let conn: ReturnType<typeof importConnection> | undefined;
    try {
      conn = importConnection(ctx, largestBytes <= LOG_FILE_BYTES, !opts.dryRun);
      const tx = beginWrite(conn.db);
      // The pricing read in the transaction, as runImport does: the files sent ahead are normalized with it.
      opened = { conn, tx, ledger: ledgerPricing(conn.db), source: openChunkSource(totalBytes, [], early) };
    } catch (error) {
      failed = { error };
      conn?.close();
    }
  }
  let sent = 0;
  return {
    identified(c) {
      if (!opened || !c.importer || sent >= PREFETCH_FILES) return;
      sent++;
      opened.source.sendAhead({ job: jobFor(c, c.importer), importer: c.importer }, opts.importId, opened.ledger);
    },
    async run(chosen) {
      if (failed) {
        runs++;
        void early?.terminate();
        throw failed.error;
      }
      if (!opened) return runImport(ctx, chosen, opts, signal, early);
      const importers = chosen.flatMap((c) => (c.importer ? [c.importer] : []));
      // A format the worker does not know (a mapping profile's) parses everything in this thread, as in runImport.
      if (worthAWorker(bytesOf(chosen), importers)) return pipeline(ctx, listed(chosen), opts, signal, opened.source, opened);
      void opened.source.close();
      return pipeline(ctx, listed(chosen), opts, signal, openChunkSource(bytesOf(chosen), importers, null), opened);
    },
    identifying(files, importers, onChosen) {
      const feed = opened && answersHold(importers, registered) ? opened.source.heads(files, signal) : null;
      if (!opened || !feed) return null;
      const [ident, o] = [new Identification(files, importers, feed, registered, onChosen), opened];
      return { run: async () => ({ outcome: await pipeline(ctx, ident, opts, signal, o.source, o), chosen: ident.chosen }) };
    },
    abandon() {
      // The parser is stopped, not waited for (as before this import began early).
      if (!opened) {
        void early?.terminate();
        return;
      }
      opened.tx.rollback();
      opened.conn.close();
      void opened.source.close();
    },
  };
}

/** The run itself, through `source`; `opened`: what beginImport opened, else opened here. */
async function pipeline(ctx: EngineContext, feed: FileFeed, opts: RunOptions, signal: AbortSignal, source: ChunkSource, opened: Opened | null, logSized = false): Promise<RunOutcome> {
  runs++;
  const started = performance.now();
  const stats: ImportStats = { threaded: source.threaded, workerIdentified: feed.byWorker, rows: 0, parseMs: 0, normalizeMs: 0, waitMs: 0, classifyMs: 0, insertMs: 0, dimFacts: 0, coverageMs: 0, rollupsMs: 0, earlyRollupDays: 0, summedFacts: 0, commitMs: 0, totalMs: 0, writtenOnce: false };
  lastStats = stats;
  // Opened inside the try: a ledger another writer holds (busy) must still release the parser worker.
  let conn: ReturnType<typeof importConnection> | undefined = opened?.conn;
  let tx: ReturnType<typeof beginWrite> | undefined = opened?.tx;
  try {
    conn ??= importConnection(ctx, logSized, !opts.dryRun);
    stats.writtenOnce = conn.once === true;
    const db = conn.db;
    tx ??= beginWrite(db);
    const run: Run = { ctx, db, opts, signal, source, ledger: opened?.ledger ?? ledgerPricing(db), capacity: new LedgerCapacity(db), now: ctx.now(), stats, days: new DirtyDays(opts.dryRun ? null : lastFactId(db)), closedMonths: closedMonthList(db).length > 0, issues: [], issueCount: 0, doomed: false };
    const files: ImportFileResult[] = [];
    for (let i = 0; ; i++) {
      const c = await feed.at(i);
      if (!c) break;
      // The files sent ahead (up to PREFETCH_FILES while identifying, FILES_AHEAD since) must be named here to be kept.
      const after = c.importer ? feed.after(i, 63).filter((x) => x.importer).slice(0, Math.max(FILES_AHEAD, PREFETCH_FILES)) : [];
      run.next = after.map((a) => ({ job: jobFor(a, a.importer!), importer: a.importer! }));
      files.push(await importFile(run, c));
    }
    // Identified as the run went: a refused file (or a head not read) refuses the import here, before anything else.
    await feed.settle(false);
    if (run.doomed) throw badRowsError(run.issues, run.issueCount);
    if (opts.dryRun) {
      tx.rollback();
      return { files: files.map((f) => ({ ...f, batchId: null })), issues: run.issues, issueCount: run.issueCount };
    }
    run.days.addNew(db, stats);
    const r0 = performance.now();
    refreshDerived(db, [...run.days.dirty], [...run.days.added]);
    const r1 = performance.now();
    tx.commit();
    stats.rollupsMs += r1 - r0;
    stats.commitMs = performance.now() - r1;
    stats.totalMs = performance.now() - started;
    return { files, issues: run.issues, issueCount: run.issueCount };
  } catch (err) {
    tx?.rollback();
    // What identifying every file says comes first, as when they were identified before the run (settled once: the same error).
    await feed.settle(true);
    throw err;
  } finally {
    conn?.close();
    await source.close();
  }
}
