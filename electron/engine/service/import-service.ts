/**
 * The import pipeline (DESIGN.md §2, issue 3), streamed end to end:
 *   files -> head -> identify (by content) -> [parser worker: parse -> validate -> normalize, in chunks]
 *   -> [this thread: classify each chunk against the ledger (new / duplicate / revised) -> multi-row INSERTs]
 *   -> coverage (token and bill overlap) -> rollups -> COMMIT | ROLLBACK (preview).
 *
 * ONE write transaction spans the whole import, on a connection of its own (so the engine's other
 * requests keep reading the ledger as it was, and never write into a transaction a preview rolls back);
 * one import at a time per ledger file. Nothing is held per row beyond one chunk: a preview keeps counts,
 * totals per model, the first MAX_ISSUES issues, a sample and the overlaps, and its commit parses the
 * files again. A failure, a cancel or a kill at any point leaves the ledger as it was (SQLite's rollback /
 * WAL recovery): the transaction is the only place rows are written.
 */
import { randomUUID } from 'node:crypto';
import type { ImportCounts, ImportFileResult, ImportModelTotal, ImportOverlap, ImportPreview, ImportResult, ImportRowClass, ImportRowIssue, ImportSampleRow } from '../../../shared/contract/types';
import { emptyTokens, TOKEN_CLASSES } from '../../../shared/domain/fact';
import { formatAmount } from '../../../shared/domain/money';
import { openLedger, type WritableDb } from '../db/connection';
import { batchFileNames, insertBatch, setBatchCounts } from '../db/repos/batches';
import { factAt, factWriter, findByIdentities, recordCoverage, rowOffsets, sameNumbers, storedAsDraft, utcDay, VAL, valueAt, type CoverageFound, type NormalizedFact } from '../db/repos/facts';
import { listVendorRegions, overridesForBook, sourceEntries } from '../db/repos/prices';
import { refreshRollups } from '../db/repos/rollups'; // issue 5
import { EngineError } from '../errors';
import { readFileHead } from '../importers/decode';
import { importers as registeredImporters } from '../importers/registry';
import type { Importer } from '../importers/types';
import type { EngineContext } from './context';
import { openChunkSource } from './import-chunks';
import { expandPaths, sha256File, writeUploads, type ImportFile } from './import-files';
import { identifyAmong, refusalMessage } from './import-identify';
import type { LedgerPricing } from './import-normalize';
import { cancelledError, MAX_ISSUES, type ChunkTotal, type ParseJob } from './import-parse';

export { MAX_ISSUES };

export type OnError = 'skip' | 'abort';

export interface ImportOptions {
  onError: OnError;
  label?: string | undefined;
  /** Id for progress events and cancel; generated when absent. */
  importId?: string | undefined;
  /** The formats to choose from (tests inject their own); default: every registered importer. */
  importers?: readonly Importer[] | undefined;
}

const SAMPLE_ROWS = 20;
/**
 * Days an import must have finished with before their rollups are recomputed while the parser is behind
 * (fewer, larger refreshes). TOKENLEDGER_EARLY_ROLLUPS=always refreshes before every chunk (tests prove the
 * result equals a full rebuild), =never only after the last chunk.
 */
const EARLY_ROLLUP_DAYS = 8;
/** SQLite page cache of the import's connection, in KiB. */
const IMPORT_CACHE_KB = 32 * 1024;
const PROGRESS_INTERVAL_MS = 100;
export const PREVIEW_TTL_MS = 15 * 60_000;

// ---- cancel -------------------------------------------------------------------------------------

const running = new Map<string, AbortController>();

/** Abort the import with this id (its parse stops at the next row; nothing is written). */
export function cancelImport(importId: string): boolean {
  const c = running.get(importId);
  if (!c) return false;
  c.abort(cancelledError(importId));
  return true;
}

// ---- one import at a time per ledger ----------------------------------------------------------------

const writeLocks = new Map<string, Promise<unknown>>();

/** Run `fn` after every earlier import of this ledger file has finished. */
async function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = writeLocks.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(fn);
  const tail = mine.catch(() => undefined);
  writeLocks.set(key, tail);
  try {
    return await mine;
  } finally {
    if (writeLocks.get(key) === tail) writeLocks.delete(key);
  }
}

// ---- progress -----------------------------------------------------------------------------------

