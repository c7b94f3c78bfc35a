/**
 * The import pipeline (DESIGN.md §2, issue 3):
 *   files -> head -> identify (by content) -> parse (streamed) -> normalize -> merge same identity in the
 *   file -> classify against the ledger (new / duplicate / revised) + token overlap -> preview | commit.
 *
 * Parsing happens outside any transaction. Classification and writing are ONE synchronous function
 * (`applyFiles`) run inside ONE transaction for the whole import: commit keeps it, preview runs the very
 * same code and rolls it back, so a preview says exactly what a commit would do and never writes.
 * A failure or a kill at any point leaves the ledger as it was (SQLite's rollback / WAL recovery).
 */
import { randomUUID } from 'node:crypto';
import type { ImportCounts, ImportFileResult, ImportModelTotal, ImportOverlap, ImportPreview, ImportResult, ImportRowClass, ImportRowIssue, ImportSampleRow } from '../../../shared/contract/types';
import { emptyTokens, TOKEN_CLASSES, type FactDraft } from '../../../shared/domain/fact';
import { formatAmount } from '../../../shared/domain/money';
import { transaction, type WritableDb } from '../db/connection';
import { batchFileNames, insertBatch, setBatchCounts } from '../db/repos/batches';
import { factWriter, findByIdentities, findTokenOverlaps, recordSupersessions, sameNumbers, utcDay, type NormalizedFact } from '../db/repos/facts';
import { daysTouchedByBatches, refreshRollups } from '../db/repos/rollups'; // issue 5
import { EngineError } from '../errors';
import { readFileHead } from '../importers/decode';
import { importers as registeredImporters } from '../importers/registry';
import type { Importer } from '../importers/types';
import type { EngineContext } from './context';
import { countingTextSource, expandPaths, sha256File, writeUploads, type ImportFile } from './import-files';
import { identifyAmong, refusalMessage } from './import-identify';
import { normalizeDraft } from './import-normalize';

export type OnError = 'skip' | 'abort';

export interface ImportOptions {
  onError: OnError;
  label?: string | undefined;
  /** Id for progress events and cancel; generated when absent. */
  importId?: string | undefined;
  /** The formats to choose from (tests inject their own); default: every registered importer. */
  importers?: readonly Importer[] | undefined;
}

/** Row issues kept per file (the preview shows these; the count is exact). */
export const MAX_ISSUES = 200;
const SAMPLE_ROWS = 20;
const PROGRESS_INTERVAL_MS = 100;
export const PREVIEW_TTL_MS = 15 * 60_000;

/** One file, parsed and normalized, ready to classify. */
interface ParsedFile {
  file: ImportFile;
  sha256: string;
  /** null: nothing to import (an empty file). */
  importer: Importer | null;
  /** Merged by identity, in first-seen order. */
  facts: NormalizedFact[];
  /** Rows the file repeats (same identity twice): merged, counted as duplicates. */
  merged: number;
  skipped: number;
  issues: ImportRowIssue[];
  issueCount: number;
}

// ---- cancel -------------------------------------------------------------------------------------

const running = new Map<string, AbortController>();

/** Abort the import with this id (its parse stops at the next row; nothing is written). */
export function cancelImport(importId: string): boolean {
  const c = running.get(importId);
  if (!c) return false;
  c.abort(new EngineError('CANCELLED', `Import ${importId} was cancelled; nothing was written`));
  return true;
}

function cancelled(importId: string): EngineError {
  return new EngineError('CANCELLED', `Import ${importId} was cancelled; nothing was written`, { importId });
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
    bytes(n: number) {
      bytes += n;
    },
    row() {
      rows++;
      if ((rows & 255) === 0 || rows === 1) {
        const now = Date.now();
        if (now - last >= PROGRESS_INTERVAL_MS) {
          last = now;
          emit();
        }
      }
    },
    done() {
      emit();
    },
  };
}

// ---- parse --------------------------------------------------------------------------------------

/** What the ledger's CHECK constraints require, as a row issue instead of a failed commit. */
function invalidFact(f: FactDraft): { field: string; message: string } | null {
  for (const c of TOKEN_CLASSES) {
    const v = f.tokens[c];
    if (!Number.isSafeInteger(v) || v < 0) return { field: c, message: `${c} tokens must be a whole number >= 0, got ${v}` };
  }
  if (f.tokens.reasoning > f.tokens.output) return { field: 'reasoning', message: `reasoning tokens (${f.tokens.reasoning}) exceed output tokens (${f.tokens.output})` };
  if (!Number.isSafeInteger(f.requests) || f.requests < 0) return { field: 'requests', message: `requests must be a whole number >= 0, got ${f.requests}` };
  if (!Number.isFinite(f.start) || !Number.isFinite(f.end) || f.end < f.start) return { field: 'start', message: 'the row has no valid time range' };
  if (!f.identity) return { field: 'identity', message: 'the row has no identity' };
  return null;
}

