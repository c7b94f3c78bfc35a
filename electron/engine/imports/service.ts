/**
 * The import use cases: preview files (the whole pipeline, rolled back), commit a preview (its files
 * streamed and classified again inside the commit's transaction: the ledger may have moved), import and
 * commit in one pass (the CLI, the demo), cancel a running one. One import at a time per ledger file.
 */
import { saidError } from '../said-error';
import { randomUUID } from 'node:crypto';
import type { ImportFileResult, ImportPreview, ImportResult } from '../../../shared/contract/types';
import type { EngineContext } from '../context';
import { importers as registeredImporters } from '../importers/registry';
import type { Importer } from '../importers/types';
import { sumCounts } from './classify';
import { expandPaths, writeUploads, type ImportFile } from './files';
import { planReading, rememberedState, unchangedResult } from './file-state';
import { startParserEarly } from './chunk-source';
import { identifyFiles, type ChosenFile } from './identify';
import { cancelledError } from './parse';
import { PREVIEW_TTL_MS, previewStore } from './preview-store';
import { beginImport, type OnError, type RunOptions, type RunOutcome } from './run';

export interface ImportOptions {
  onError: OnError;
  label?: string | undefined;
  /** Mark the batches as the bundled demo data (only the demo loader sets it). */
  demo?: boolean | undefined;
  /** Id for progress events and cancel; generated when absent. */
  importId?: string | undefined;
  /** The formats to choose from (tests inject their own); default: every registered importer. */
  importers?: readonly Importer[] | undefined;
}

export type ImportSource = { paths: readonly string[] } | { files: readonly { name: string; contentBase64: string }[] };

const running = new Map<string, AbortController>();

/** Abort the import with this id (its parse stops at the next row; nothing is written). */
export function cancelImport(importId: string): boolean {
  const c = running.get(importId);
  if (!c) return false;
  c.abort(cancelledError(importId));
  return true;
}

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

/** Files of a source; uploads are written to a temp folder that `cleanup` removes. */
async function materialize(source: ImportSource): Promise<{ files: ImportFile[]; cleanup: () => void }> {
  if ('paths' in source) return { files: await expandPaths(source.paths), cleanup: () => {} };
  return writeUploads(source.files);
}

/**
 * Identify and run the files an import must read. Files the ledger remembers (agents' logs and
 * providers' exports) are compared with it first (file-state.ts): one unchanged since is not read at all
 * (its result says so), and an import of nothing but such files writes nothing.
 */
async function identifyAndRun(ctx: EngineContext, files: readonly ImportFile[], importers: readonly Importer[], run: RunOptions, signal: AbortSignal): Promise<RunOutcome> {
  // The files the ledger never read are read whole: when they are enough for the parser worker, it starts now
  // (its modules load while the files are compared with the ledger: about 60 ms of the first import of 500 logs).
  const states = files.map((f) => rememberedState(ctx.db, f));
  const largest = (list: readonly ImportFile[]) => list.reduce((m, f) => Math.max(m, f.bytes), 0);
  let early = startParserEarly(files.reduce((s, f, i) => s + (states[i] ? 0 : f.bytes), 0));
  let plans: Awaited<ReturnType<typeof planReading>>[];
  try {
    plans = await Promise.all(files.map((f, i) => planReading(ctx.db, f, states[i])));
  } catch (err) {
    void early?.terminate();
    throw err;
  }
  const unchanged = new Map<ImportFile, ImportFileResult>();
  const toRead: ImportFile[] = [];
  files.forEach((f, i) => {
    const r = plans[i]!.reading;
    // Unchanged, and its format is still one this import reads (a removed mapping profile's file is refused again).
    if (r.kind === 'unchanged' && importers.some((i) => i.id === r.state.format)) unchanged.set(f, unchangedResult(f, r.state, importers));
    else toRead.push(f);
  });
  const toReadBytes = toRead.reduce((s, f) => s + f.bytes, 0);
  // (The files never read are among those to read: a worker started above is one this import gets.)
  early ??= startParserEarly(toReadBytes);
  // The import's transaction and parser begin now: the files identified first are parsed while the rest are identified.
  const begun = beginImport(ctx, toReadBytes, largest(toRead), run, signal, early);
  const planOf = new Map(files.map((f, i) => [f, plans[i]]));
  const merge = (chosen: readonly ChosenFile[], outcome: RunOutcome): RunOutcome => {
    if (unchanged.size === 0) return outcome;
    const read = new Map(chosen.map((c, i) => [c.file, outcome.files[i]!]));
    return { ...outcome, files: files.map((f) => unchanged.get(f) ?? read.get(f)!) };
  };
  // The parser worker identifies the files (off this thread) and each is imported as soon as it is.
  const streamed = toRead.length > 0 ? begun.identifying(toRead, importers, (c) => (c.plan = planOf.get(c.file))) : null;
  if (streamed) {
    const r = await streamed.run();
    return merge(r.chosen, r.outcome);
  }
  let chosen: ChosenFile[];
  try {
    chosen = toRead.length > 0 ? await identifyFiles(toRead, importers, (c) => begun.identified(Object.assign(c, { plan: planOf.get(c.file) }))) : [];
  } catch (err) {
    begun.abandon();
    throw err;
  }
  for (const c of chosen) c.plan = planOf.get(c.file);
  if (chosen.length === 0) begun.abandon();
  const outcome = chosen.length > 0 ? await begun.run(chosen) : { files: [], issues: [], issueCount: 0 };
  return merge(chosen, outcome);
}