function progressReporter(ctx: EngineContext, importId: string, file: ImportFile) {
  const started = Date.now();
  let last = 0;
  let rows = 0;
  let bytes = 0;
  const emit = () => {
    const elapsed = (Date.now() - started) / 1000;
    ctx.emit('import.progress', {
      importId,
      file: file.name,
      rows,
      bytes,
      totalBytes: file.bytes,
      rowsPerSecond: elapsed > 0 ? Math.round(rows / elapsed) : 0,
    });
  };
  return {
    add(n: number, at: number) {
      rows += n;
      bytes = at;
      const now = Date.now();
      if (now - last >= PROGRESS_INTERVAL_MS) {
        last = now;
        emit();
      }
    },
    done: emit,
  };
}

// ---- identify -----------------------------------------------------------------------------------

interface ChosenFile {
  file: ImportFile;
  /** null: nothing to import (an empty file). */
  importer: Importer | null;
  job: ParseJob;
}

async function identifyFiles(files: readonly ImportFile[], importers: readonly Importer[]): Promise<ChosenFile[]> {
  const chosen: ChosenFile[] = [];
  const refused: Array<{ file: string; code: 'UNRECOGNIZED_FILE' | 'AMBIGUOUS_FILE'; message: string; closest?: string; missing?: string[]; claimants?: string[] }> = [];
  for (const file of files) {
    const head = await readFileHead(file.path, file.name);
    const job: ParseJob = { path: file.path, name: file.name, bytes: file.bytes, encoding: head.encoding, delimiter: head.delimiter };
    if (head.text.trim() === '') {
      chosen.push({ file, importer: null, job });
      continue;
    }
    const outcome = identifyAmong(importers, head);
    if (outcome.kind === 'importer') {
      chosen.push({ file, importer: outcome.importer, job });
    } else if (outcome.kind === 'ambiguous') {
      refused.push({ file: file.name, code: 'AMBIGUOUS_FILE', message: refusalMessage(file.name, outcome), claimants: outcome.importers.map((i) => i.id) });
    } else {
      const r: (typeof refused)[number] = { file: file.name, code: 'UNRECOGNIZED_FILE', message: refusalMessage(file.name, outcome) };
      if (outcome.closest) {
        r.closest = outcome.closest.importer.id;
        r.missing = outcome.closest.missing;
      }
      refused.push(r);
    }
  }
  if (refused.length > 0) {
    const first = refused[0]!;
    const more = refused.length > 1 ? ` (and ${refused.length - 1} more refused file${refused.length > 2 ? 's' : ''})` : '';
    throw new EngineError(first.code, first.message + more, { refused });
  }
  return chosen;
}

// ---- what a preview keeps of a file -------------------------------------------------------------

function emptyCounts(): ImportCounts {
  return { new: 0, duplicate: 0, revised: 0, skipped: 0, error: 0 };
}

function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  return { new: a.new + b.new, duplicate: a.duplicate + b.duplicate, revised: a.revised + b.revised, skipped: a.skipped + b.skipped, error: a.error + b.error };
}

/** Totals per provider, model and currency, summed chunk by chunk (a handful of groups for any file size). */
class ModelTotals {
  private readonly groups = new Map<string, { t: ImportModelTotal; nano: bigint | null }>();

