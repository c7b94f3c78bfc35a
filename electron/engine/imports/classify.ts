/**
 * Classifying one chunk of a file against the ledger as it stands (this import's earlier chunks
 * included): each fact is new, a duplicate (same identity, same numbers, or one the format's own rule
 * ranks below the stored one) or a revision (same identity, different numbers: the newer export wins, the
 * old values go to fact_history). New facts are inserted straight from the chunk's values.
 */
import type { ImportCounts, ImportModelTotal, ImportRowClass, ImportSampleRow } from '../../../shared/contract/types';
import { emptyTokens, TOKEN_CLASSES, type NormalizedFact } from '../../../shared/domain/fact';
import { formatAmount } from '../../../shared/domain/money';
import { ledgerDay } from '../../../shared/domain/time';
import { COL } from '../ledger/facts';
import type { WritableDb } from '../ledger/db';
import type { Importer } from '../importers/types';
import { factAt, rowOffsets, valueAt, type FactRows } from './fact-rows';
import { findByIdentities, isStored, sameNumbers, storedAsDraft, type FactWriter, type StoredNumbers } from './fact-store';
import { noteCoverageSide, type CoverageSides } from './coverage-store';
import type { ChunkTotal } from './parse';

/** Rows of each file kept as its preview's sample. */
export const SAMPLE_ROWS = 20;

export function emptyCounts(): ImportCounts {
  return { new: 0, duplicate: 0, revised: 0, skipped: 0, error: 0 };
}

export function sumCounts(all: readonly ImportCounts[]): ImportCounts {
  const out = emptyCounts();
  for (const c of all) {
    out.new += c.new;
    out.duplicate += c.duplicate;
    out.revised += c.revised;
    out.skipped += c.skipped;
    out.error += c.error;
  }
  return out;
}