async function runTracked(ctx: EngineContext, files: readonly ImportFile[], opts: ImportOptions, run: RunOptions): Promise<RunOutcome> {
  if (running.has(run.importId)) throw saidError('CONFLICT', 'engine.error.importRunning', { importId: run.importId });
  const controller = new AbortController();
  running.set(run.importId, controller);
  try {
    return await exclusive(ctx.dbPath, () => identifyAndRun(ctx, files, opts.importers ?? registeredImporters, run, controller.signal));
  } finally {
    running.delete(run.importId);
  }
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
    outcome = await runTracked(ctx, m.files, opts, { label: opts.label ?? null, onError: opts.onError, dryRun: true, importId });
  } catch (err) {
    m.cleanup();
    throw err;
  }
  const previewId = randomUUID();
  const expires = ctx.now() + PREVIEW_TTL_MS;
  previewStore(ctx.db, ctx.now()).set(previewId, { files: m.files, cleanup: m.cleanup, importers: opts.importers, onError: opts.onError, importId, expires });
  return {
    previewId,
    importId,
    onError: opts.onError,
    files: outcome.files,
    counts: sumCounts(outcome.files.map((f) => f.counts)),
    canCommit: !(outcome.issueCount > 0 && opts.onError === 'abort'),
    expiresAt: new Date(expires).toISOString(),
  };
}

async function commitFiles(ctx: EngineContext, files: readonly ImportFile[], opts: ImportOptions, importId: string): Promise<ImportResult> {
  const outcome = await runTracked(ctx, files, opts, { label: opts.label ?? null, demo: opts.demo === true, onError: opts.onError, dryRun: false, importId });
  return { importId, files: outcome.files, counts: sumCounts(outcome.files.map((f) => f.counts)) };
}

/** Commit a kept preview: its files are streamed and classified again inside the commit's transaction (the ledger may have moved). */
export async function commitPreview(ctx: EngineContext, previewId: string, opts: { onError?: OnError | undefined; label?: string | undefined }): Promise<ImportResult> {
  const store = previewStore(ctx.db, ctx.now());
  const p = store.get(previewId);
  if (!p) throw saidError('NOT_FOUND', 'engine.error.noPreview', { id: previewId, minutes: PREVIEW_TTL_MS / 60_000 });
  const result = await commitFiles(ctx, p.files, { onError: opts.onError ?? p.onError, label: opts.label, importers: p.importers }, p.importId);
  store.delete(previewId);
  p.cleanup();
  return result;
}

/** Parse and commit in one pass (the CLI without --dry-run, the demo data): one transaction, one batch per file. */
export async function importSource(ctx: EngineContext, source: ImportSource, opts: ImportOptions): Promise<ImportResult> {
  const importId = opts.importId ?? randomUUID();
  const m = await materialize(source);
  try {
    return await commitFiles(ctx, m.files, opts, importId);
  } finally {
    m.cleanup();
  }
}

/** Import files or folders and commit: one transaction, one batch per file. */
export function importPaths(ctx: EngineContext, paths: readonly string[], opts: ImportOptions): Promise<ImportResult> {
  return importSource(ctx, { paths }, opts);
}
