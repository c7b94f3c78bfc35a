/**
 * `bundle import`: merging another machine's bundle, in one transaction, through the import pipeline's
 * own classification and coverage. Every batch of the bundle becomes one batch here (its file, format and
 * grain kept, pointing at the bundle and the machine), so a fact keeps its identity and its source: a
 * fact this ledger already holds (a bill imported on both machines) is a duplicate, claimed, counted once;
 * one with other numbers is a revision; two formats describing the same usage or bill overlap exactly as
 * they would had both files been imported here.
 *
 * A bundle is merged once: the same bundle again, or an older one of the same machine, adds nothing. A
 * newer one revises: what it carries is classified against the earlier one's facts, and the facts of the
 * earlier bundles of that machine, in the new bundle's range, that it no longer carries are retracted
 * (kept in fact_history for the undo).
 */
import { saidError } from '../said-error';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BundleMergeFile } from '../../../shared/contract/api/team';
import { insertBudget, findBudgetByName } from '../budgets/store';
import type { EngineContext } from '../context';
import type { Importer } from '../importers/types';
import { importerById } from '../importers/registry';
import { transaction, type WritableDb } from '../ledger/db';
import { closedMonthsOfUndo, holdRetraction, holdUndo } from '../closing/held-changes-store';
import { closedMonthList, holdClosedMonthFacts } from '../closing/hold-store';
import { refreshDerived } from '../ledger/derived';
import { daysOfMachines, syncMachineMembers } from '../ledger/team-dims';
import { ROW_WIDTH } from '../ledger/facts';
import type { SqlValue } from '../ledger/sql';
import { daysTouchedByBatches, insertBatch, setBatchCounts } from '../imports/batch-store';
import { classifyChunk, emptyCounts, type FileTally } from '../imports/classify';
import { emptyCoverageSides, providersOfBatch, recordCoverage, refreshCountsTokens } from '../imports/coverage-store';
import { factRows } from '../imports/fact-rows';
import { factWriter } from '../imports/fact-store';
import { undoInTransaction } from '../imports/history';
import { listNames, upsertName } from '../names/store';
import { decodeBundle, type Bundle, type BundleBatch } from './bundle-format';
import {
  batchesOfBundle,
  daysOfFacts,
  ensureMachineId,
  factBatchAndDay,
  getBundleImport,
  insertBundleImport,
  keepSupersessions,
  latestBundleOf,
  markBundleUndone,
  restoreSupersessions,
  retractFact,
  setBatchOrigin,
  setBundleCounts,
  staleFactsOfMachine,
} from './store';

/** Facts classified per chunk (as an import's chunk: one lookup per 500 identities). */
const CHUNK = 1000;

/** A format this ledger has no importer for (a column mapping profile of the other machine): no merge rule of its own. */
const plainFormat = (id: string): Importer => ({ id }) as Importer;

function mergeBatch(db: WritableDb, bundleId: number, machineId: string, b: BundleBatch, facts: readonly SqlValue[][], now: number) {
  const importer = importerById(b.format) ?? plainFormat(b.format);
  const batchId = insertBatch(db, {
    createdAt: now,
    fileName: b.fileName,
    filePath: null,
    sha256: b.sha256,
    format: b.format,
    provider: b.provider,
    grain: b.grain,
    bytes: 0,
    label: b.label,
    importId: null,
    demo: false,
  });
  setBatchOrigin(db, batchId, bundleId, machineId, b.id);
  const writer = factWriter(db, batchId, b.format);
  const tally: FileTally = { counts: emptyCounts(), sample: [], providers: new Set(), sides: emptyCoverageSides(), newFactDay: () => {}, touched: () => {} };
  for (let i = 0; i < facts.length; i += CHUNK) {
    const part = facts.slice(i, i + CHUNK);
    const flat: SqlValue[] = new Array<SqlValue>(part.length * ROW_WIDTH);
    part.forEach((v, k) => {
      for (let c = 0; c < ROW_WIDTH; c++) flat[k * ROW_WIDTH + c] = v[c]!;
    });
    classifyChunk(db, factRows(flat, part.length), { importer, batchId, writer, tally });
  }
  // What the bundle brings into a closed month is held, not counted (its days are the batch's: refreshed by the caller).
  holdClosedMonthFacts(db, batchId);
  recordCoverage(db, batchId, [...tally.providers], batchId, tally.sides);
  setBatchCounts(db, batchId, tally.counts);
  return { batchId, counts: tally.counts };
}