/** Totals per provider, model and currency, summed chunk by chunk (a handful of groups for any file size). */
export class ModelTotals {
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

/** What classifying a file's chunks accumulates. */
export interface FileTally {
  counts: ImportCounts;
  sample: ImportSampleRow[];
  /** Providers the file's written facts name (coverage is looked for among them). */
  providers: Set<string>;
  /** Which sides of a log's coverage the file's written facts can stand on (coverage-store.ts recordCoverage). */
  sides: CoverageSides;
  /** Called with each UTC day a new fact lands on, in file order. */
  newFactDay(day: string): void;
  /** Called with each UTC day a revision changes (the new value's and the earlier one's). */
  touched(day: string): void;
  /** Called with a chunk's facts inserted as new ones (offsets `at`; null: every fact of the chunk). */
  inserted?(rows: FactRows, at: readonly number[] | null): void;
}

interface ChunkContext {
  importer: Importer;
  batchId: number;
  writer: FactWriter;
  tally: FileTally;
}

/** The class of a fact whose identity is stored, writing what that class needs. */
function classifyStored(
  s: StoredNumbers,
  f: NormalizedFact,
  ctx: ChunkContext,
): ImportRowClass {
  const { importer, writer, tally } = ctx;
  if (s.batch_id === ctx.batchId) {
    // The file repeats a record of an earlier chunk: merged like a repeat within a chunk.
    const kept = importer.mergeDuplicate ? importer.mergeDuplicate(storedAsDraft(s, f), f) : f;
    if (kept === f && !sameNumbers(s, f)) {
      writer.replaceOwn(s.id, f);
      noteCoverageSide(tally.sides, f.provider, f.billedBy, f.lineType);
      tally.touched(s.day);
      tally.touched(ledgerDay(f));
    }
    return 'duplicate';
  }
  if (sameNumbers(s, f) || (importer.mergeDuplicate && importer.mergeDuplicate(storedAsDraft(s, f), f) !== f)) {
    // Same numbers, or a record the format's own rule ranks below the ledger's (Claude Code: a message
    // logged again with fewer tokens, in a later chunk or another session file): a duplicate.
    writer.claim(s.id, f.line);
    return 'duplicate';
  }
  writer.revise(s.id, f);
  tally.touched(s.day);
  tally.touched(ledgerDay(f));
  tally.providers.add(f.provider);
  noteCoverageSide(tally.sides, f.provider, f.billedBy, f.lineType);
  return 'revised';
}

/** Stored facts of the chunk's identities, found before or after its facts are inserted (see classifyChunk). */
function insertAndFind(db: WritableDb, rows: FactRows, pos: readonly number[], writer: FactWriter): Map<string, StoredNumbers> | null {
  const identity = (i: number) => valueAt(rows, pos, i, COL.identity) as string;
  let stored: Map<string, StoredNumbers> | null = null;
  if (writer.expectStored || (rows.count > 0 && isStored(db, identity(0)))) {
    // A chunk of a file imported again: all looked up, only the others inserted.
    const all: string[] = new Array<string>(rows.count);
    for (let i = 0; i < rows.count; i++) all[i] = identity(i);
    stored = findByIdentities(db, all);
    const fresh: number[] = [];
    for (let i = 0; i < rows.count; i++) if (!stored.has(all[i]!)) fresh.push(i);
    if (fresh.length > 0) {
      const put = writer.insertRows(rows, fresh);
      if (put.inserted !== fresh.length) leftOut(db, rows, writer, identity, put.unsure);
    }
  } else {
    const put = writer.insertRows(rows, null);
    if (put.inserted < rows.count) {
      stored = findByIdentities(db, put.unsure.map(identity), put.firstId);
      // Each fact left out is stored from before the chunk, unless the chunk repeated an identity or a constraint refused it.
      if (stored.size + put.inserted !== rows.count) leftOut(db, rows, writer, identity, put.unsure);
    }
  }
  writer.expectStored = stored !== null && stored.size * 8 > rows.count;
  return stored;
}

const repeated = () => new Error('UNIQUE constraint failed: usage_facts.identity (a chunk repeats an identity)');

/**
 * The chunk's INSERTs (OR IGNORE, fact-store.ts) left out a fact not stored before it. One stored by now was
 * repeated in the chunk (never: the parser merges repeats); one not stored at all a constraint refused, and
 * inserted again strict it fails with that constraint's own message, failing the import.
 */
function leftOut(db: WritableDb, rows: FactRows, writer: FactWriter, identity: (i: number) => string, unsure: readonly number[]): never {
  const now = findByIdentities(db, unsure.map(identity));
  const refused = unsure.filter((i) => !now.has(identity(i)));
  if (refused.length > 0) writer.insertRows(rows, refused, true);
  throw repeated();
}

/** What classifying a chunk took (ms), and how many of its new facts were inserted through numbered tuples (fact-dims.ts). */
export interface ChunkTime {
  classifyMs: number;
  insertMs: number;
  dimFacts: number;
}

/**
 * Classify a chunk's facts and write them: new ones inserted from the chunk's values, duplicates claimed,
 * revisions kept in fact_history. Unless its first fact is stored (or the file's chunk before held stored
 * facts), the chunk's facts are inserted first, those whose identity is stored left out (untouched), and
 * only those are then looked up: a chunk of new facts (a first import) probes the identity index once a
 * fact, not twice. Either way the classes are those against the ledger before the chunk (a chunk never
 * repeats an identity: the parser merges repeats). Returns the time spent classifying and inserting (ms),
 * for the bench.
 */
export function classifyChunk(db: WritableDb, rows: FactRows, ctx: ChunkContext): ChunkTime {
  const t0 = performance.now();
  const { tally } = ctx;
  const dimFacts = ctx.writer.dimFacts;
  const pos = rowOffsets(rows);
  const stored = insertAndFind(db, rows, pos, ctx.writer);
  const t1 = performance.now();
  let lastDay: unknown = null;
  let lastProvider: unknown = null;
  const fresh: number[] | null = stored === null ? null : [];
  for (let i = 0; i < rows.count; i++) {
    const s = stored === null ? undefined : stored.get(valueAt(rows, pos, i, COL.identity) as string);
    if (!s) {
      fresh?.push(i);
      const day = valueAt(rows, pos, i, COL.day);
      const provider = valueAt(rows, pos, i, COL.provider);
      if (day !== lastDay) tally.newFactDay((lastDay = day) as string);
      if (provider !== lastProvider) tally.providers.add((lastProvider = provider) as string);
      noteCoverageSide(tally.sides, provider as string, valueAt(rows, pos, i, COL.billed_by) as string | null, valueAt(rows, pos, i, COL.line_type) as string);
      tally.counts.new++;
      if (tally.sample.length < SAMPLE_ROWS) tally.sample.push(sampleRow(factAt(rows, i), 'new'));
      continue;
    }
    const f = factAt(rows, i);
    const cls = classifyStored(s, f, ctx);
    tally.counts[cls]++;
    if (tally.sample.length < SAMPLE_ROWS) tally.sample.push(sampleRow(f, cls));
  }
  tally.inserted?.(rows, fresh);
  ctx.writer.flush();
  return { classifyMs: performance.now() - t1, insertMs: t1 - t0, dimFacts: ctx.writer.dimFacts - dimFacts };
}