interface PendingRow {
  draft: FactDraft;
  line: number;
}

async function identifyFiles(files: readonly ImportFile[], importers: readonly Importer[]) {
  const chosen: Array<{ file: ImportFile; importer: Importer | null; head: Awaited<ReturnType<typeof readFileHead>> | null }> = [];
  const refused: Array<{ file: string; code: 'UNRECOGNIZED_FILE' | 'AMBIGUOUS_FILE'; message: string; closest?: string; missing?: string[]; claimants?: string[] }> = [];
  for (const file of files) {
    const head = await readFileHead(file.path, file.name);
    if (head.text.trim() === '') {
      chosen.push({ file, importer: null, head });
      continue;
    }
    const outcome = identifyAmong(importers, head);
    if (outcome.kind === 'importer') {
      chosen.push({ file, importer: outcome.importer, head });
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

async function parseFile(
  ctx: EngineContext,
  file: ImportFile,
  importer: Importer | null,
  head: Awaited<ReturnType<typeof readFileHead>>,
  importId: string,
  signal: AbortSignal,
): Promise<ParsedFile> {
  const sha256 = await sha256File(file.path);
  const issues: ImportRowIssue[] = [];
  let issueCount = 0;
  const issue = (line: number, field: string, message: string) => {
    issueCount++;
    if (issues.length < MAX_ISSUES) issues.push({ file: file.name, line, field, message });
  };
  if (importer === null) {
    issue(1, '(file)', 'the file is empty');
    return { file, sha256, importer, facts: [], merged: 0, skipped: 0, issues, issueCount };
  }
  const progress = progressReporter(ctx, importId, file);
  const pending = new Map<string, PendingRow>();
  let merged = 0;
  let skipped = 0;
  let lastLine = 0;
  const source = countingTextSource(file.path, head.encoding, (n) => progress.bytes(n));
  try {
    for await (const row of importer.parse(source, { fileName: file.name, encoding: head.encoding, delimiter: head.delimiter, signal })) {
      if (signal.aborted) throw cancelled(importId);
      progress.row();
      lastLine = Math.max(lastLine, row.line);
      if (row.kind === 'skip') {
        skipped++;
        continue;
      }
      if (row.kind === 'error') {
        issue(row.line, row.field, row.message);
        continue;
      }
      const bad = invalidFact(row.fact);
      if (bad) {
        issue(row.line, bad.field, bad.message);
        continue;
      }
      const earlier = pending.get(row.fact.identity);
      if (earlier) {
        merged++;
        const kept = importer.mergeDuplicate ? importer.mergeDuplicate(earlier.draft, row.fact) : row.fact;
        pending.set(row.fact.identity, { draft: kept, line: kept === earlier.draft ? earlier.line : row.line });
      } else {
        pending.set(row.fact.identity, { draft: row.fact, line: row.line });
      }
    }
  } catch (err) {
    if (signal.aborted) throw cancelled(importId);
    if (err instanceof EngineError) throw err;
    // An importer that cannot go on (a broken document): one issue for the file; 'abort' refuses it, 'skip' keeps the rows read so far.
    issue(lastLine + 1, '(file)', `the file cannot be read: ${(err as Error).message}`);
  }
  progress.done();
  const facts: NormalizedFact[] = [];
  for (const p of pending.values()) facts.push(normalizeDraft(p.draft, p.line));
  return { file, sha256, importer, facts, merged, skipped, issues, issueCount };
}

async function parseAll(ctx: EngineContext, files: readonly ImportFile[], opts: ImportOptions, importId: string): Promise<ParsedFile[]> {
  const controller = new AbortController();
  if (running.has(importId)) throw new EngineError('CONFLICT', `An import with id ${importId} is already running`);
  running.set(importId, controller);
  try {
    const chosen = await identifyFiles(files, opts.importers ?? registeredImporters);
    const out: ParsedFile[] = [];
    for (const c of chosen) {
      if (controller.signal.aborted) throw cancelled(importId);
      out.push(await parseFile(ctx, c.file, c.importer, c.head!, importId, controller.signal));
    }
    return out;
  } finally {
    running.delete(importId);
  }
}

// ---- classify + write (one transaction) ----------------------------------------------------------

function emptyCounts(): ImportCounts {
  return { new: 0, duplicate: 0, revised: 0, skipped: 0, error: 0 };
}

function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  return { new: a.new + b.new, duplicate: a.duplicate + b.duplicate, revised: a.revised + b.revised, skipped: a.skipped + b.skipped, error: a.error + b.error };
}

function totalsByModel(facts: readonly NormalizedFact[]): ImportModelTotal[] {
  const groups = new Map<string, { t: ImportModelTotal; nano: bigint | null }>();
  for (const f of facts) {
    const model = f.model ?? f.modelRaw ?? '(no model)';
    const currency = f.billed?.currency ?? null;
    const key = `${f.provider}\u0000${model}\u0000${currency ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { t: { provider: f.provider, model, currency, tokens: emptyTokens(), requests: 0, billed: null, facts: 0 }, nano: null };
      groups.set(key, g);
    }
    for (const c of TOKEN_CLASSES) g.t.tokens[c] += f.tokens[c];
    g.t.requests += f.requests;
    g.t.facts++;
    if (f.billed) g.nano = (g.nano ?? 0n) + f.billed.nano;
  }
  return [...groups.values()]
    .map(({ t, nano }) => ({ ...t, billed: nano === null ? null : formatAmount(nano) }))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model) || (a.currency ?? '').localeCompare(b.currency ?? ''));
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

function summarizeOverlaps(db: WritableDb, batchId: number, pairs: ReturnType<typeof findTokenOverlaps>): ImportOverlap[] {
  const byOther = new Map<number, { winner: 'this' | 'earlier'; days: Set<string>; models: Set<string>; facts: Set<number> }>();
  for (const p of pairs) {
    const thisWins = p.this_wins === 1;
    const other = thisWins ? p.covered_batch_id : p.winner_batch_id;
    if (other === batchId) continue;
    const key = other * 2 + (thisWins ? 1 : 0);
    let o = byOther.get(key);
    if (!o) {
      o = { winner: thisWins ? 'this' : 'earlier', days: new Set(), models: new Set(), facts: new Set() };
      byOther.set(key, o);
    }
    o.days.add(p.day);
    o.models.add(p.model);
    o.facts.add(p.covered_id);
  }
  const names = batchFileNames(db, [...byOther.keys()].map((k) => Math.floor(k / 2)));
  return [...byOther.entries()].map(([key, o]) => {
    const id = Math.floor(key / 2);
    return {
      batchId: id,
      file: names.get(id)?.file ?? `batch ${id}`,
      format: names.get(id)?.format ?? 'unknown',
      winner: o.winner,
      days: [...o.days].sort(),
      models: [...o.models].sort(),
      facts: o.facts.size,
    };
  });
}

/** Classify and write every file of one import. Call inside a transaction. */
function applyFiles(db: WritableDb, parsed: readonly ParsedFile[], opts: { label: string | null; importId: string }): ImportFileResult[] {
  const now = Date.now();
  const results: ImportFileResult[] = [];
  for (const pf of parsed) {
    const counts: ImportCounts = { ...emptyCounts(), duplicate: pf.merged, skipped: pf.skipped, error: pf.issueCount };
    const base = {
      file: pf.file.name,
      format: pf.importer?.id ?? 'empty',
      formatLabel: pf.importer?.label ?? 'Empty file',
      provider: pf.importer?.provider ?? null,
      sha256: pf.sha256,
      bytes: pf.file.bytes,
      totals: totalsByModel(pf.facts),
      issues: pf.issues,
      issueCount: pf.issueCount,
    };
    if (pf.importer === null) {
      results.push({ ...base, batchId: null, counts, sample: [], overlaps: [] });
      continue;
    }
    const format = pf.importer.id;
    const batchId = insertBatch(db, {
      createdAt: now,
      fileName: pf.file.name,
      filePath: pf.file.storedPath,
      sha256: pf.sha256,
      format,
      provider: pf.importer.provider,
      grain: pf.importer.grain,
      bytes: pf.file.bytes,
      label: opts.label,
      importId: opts.importId,
    });
    const stored = findByIdentities(db, pf.facts.map((f) => f.identity));
    const writer = factWriter(db);
    const sample: ImportSampleRow[] = [];
    for (const f of pf.facts) {
      const s = stored.get(f.identity);
      let cls: ImportRowClass;
      if (!s) {
        writer.insert(f, batchId, format);
        cls = 'new';
      } else if (sameNumbers(s, f)) {
        cls = 'duplicate';
      } else {
        writer.revise(s.id, f, batchId, format);
        cls = 'revised';
      }
      counts[cls]++;
      if (sample.length < SAMPLE_ROWS) sample.push(sampleRow(f, cls));
    }
    const pairs = findTokenOverlaps(db, batchId);
    recordSupersessions(db, pairs, batchId);
    setBatchCounts(db, batchId, counts);
    results.push({ ...base, batchId, counts, sample, overlaps: summarizeOverlaps(db, batchId, pairs) });
  }
  return results;
}

const ROLLBACK = Symbol('preview rollback');

/** Run applyFiles in one transaction; `dryRun` rolls it back and returns what would have happened. */
function runApply(db: WritableDb, parsed: readonly ParsedFile[], opts: { label: string | null; importId: string; dryRun: boolean }): ImportFileResult[] {
  let results: ImportFileResult[] = [];
  try {
    transaction(db, () => {
      results = applyFiles(db, parsed, opts);
      if (opts.dryRun) throw ROLLBACK;
      refreshRollups(db, daysTouchedByBatches(db, results.map((r) => r.batchId))); // issue 5: rollups kept current in the commit
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
    results = results.map((r) => ({ ...r, batchId: null }));
  }
  return results;
}

function badRowsError(parsed: readonly ParsedFile[]): EngineError {
  const rows = parsed.flatMap((p) => p.issues).slice(0, MAX_ISSUES);
  const total = parsed.reduce((s, p) => s + p.issueCount, 0);
  const first = rows[0]!;
  return new EngineError(
    'BAD_ROWS',
    `${total} row${total === 1 ? '' : 's'} cannot be read; nothing was imported. First: ${first.file} line ${first.line}, ${first.field}: ${first.message}`,
    { rows, total },
  );
}

// ---- the use cases ------------------------------------------------------------------------------

interface StoredPreview {
  parsed: ParsedFile[];
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
  for (const [id, p] of m) if (p.expires < now) m.delete(id);
  return m;
}

export type ImportSource = { paths: readonly string[] } | { files: readonly { name: string; contentBase64: string }[] };

async function parseSource(ctx: EngineContext, source: ImportSource, opts: ImportOptions, importId: string): Promise<ParsedFile[]> {
  if ('paths' in source) return parseAll(ctx, await expandPaths(source.paths), opts, importId);
  const uploads = await writeUploads(source.files);
  try {
    return await parseAll(ctx, uploads.files, opts, importId);
  } finally {
    await uploads.cleanup();
  }
}

function sumCounts(files: readonly ImportFileResult[]): ImportCounts {
  return files.reduce((s, f) => addCounts(s, f.counts), emptyCounts());
}

/** Preview an import: everything a commit would do, rolled back. Kept under previewId for PREVIEW_TTL_MS. */
export async function previewImport(ctx: EngineContext, source: ImportSource, opts: ImportOptions): Promise<ImportPreview> {
  const importId = opts.importId ?? randomUUID();
  const parsed = await parseSource(ctx, source, opts, importId);
  const files = runApply(ctx.db, parsed, { label: opts.label ?? null, importId, dryRun: true });
  const previewId = randomUUID();
  const expires = Date.now() + PREVIEW_TTL_MS;
  previewStore(ctx.db).set(previewId, { parsed, onError: opts.onError, importId, expires });
  const errors = parsed.some((p) => p.issueCount > 0);
  return {
    previewId,
    importId,
    onError: opts.onError,
    files,
    counts: sumCounts(files),
    canCommit: !(errors && opts.onError === 'abort'),
    expiresAt: new Date(expires).toISOString(),
  };
}

function commitParsed(ctx: EngineContext, parsed: readonly ParsedFile[], onError: OnError, label: string | null, importId: string): ImportResult {
  if (onError === 'abort' && parsed.some((p) => p.issueCount > 0)) throw badRowsError(parsed);
  const files = runApply(ctx.db, parsed, { label, importId, dryRun: false });
  ctx.emit('ledger.changed', { reason: 'import' });
  return { importId, files, counts: sumCounts(files) };
}

/** Commit a kept preview (classified again inside the commit's transaction: the ledger may have moved). */
export function commitPreview(ctx: EngineContext, previewId: string, opts: { onError?: OnError | undefined; label?: string | undefined }): ImportResult {
  const store = previewStore(ctx.db);
  const p = store.get(previewId);
  if (!p) throw new EngineError('NOT_FOUND', `No preview ${previewId} (previews are kept for ${PREVIEW_TTL_MS / 60_000} minutes); preview the files again`);
  const result = commitParsed(ctx, p.parsed, opts.onError ?? p.onError, opts.label ?? null, p.importId);
  store.delete(previewId);
  return result;
}

/** Parse and commit in one go (CLI without preview, demo data). */
export async function importSource(ctx: EngineContext, source: ImportSource, opts: ImportOptions): Promise<ImportResult> {
  const importId = opts.importId ?? randomUUID();
  const parsed = await parseSource(ctx, source, opts, importId);
  return commitParsed(ctx, parsed, opts.onError, opts.label ?? null, importId);
}

/** Import files or folders and commit: one transaction, one batch per file. */
export function importPaths(ctx: EngineContext, paths: readonly string[], opts: ImportOptions): Promise<ImportResult> {
  return importSource(ctx, { paths }, opts);
}

/** Exposed for tests: a day key as the ledger stores it. */
export { utcDay };