/** Names the other machine gave that this ledger has none for; budgets it has that this ledger has none of (by name). */
function mergeNamesAndBudgets(db: WritableDb, bundle: Bundle, now: number): void {
  const have = new Set(listNames(db).map((n) => `${n.dimension}\u0000${n.value}`));
  for (const n of bundle.header.names) if (!have.has(`${n.dimension}\u0000${n.value}`)) upsertName(db, n, now);
  for (const b of bundle.header.budgets) if (findBudgetByName(db, b.name) === null) insertBudget(db, b, now);
}

/**
 * Batches that lost facts to a retraction may have won overlaps through them: their overlaps are moved
 * aside (kept for the undo) and found again from the facts they still hold, recorded as the merge's own.
 * Answers the facts whose coverage changed.
 */
function refindCoverage(db: WritableDb, bundleId: number, marker: number, batches: ReadonlySet<number>): number[] {
  const facts: number[] = [];
  for (const x of batches) {
    const covered = keepSupersessions(db, bundleId, x);
    refreshCountsTokens(db, covered);
    recordCoverage(db, x, providersOfBatch(db, x), marker);
    facts.push(...covered);
  }
  return facts;
}

function mergeInTransaction(ctx: EngineContext, file: string, sha256: string, bytes: number, bundle: Bundle): BundleMergeFile {
  const db = ctx.db;
  const h = bundle.header;
  const now = ctx.now();
  const base = { file, machineId: h.machineId, machineName: h.machineName, member: h.member, sequence: h.sequence };
  const none = { new: 0, duplicate: 0, revised: 0, retracted: 0 };
  if (h.machineId === ensureMachineId(db)) return { ...base, status: 'own', bundleId: null, counts: none };
  const latest = latestBundleOf(db, h.machineId);
  if (latest && latest.sequence >= h.sequence) return { ...base, status: latest.sequence === h.sequence ? 'already-merged' : 'older', bundleId: null, counts: none };
  const bundleId = insertBundleImport(db, { machine_id: h.machineId, machine_name: h.machineName, member: h.member, sequence: h.sequence, exported_at: h.exportedAt, since_day: h.since, file_name: file, sha256, imported_at: now });
  // The bundle's own batch: it holds what the merge retracts (fact_history), so an undo puts it back.
  const marker = insertBatch(db, { createdAt: now, fileName: file, filePath: null, sha256, format: 'ledger-bundle', provider: null, grain: null, bytes, label: h.member ?? h.machineName, importId: null, demo: false });
  setBatchOrigin(db, marker, bundleId, h.machineId, null);
  const byBatch = new Map<number, SqlValue[][]>();
  for (const f of bundle.facts) {
    let list = byBatch.get(f.batch);
    if (!list) byBatch.set(f.batch, (list = []));
    list.push(f.values);
  }
  const counts = { ...none };
  const ids = [marker];
  for (const b of h.batches) {
    const r = mergeBatch(db, bundleId, h.machineId, b, byBatch.get(b.id) ?? [], now);
    ids.push(r.batchId);
    counts.new += r.counts.new;
    counts.duplicate += r.counts.duplicate;
    counts.revised += r.counts.revised;
  }
  const losers = new Set<number>();
  const closed = new Set(closedMonthList(db));
  for (const s of staleFactsOfMachine(db, h.machineId, bundleId, h.since)) {
    // A fact of a closed month stays counted until the retraction is accepted (closing/held-changes-store.ts).
    if (holdRetraction(db, s, bundleId, marker, closed)) continue;
    retractFact(db, s.id, marker);
    losers.add(s.batch);
    counts.retracted++;
  }
  const uncovered = refindCoverage(db, bundleId, marker, losers);
  setBundleCounts(db, bundleId, counts);
  mergeNamesAndBudgets(db, bundle, now);
  refreshDerived(db, [...daysTouchedByBatches(db, ids), ...daysOfFacts(db, uncovered), ...daysOfMachines(db, syncMachineMembers(db))]);
  return { ...base, status: 'merged', bundleId, counts };
}