  /** Add a chunk's totals (summed per group by the parser). */
  add(c: ChunkTotal): void {
    const key = `${c.provider}\u0000${c.model}\u0000${c.currency ?? ''}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { t: { provider: c.provider, model: c.model, currency: c.currency, tokens: emptyTokens(), requests: 0, billed: null, facts: 0 }, nano: null };
      this.groups.set(key, g);
    }
    for (const k of TOKEN_CLASSES) g.t.tokens[k] += c.tokens[k];
    g.t.requests += c.requests;
    g.t.facts += c.facts;
    if (c.nano !== null) g.nano = (g.nano ?? 0n) + c.nano;
  }

  list(): ImportModelTotal[] {
    return [...this.groups.values()]
      .map(({ t, nano }) => ({ ...t, billed: nano === null ? null : formatAmount(nano) }))
      .sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model) || (a.currency ?? '').localeCompare(b.currency ?? ''));
  }
}

function sampleRow(f: NormalizedFact, cls: ImportRowClass): ImportSampleRow {
  return {
    line: f.line,
    class: cls,
    start: new Date(f.start).toISOString(),
    provider: f.provider,
    model: f.model,
    modelRaw: f.modelRaw,
    lineType: f.lineType,
    tokens: { ...f.tokens },
    requests: f.requests,
    billed: f.billed ? formatAmount(f.billed.nano) : null,
    currency: f.billed?.currency ?? null,
  };
}

function summarizeOverlaps(db: WritableDb, batchId: number, found: readonly CoverageFound[]): ImportOverlap[] {
  const others = found.map((c) => (c.winnerBatchId === batchId ? c.coveredBatchId : c.winnerBatchId));
  const names = batchFileNames(db, others);
  return found.map((c, i) => {
    const id = others[i]!;
    return {
      batchId: id,
      file: names.get(id)?.file ?? `batch ${id}`,
      format: names.get(id)?.format ?? 'unknown',
      winner: c.winnerBatchId === batchId ? 'this' : 'earlier',
      days: c.days,
      models: c.models,
      facts: c.facts,
    };
  });
}

// ---- the streamed import, in one transaction --------------------------------------------------------

/**
 * Where an import's time went (ms), for `npm run bench -- import`: parse (read, decode, parse, map records)
 * and normalize (catalog, price estimate) in the parser (the worker for large imports), the rest in the
 * inserting thread; `waitMs` is that thread waiting for the parser's next chunk.
 */
export interface ImportStats {
  threaded: boolean;
  rows: number;
  parseMs: number;
  normalizeMs: number;
  waitMs: number;
  classifyMs: number;
  insertMs: number;
  coverageMs: number;
  rollupsMs: number;
  /** Days whose rollups were recomputed while waiting for the parser (the rest: after the last chunk). */
  earlyRollupDays: number;
  commitMs: number;
  totalMs: number;
}

let lastStats: ImportStats | null = null;

/** The figures of the last import run in this process (bench only). */
export function lastImportStats(): ImportStats | null {
  return lastStats;
}

interface RunOptions {
  label: string | null;
  importId: string;
  onError: OnError;
  dryRun: boolean;
}

interface RunOutcome {
  files: ImportFileResult[];
  issues: ImportRowIssue[];
  issueCount: number;
}

/** The connection the import writes through: its own one on a ledger file, else the engine's. */
function importConnection(ctx: EngineContext): { db: WritableDb; close(): void } {
  if (ctx.dbPath === ':memory:') return { db: ctx.db, close: () => {} };
  const opened = openLedger(ctx.dbPath);
  // A page cache big enough for the indexes a large import grows (the default 2 MB thrashes past ~100k
  // facts: 10x slower inserts); the import's RSS budget (300 MB) has room for it.
  opened.db.pragma(`cache_size = -${IMPORT_CACHE_KB}`);
  return { db: opened.db, close: () => opened.db.close() };
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
  return new EngineError(
    'BAD_ROWS',
    `${total} row${total === 1 ? '' : 's'} cannot be read; nothing was imported. First: ${first.file} line ${first.line}, ${first.field}: ${first.message}`,
    { rows: issues.slice(0, MAX_ISSUES), total },
  );
}

async function runImport(ctx: EngineContext, chosen: readonly ChosenFile[], opts: RunOptions, signal: AbortSignal): Promise<RunOutcome> {
  const importers = chosen.flatMap((c) => (c.importer ? [c.importer] : []));
  const source = openChunkSource(
    chosen.reduce((s, c) => s + c.file.bytes, 0),
    importers,
  );
  const conn = importConnection(ctx);
  const db = conn.db;
  const now = ctx.now();
  const files: ImportFileResult[] = [];
  const allIssues: ImportRowIssue[] = [];
  let issueCount = 0;
  /** Commit with 'abort' and a bad row: nothing will be written; keep parsing only to count the issues. */
  let doomed = false;
  /** Days whose rollups are not yet recomputed from this import's writes (refreshRollups before COMMIT). */
  const days = new Set<string>();
  /** Every day this import wrote facts on (a coverage found later changes other facts of those days). */
  const allDays = new Set<string>();
  let latestDay = '';
  /**
   * While the parser is behind (no chunk is waiting), recompute the rollups of days this import has
   * finished with, instead of all of them after the last chunk: the same refreshRollups in the same
   * transaction, moved into time the inserting thread would spend waiting. A day written again later (an
   * unordered file) is simply dirty again and recomputed at the end.
   */
  const earlyRollups = process.env.TOKENLEDGER_EARLY_ROLLUPS ?? 'when-idle';
  const refreshSettled = () => {
    if (days.size < (earlyRollups === 'always' ? 2 : EARLY_ROLLUP_DAYS + 1)) return;
    const settled = [...days].filter((d) => d !== latestDay);
    const r0 = performance.now();
    refreshRollups(db, settled);
    stats.rollupsMs += performance.now() - r0;
    stats.earlyRollupDays += settled.length;
    for (const d of settled) days.delete(d);
  };
  const started = performance.now();
  const stats: ImportStats = { threaded: source.threaded, rows: 0, parseMs: 0, normalizeMs: 0, waitMs: 0, classifyMs: 0, insertMs: 0, coverageMs: 0, rollupsMs: 0, earlyRollupDays: 0, commitMs: 0, totalMs: 0 };
  lastStats = stats;
  db.exec('BEGIN IMMEDIATE');
  try {
    const ledger = ledgerPricing(db);
    for (const c of chosen) {
      if (signal.aborted) throw cancelledError(opts.importId);
      const counts = emptyCounts();
      const totals = new ModelTotals();
      const issues: ImportRowIssue[] = [];
      let fileIssues = 0;
      const base = {
        file: c.file.name,
        format: c.importer?.id ?? 'empty',
        formatLabel: c.importer?.label ?? 'Empty file',
        provider: c.importer?.provider ?? null,
        bytes: c.file.bytes,
      };
      if (c.importer === null) {
        const issue = { file: c.file.name, line: 1, field: '(file)', message: 'the file is empty' };
        issueCount++;
        if (allIssues.length < MAX_ISSUES) allIssues.push(issue);
        if (opts.onError === 'abort' && !opts.dryRun) doomed = true;
        files.push({ ...base, sha256: await sha256File(c.file.path), totals: [], issues: [issue], issueCount: 1, batchId: null, counts: { ...counts, error: 1 }, sample: [], overlaps: [] });
        continue;
      }
      const importer = c.importer;
      const format = importer.id;
      const batchId = insertBatch(db, {
        createdAt: now,
        fileName: c.file.name,
        filePath: c.file.storedPath,
        sha256: '',
        format,
        provider: importer.provider,
        grain: importer.grain,
        bytes: c.file.bytes,
        label: opts.label,
        importId: opts.importId,
      });
      const writer = factWriter(db, batchId, format);
      const providers = new Set<string>();
      const sample: ImportSampleRow[] = [];
      const progress = progressReporter(ctx, opts.importId, c.file);
      const gen = source.chunks(c.job, importer, opts.importId, signal, ledger);
      let sha256 = '';
      for (;;) {
        if (!doomed && !opts.dryRun && earlyRollups !== 'never' && (source.ready() === 0 || earlyRollups === 'always')) refreshSettled();
        const w0 = performance.now();
        const r = await gen.next();
        stats.waitMs += performance.now() - w0;
        if (r.done) {
          sha256 = r.value;
          break;
        }
        if (signal.aborted) throw cancelledError(opts.importId);
        const chunk = r.value;
        counts.duplicate += chunk.merged;
        counts.skipped += chunk.skipped;
        fileIssues += chunk.issueCount;
        issueCount += chunk.issueCount;
        for (const i of chunk.issues) {
          issues.push(i);
          if (allIssues.length < MAX_ISSUES) allIssues.push(i);
        }
        if (chunk.issueCount > 0 && opts.onError === 'abort' && !opts.dryRun) doomed = true;
        for (const t of chunk.totals) totals.add(t);
        stats.parseMs += chunk.parseMs;
        stats.normalizeMs += chunk.normalizeMs;
        stats.rows += chunk.facts.count;
        if (!doomed) {
          // Classify this chunk against the ledger as it stands, this import's earlier chunks included.
          const t0 = performance.now();
          const rows = chunk.facts;
          const pos = rowOffsets(rows);
          const identities: string[] = new Array<string>(rows.count);
          for (let i = 0; i < rows.count; i++) identities[i] = valueAt(rows, pos, i, VAL.identity) as string;
          const stored = findByIdentities(db, identities);
          /** Offsets of this chunk's new facts (null: all of them, the common case of a first import). */
          const fresh: number[] | null = stored.size === 0 ? null : [];
          let lastDay: unknown = null;
          let lastProvider: unknown = null;
          for (let i = 0; i < rows.count; i++) {
            const s = stored.get(identities[i]!);
            let cls: ImportRowClass;
            if (!s) {
              fresh?.push(i);
              const day = valueAt(rows, pos, i, VAL.day);
              const provider = valueAt(rows, pos, i, VAL.provider);
              if (day !== lastDay) {
                lastDay = day;
                days.add(day as string);
                allDays.add(day as string);
                latestDay = day as string;
              }
              if (provider !== lastProvider) providers.add((lastProvider = provider) as string);
              counts.new++;
              if (sample.length < SAMPLE_ROWS) sample.push(sampleRow(factAt(rows, i), 'new'));
              continue;
            }
            const f = factAt(rows, i);
            if (s.batch_id === batchId) {
              // The file repeats a record of an earlier chunk: merged like a repeat within a chunk.
              const kept = importer.mergeDuplicate ? importer.mergeDuplicate(storedAsDraft(s, f), f) : f;
              if (kept === f && !sameNumbers(s, f)) {
                writer.replaceOwn(s.id, f);
                days.add(s.day).add(utcDay(f.start));
                allDays.add(s.day).add(utcDay(f.start));
              }
              cls = 'duplicate';
            } else if (sameNumbers(s, f) || (importer.mergeDuplicate && importer.mergeDuplicate(storedAsDraft(s, f), f) !== f)) {
              // Same numbers, or a record the format's own rule ranks below the ledger's (Claude Code: a
              // message logged again with fewer tokens, in a later chunk or another session file): a duplicate.
              writer.claim(s.id, f.line);
              cls = 'duplicate';
            } else {
              writer.revise(s.id, f);
              days.add(s.day).add(utcDay(f.start));
              allDays.add(s.day).add(utcDay(f.start));
              providers.add(f.provider);
              cls = 'revised';
            }
            counts[cls]++;
            if (sample.length < SAMPLE_ROWS) sample.push(sampleRow(f, cls));
          }
          const t1 = performance.now();
          if (fresh === null || fresh.length > 0) writer.insertRows(rows, fresh);
          writer.flush();
          const t2 = performance.now();
          stats.classifyMs += t1 - t0;
          stats.insertMs += t2 - t1;
        }
        progress.add(chunk.rows, chunk.bytes);
      }
      progress.done();
      counts.error = fileIssues;
      let overlaps: ImportOverlap[] = [];
      if (!doomed) {
        const c0 = performance.now();
        const found = recordCoverage(db, batchId, [...providers]);
        stats.coverageMs += performance.now() - c0;
        // Coverage changed facts of other batches on these days: their rollups are recomputed at the end.
        if (found.length > 0) for (const d of allDays) days.add(d);
        overlaps = summarizeOverlaps(db, batchId, found);
        setBatchCounts(db, batchId, counts);
        db.prepare('UPDATE import_batches SET sha256 = ? WHERE id = ?').run(sha256, batchId);
      }
      files.push({ ...base, sha256, totals: totals.list(), issues, issueCount: fileIssues, batchId, counts, sample, overlaps });
    }
    if (doomed) throw badRowsError(allIssues, issueCount);
    if (opts.dryRun) {
      db.exec('ROLLBACK');
      return { files: files.map((f) => ({ ...f, batchId: null })), issues: allIssues, issueCount };
    }
    const r0 = performance.now();
    refreshRollups(db, [...days]); // issue 5: rollups kept current in the commit
    const r1 = performance.now();
    db.exec('COMMIT');
    stats.rollupsMs += r1 - r0;
    stats.commitMs = performance.now() - r1;
    stats.totalMs = performance.now() - started;
    return { files, issues: allIssues, issueCount };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    conn.close();
    await source.close();
  }
}

// ---- the use cases ------------------------------------------------------------------------------

export type ImportSource = { paths: readonly string[] } | { files: readonly { name: string; contentBase64: string }[] };

/** Files of a source; uploads are written to a temp folder that `cleanup` removes. */
async function materialize(source: ImportSource): Promise<{ files: ImportFile[]; cleanup: () => Promise<void> }> {
  if ('paths' in source) return { files: await expandPaths(source.paths), cleanup: async () => {} };
  return writeUploads(source.files);
}

async function runTracked(
  ctx: EngineContext,
  files: readonly ImportFile[],
  opts: ImportOptions,
  importId: string,
  run: Omit<RunOptions, 'importId'>,
): Promise<RunOutcome> {
  if (running.has(importId)) throw new EngineError('CONFLICT', `An import with id ${importId} is already running`);
  const controller = new AbortController();
  running.set(importId, controller);
  try {
    const chosen = await identifyFiles(files, opts.importers ?? registeredImporters);
    return await exclusive(ctx.dbPath, () => runImport(ctx, chosen, { ...run, importId }, controller.signal));
  } finally {
    running.delete(importId);
  }
}

interface StoredPreview {
  files: ImportFile[];
  cleanup: () => Promise<void>;
  importers: readonly Importer[] | undefined;
  onError: OnError;
  importId: string;
  expires: number;
}

const previewStores = new WeakMap<WritableDb, Map<string, StoredPreview>>();

function previewStore(db: WritableDb): Map<string, StoredPreview> {
  let m = previewStores.get(db);
  if (!m) {
    m = new Map();
    previewStores.set(db, m);
  }
  const now = Date.now();
  for (const [id, p] of m) {
    if (p.expires < now) {
      m.delete(id);
      void p.cleanup();
    }
  }
  return m;
}

function sumCounts(files: readonly ImportFileResult[]): ImportCounts {
  return files.reduce((s, f) => addCounts(s, f.counts), emptyCounts());
}

/**
 * Preview an import: everything a commit would do, rolled back. What is kept under previewId for
 * PREVIEW_TTL_MS is the files (an upload's temp copy), not their rows: the commit streams them again.
 */
export async function previewImport(ctx: EngineContext, source: ImportSource, opts: ImportOptions): Promise<ImportPreview> {
  const importId = opts.importId ?? randomUUID();
  const m = await materialize(source);
  let outcome: RunOutcome;
  try {
    outcome = await runTracked(ctx, m.files, opts, importId, { label: opts.label ?? null, onError: opts.onError, dryRun: true });
  } catch (err) {
    await m.cleanup();
    throw err;
  }
  const previewId = randomUUID();
  const expires = Date.now() + PREVIEW_TTL_MS;
  previewStore(ctx.db).set(previewId, { files: m.files, cleanup: m.cleanup, importers: opts.importers, onError: opts.onError, importId, expires });
  return {
    previewId,
    importId,
    onError: opts.onError,
    files: outcome.files,
    counts: sumCounts(outcome.files),
    canCommit: !(outcome.issueCount > 0 && opts.onError === 'abort'),
    expiresAt: new Date(expires).toISOString(),
  };
}

async function commitFiles(ctx: EngineContext, files: readonly ImportFile[], opts: ImportOptions, importId: string): Promise<ImportResult> {
  const outcome = await runTracked(ctx, files, opts, importId, { label: opts.label ?? null, onError: opts.onError, dryRun: false });
  ctx.emit('ledger.changed', { reason: 'import' });
  return { importId, files: outcome.files, counts: sumCounts(outcome.files) };
}

/** Commit a kept preview: its files are streamed and classified again inside the commit's transaction (the ledger may have moved). */
export async function commitPreview(ctx: EngineContext, previewId: string, opts: { onError?: OnError | undefined; label?: string | undefined }): Promise<ImportResult> {
  const store = previewStore(ctx.db);
  const p = store.get(previewId);
  if (!p) throw new EngineError('NOT_FOUND', `No preview ${previewId} (previews are kept for ${PREVIEW_TTL_MS / 60_000} minutes); preview the files again`);
  const result = await commitFiles(ctx, p.files, { onError: opts.onError ?? p.onError, label: opts.label, importers: p.importers }, p.importId);
  store.delete(previewId);
  await p.cleanup();
  return result;
}

/** Parse and commit in one go (CLI without preview, demo data). */
export async function importSource(ctx: EngineContext, source: ImportSource, opts: ImportOptions): Promise<ImportResult> {
  const importId = opts.importId ?? randomUUID();
  const m = await materialize(source);
  try {
    return await commitFiles(ctx, m.files, opts, importId);
  } finally {
    await m.cleanup();
  }
}

/** Import files or folders and commit: one transaction, one batch per file. */
export function importPaths(ctx: EngineContext, paths: readonly string[], opts: ImportOptions): Promise<ImportResult> {
  return importSource(ctx, { paths }, opts);
}

/** Exposed for tests: a day key as the ledger stores it. */
export { utcDay };