/** Each machine's member as Settings and the latest bundles say; the days of machines whose member changed are recomputed. */
export function refreshMachineMembers(db: WritableDb): void {
  refreshDerived(db, daysOfMachines(db, syncMachineMembers(db)));
}

/** Merge bundle files, each in its own transaction (a bad file stops the run, the files before it stay merged). */
export function mergeBundles(ctx: EngineContext, paths: readonly string[]): BundleMergeFile[] {
  const out: BundleMergeFile[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw saidError('NOT_FOUND', 'engine.error.cannotRead', { path });
    }
    const file = basename(path);
    const bundle = decodeBundle(file, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    out.push(transaction(ctx.db, () => mergeInTransaction(ctx, file, sha256, bytes.length, bundle)));
  }
  return out;
}

/**
 * Accept held retractions (closing/held-changes-store.ts): each fact retracted as its merge would have (kept in
 * fact_history under the merge's batch), the overlaps of the batches that lost facts found again, the
 * days recomputed. Answers the facts retracted.
 */
export function acceptRetractions(db: WritableDb, held: ReadonlyArray<{ fact_id: number; bundle_id: number; batch_id: number }>): number {
  const byBundle = new Map<number, { marker: number; losers: Set<number> }>();
  const days: string[] = [];
  let n = 0;
  for (const r of held) {
    const f = factBatchAndDay(db, r.fact_id);
    if (!f) continue;
    retractFact(db, r.fact_id, r.batch_id);
    days.push(f.day);
    let g = byBundle.get(r.bundle_id);
    if (!g) byBundle.set(r.bundle_id, (g = { marker: r.batch_id, losers: new Set() }));
    g.losers.add(f.batch_id);
    n++;
  }
  for (const [bundleId, g] of byBundle) days.push(...daysOfFacts(db, refindCoverage(db, bundleId, g.marker, g.losers)));
  refreshDerived(db, days);
  return n;
}

/**
 * Undo one merge: each of its batches, latest first, in one transaction. An undo that would change a closed
 * month is held instead (closing/held-changes-store.ts): nothing is undone, `heldMonths` says which months.
 */
export function undoBundle(ctx: EngineContext, bundleId: number): { removed: number; restored: number; heldMonths: string[] } {
  const b = getBundleImport(ctx.db, bundleId);
  if (!b) throw saidError('NOT_FOUND', 'engine.error.noBundle', { bundle: bundleId });
  if (b.status === 'undone') throw saidError('CONFLICT', 'engine.error.bundleUndone', { bundle: bundleId, file: b.file_name });
  const batches = batchesOfBundle(ctx.db, bundleId);
  const heldMonths = closedMonthsOfUndo(ctx.db, batches);
  if (heldMonths.length > 0) {
    transaction(ctx.db, () => holdUndo(ctx.db, Math.min(...batches), bundleId, heldMonths, ctx.now()));
    return { removed: 0, restored: 0, heldMonths };
  }
  return { ...transaction(ctx.db, () => undoBundleInTransaction(ctx, bundleId)), heldMonths };
}

/** Undo one merge inside the caller's write transaction (undoBundle, or an accepted held undo). */
export function undoBundleInTransaction(ctx: EngineContext, bundleId: number): { removed: number; restored: number } {
  {
    let removed = 0;
    let restored = 0;
    for (const id of batchesOfBundle(ctx.db, bundleId)) {
      const r = undoInTransaction(ctx, id);
      removed += r.removed;
      restored += r.restored;
    }
    const covered = restoreSupersessions(ctx.db, bundleId);
    refreshCountsTokens(ctx.db, covered);
    refreshDerived(ctx.db, daysOfFacts(ctx.db, covered));
    markBundleUndone(ctx.db, bundleId, ctx.now());
    refreshMachineMembers(ctx.db);
    return { removed, restored };
  }
}
