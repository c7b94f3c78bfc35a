/**
 * The pipeline's parse side: read (streamed) -> importer.parse -> validate -> merge repeats within a chunk
 * -> normalize, handed on in chunks of CHUNK_FACTS facts. Nothing here holds more than one chunk: a file of
 * several GB streams through. It runs in a parser worker (parse-worker.ts) beside the thread that
 * classifies and inserts, or in that thread itself (small imports, importers a test injects, a bundle
 * without the worker file): the same code either way. Facts are priced with the ledger's book and given
 * the user's vendor regions here (opts.ledger, read in the import's transaction): what is committed is final.
 */
import { createHash } from 'node:crypto';
import type { ImportRowIssue } from '../../../shared/contract/types';
import { emptyTokens, TOKEN_CLASSES, type FactDraft, type NormalizedFact, type TokenCounts } from '../../../shared/domain/fact';
import { maskFactSecrets, maskSecrets } from '../../../shared/domain/secrets';
import { FIRST_DAY, instantText, isSaneInstant, LAST_DAY } from '../../../shared/domain/time';
import { english } from '../../../shared/i18n/english';
import { said, type Said } from '../../../shared/i18n/said';
import { EngineError } from '../errors';
import { saidError } from '../said-error';
import { ROW_WIDTH, writeColumnValues } from '../ledger/facts';
import type { SqlValue } from '../ledger/sql';
import type { DimCoder } from './fact-dims';
import { factRows, factRowsOfColumns, type FactRows } from './fact-rows';
import type { Importer, ParsedRow, RowSaid, TextEncodingName } from '../importers/types';
import { countingTextSource, headHash, readingEnd, sha256File, tailHash } from './files';
import { normalizeDraft, normalizerFor, type LedgerPricing, type Normalizer } from './normalize';

/** Row issues kept per file (the preview shows these; the count is exact). */
export const MAX_ISSUES = 200;
/** Facts per chunk: big enough that per-chunk costs vanish, small enough that memory stays flat. */
export const CHUNK_FACTS = 500;

export interface ParseJob {
  path: string;
  name: string;
  bytes: number;
  encoding: TextEncodingName;
  delimiter: string | null;
  /** Read from this offset (the end of a line an earlier import read), numbering lines after `lines`. */
  from?: { offset: number; lines: number } | undefined;
  /** The file's state is remembered after it (file-state.ts): hash its head and tail where the reading ends (FileEnd.probes). */
  probe?: boolean | undefined;
}

/** Where a file's reading ended: its hash, the bytes read to, and the end of its last complete line. */
export interface FileEnd {
  /** sha-256 of the bytes read (the whole file, unless it was read from an offset). */
  sha256: string;
  /** Offset the reading reached (the file's size then). */
  size: number;
  /** Offset just after the last newline read, and the number of lines before it. */
  lineEnd: number;
  lines: number;
  /**
   * A job's `probe`: sha-256 of the file's head and of the bytes before `at` (file-state.ts headHash,
   * tailHash), `at` being the last line's end for a log, the size read for an export. Hashed by the parser
   * so the inserting thread does not read the file again.
   */
  probes?: { at: number; head: string; tail: string } | undefined;
}

/** What the preview's totals per provider, model and currency need of a chunk (summed in the parser). */
export interface ChunkTotal {
  provider: string;
  model: string;
  currency: string | null;
  tokens: TokenCounts;
  requests: number;
  facts: number;
  /** Billed nano-units, null when no fact of the group states a bill. */
  nano: bigint | null;
}

/** One chunk of a file: facts unique by identity within the chunk, in first-seen order. */
export interface ParsedChunk {
  /** The facts as rows of values (fact-rows.ts): one flat array, cheap to hand between threads. */
  facts: FactRows;
  totals: ChunkTotal[];
  /** Time spent reading + parsing + mapping this chunk's records, and normalizing (catalog, price) them, in ms. */
  parseMs: number;
  normalizeMs: number;
  /** Records of this chunk merged into an earlier one of the same chunk (same identity). */
  merged: number;
  skipped: number;
  /** Records read (facts, skips, errors). */
  rows: number;
  /** Raw bytes read so far in the file. */
  bytes: number;
  /** New issues (only while the file has fewer than MAX_ISSUES); `issueCount` counts them all. */
  issues: ImportRowIssue[];
  issueCount: number;
}

/**
 * A row message (an importer's, or the pipeline's own) as the contract carries it: the message id and values
 * (`said`, for the user's language) and its English text (`message`, for scripts).
 */
export function rowMessage(s: RowSaid | Said): { message: string; said: Said } {
  const said = s as Said;
  return { message: english(said), said };
}

/** What the ledger's CHECK constraints require, as a row issue instead of a failed commit. */
export function invalidFact(f: FactDraft): { field: string; said: Said } | null {
  for (const c of TOKEN_CLASSES) {
    const v = f.tokens[c];
    if (!Number.isSafeInteger(v) || v < 0) return { field: c, said: said('engine.row.tokensNotWhole', { field: c, value: String(v) }) };
  }
  if (f.tokens.reasoning > f.tokens.output) return { field: 'reasoning', said: said('engine.row.reasoningExceedsOutput', { reasoning: f.tokens.reasoning, output: f.tokens.output }) };
  if (!Number.isSafeInteger(f.requests) || f.requests < 0) return { field: 'requests', said: said('engine.row.requestsNotWhole', { value: String(f.requests) }) };
  if (!Number.isFinite(f.start) || !Number.isFinite(f.end) || f.end < f.start) return { field: 'start', said: said('engine.row.noTimeRange') };
  // Every importer's times pass here, whichever reader it used: one check of the ledger's years.
  if (!isSaneInstant(f.start)) return { field: 'start', said: said('engine.row.startOutsideDates', { at: instantText(f.start), first: FIRST_DAY, last: LAST_DAY }) };
  if (!isSaneInstant(f.end)) return { field: 'end', said: said('engine.row.endOutsideDates', { at: instantText(f.end), first: FIRST_DAY, last: LAST_DAY }) };
  if (!f.identity) return { field: 'identity', said: said('engine.row.noIdentity') };
  return null;
}

/**
 * A chunk's totals per (provider, model, currency), in the order the groups were met: found by the fact's own
 * strings, not by a key joined from them per fact (a string to build and hash per row).
 */
class ChunkTotals {
  private readonly byModel = new Map<string, ChunkTotal[]>();
  readonly list: ChunkTotal[] = [];

  group(provider: string, model: string, currency: string | null): ChunkTotal {
    let groups = this.byModel.get(model);
    // A null currency and an empty one are one group (the first met names it), as they were by a joined key.
    if (groups) for (const g of groups) if (g.provider === provider && (g.currency ?? '') === (currency ?? '')) return g;
    const g: ChunkTotal = { provider, model, currency, tokens: emptyTokens(), requests: 0, facts: 0, nano: null };
    if (!groups) this.byModel.set(model, (groups = []));
    groups.push(g);
    this.list.push(g);
    return g;
  }
}

function addTotal(totals: ChunkTotals, f: NormalizedFact): void {
  const g = totals.group(f.provider, f.model ?? f.modelRaw ?? '(no model)', f.billed?.currency ?? null);
  const t = f.tokens;
  g.tokens.input += t.input;
  g.tokens.cache_read += t.cache_read;
  g.tokens.cache_write_5m += t.cache_write_5m;
  g.tokens.cache_write_1h += t.cache_write_1h;
  g.tokens.output += t.output;
  g.tokens.reasoning += t.reasoning;
  g.requests += f.requests;
  g.facts++;
  if (f.billed) g.nano = (g.nano ?? 0n) + f.billed.nano;
}

export function cancelledError(importId: string): EngineError {
  return saidError('CANCELLED', 'engine.error.importCancelled', { importId }, { importId });
}

/**
 * A fact with secret-looking values masked (maskFactSecrets), remembering the strings found free of them:
 * a log repeats its session, folder and branch on every line, so each is looked at once per file.
 */
class CleanStrings {
  private readonly seen = new Set<string>();

  private clean(v: string | null): boolean {
    if (v === null || this.seen.has(v)) return true;
    if (maskSecrets(v) !== v) return false;
    if (this.seen.size >= 4096) this.seen.clear();
    this.seen.add(v);
    return true;
  }

  masked(f: FactDraft): FactDraft {
    let clean = this.clean(f.account) && this.clean(f.project) && this.clean(f.apiKey) && this.clean(f.member);
    if (clean && f.tags) for (const k in f.tags) if (!this.clean(f.tags[k]!)) clean = false;
    return clean ? f : maskFactSecrets(f);
  }
}

/** Where the last complete line of the bytes read so far ends, and how many lines come before it. */
class LineEnds {
  private pos: number;
  constructor(
    public lineEnd: number,
    public lines: number,
  ) {
    this.pos = lineEnd;
  }

  /** The next raw bytes: newlines are counted in the bytes (0x0a is never part of a UTF-8 sequence). */
  see(b: Buffer): void {
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) {
      this.lines++;
      this.lineEnd = this.pos + i + 1;
    }
    this.pos += b.length;
  }
}

/** A fact of the chunk being filled, and its line: made by a constructor, not a literal (claude-code-jsonl.ts ClaudeDraft says why). */
class Pending {
  declare readonly draft: FactDraft;
  declare readonly line: number;

  constructor(draft: FactDraft, line: number) {
    this.draft = draft;
    this.line = line;
  }
}

/** The chunk being filled: rows in, facts unique by identity, issues counted (the first MAX_ISSUES of the file kept). */
class ChunkBuilder {
  private pending = new Map<string, Pending>();
  private chunk = ChunkBuilder.empty();
  private kept = 0; // issues handed on so far
  private readonly clean = new CleanStrings();
  private resumed = performance.now();
  lastLine = 0;

  constructor(
    private readonly fileName: string,
    private readonly importer: Importer,
    private readonly lineBase: number,
    private readonly chunkFacts: number,
    private readonly normalizer: Normalizer,
    private readonly dims: DimCoder | undefined,
  ) {}

  private static empty(): ParsedChunk {
    return { facts: factRows([], 0), totals: [], parseMs: 0, normalizeMs: 0, merged: 0, skipped: 0, rows: 0, bytes: 0, issues: [], issueCount: 0 };
  }

  issue(line: number, field: string, s: RowSaid | Said): void {
    this.chunk.issueCount++;
    if (this.kept < MAX_ISSUES) {
      this.kept++;
      this.chunk.issues.push({ file: this.fileName, line, field, ...rowMessage(s) });
    }
  }

  /** One row into the chunk; true when the chunk is full. */
  add(row: ParsedRow): boolean {
    const chunk = this.chunk;
    chunk.rows++;
    if (this.lineBase > 0) row.line += this.lineBase;
    if (row.line > this.lastLine) this.lastLine = row.line;
    if (row.kind === 'skip') {
      chunk.skipped++;
      return false;
    }
    if (row.kind === 'error') {
      this.issue(row.line, row.field, row.said);
      return false;
    }
    const draft = this.clean.masked(row.fact);
    const bad = invalidFact(draft);
    if (bad) {
      this.issue(row.line, bad.field, bad.said);
      return false;
    }
    const earlier = this.pending.get(draft.identity);
    if (earlier) {
      chunk.merged++;
      const stands = this.importer.mergeDuplicate ? this.importer.mergeDuplicate(earlier.draft, draft) : draft;
      this.pending.set(draft.identity, new Pending(stands, stands === earlier.draft ? earlier.line : row.line));
      return false;
    }
    this.pending.set(draft.identity, new Pending(draft, row.line));
    return this.pending.size >= this.chunkFacts;
  }

  /** The chunk so far (normalized, as rows), `bytes` read; a new one begins. */
  take(bytes: number): ParsedChunk {
    const t0 = performance.now();
    const out = this.chunk;
    const count = this.pending.size;
    const columns: SqlValue[][] = [];
    for (let c = 0; c < ROW_WIDTH; c++) columns.push(new Array<SqlValue>(count));
    const totals = new ChunkTotals();
    let i = 0;
    for (const p of this.pending.values()) {
      const f = normalizeDraft(p.draft, p.line, this.normalizer);
      writeColumnValues(columns, i++, f);
      addTotal(totals, f);
    }
    out.facts = factRowsOfColumns(columns, count);
    this.dims?.code(out.facts);
    out.totals = totals.list;
    out.bytes = bytes;
    out.parseMs = t0 - this.resumed;
    out.normalizeMs = performance.now() - t0;
    this.pending = new Map();
    this.chunk = ChunkBuilder.empty();
    return out;
  }

  /** The parser runs again after the chunk taken was handed on. */
  resume(): void {
    this.resumed = performance.now();
  }
}

/**
 * Parse one file into chunks. Returns where the reading ended, with the file's sha-256 (hashed while
 * reading; a file the importer stopped reading early is hashed again whole; a file read from an offset:
 * the bytes read).
 */
export async function* parseChunks(
  job: ParseJob,
  importer: Importer,
  opts: { signal: AbortSignal; importId: string; chunkFacts?: number; ledger: LedgerPricing; blockingReads?: boolean; dims?: DimCoder },
): AsyncGenerator<ParsedChunk, FileEnd> {
  // The ledger's book and vendor regions, composed once per import (cached on the LedgerPricing object).
  const normalizer = normalizerFor(opts.ledger);
  const hash = createHash('sha256');
  const start = job.from?.offset ?? 0;
  const lineBase = job.from?.lines ?? 0;
  let hashed = 0;
  let bytes = 0;
  const ends = new LineEnds(start, lineBase);
  const b = new ChunkBuilder(job.name, importer, lineBase, opts.chunkFacts ?? CHUNK_FACTS, normalizer, opts.dims);
  // Read from where the last import stopped, and nothing was written after it (only the file's time moved).
  if (start > 0 && start >= job.bytes) return { sha256: hash.digest('hex'), size: start, lineEnd: start, lines: lineBase };
  const onBytes = (chunk: Buffer) => {
    ends.see(chunk);
    bytes += chunk.length;
    hashed += chunk.length;
    hash.update(chunk);
  };
  const source = countingTextSource(job.path, job.encoding, onBytes, start, opts.blockingReads);
  const ctx = { fileName: job.name, path: job.path, encoding: job.encoding, delimiter: job.delimiter, signal: opts.signal };
  try {
    const rows = importer.parse(source, ctx);
    if ('batches' in rows) {
      for await (const batch of rows.batches) {
        if (opts.signal.aborted) throw cancelledError(opts.importId);
        for (const row of batch) {
          if (b.add(row)) {
            yield b.take(bytes);
            b.resume();
          }
        }
      }
    } else {
      for await (const row of rows) {
        if (opts.signal.aborted) throw cancelledError(opts.importId);
        if (b.add(row)) {
          yield b.take(bytes);
          b.resume();
        }
      }
    }
  } catch (err) {
    if (opts.signal.aborted) throw cancelledError(opts.importId);
    if (err instanceof EngineError) throw err;
    // An importer that cannot go on (a broken document): one issue for the file; 'abort' refuses it, 'skip' keeps the rows read so far.
    b.issue(b.lastLine + 1, '(file)', said('engine.row.fileUnreadable', { reason: (err as Error).message }));
  }
  yield b.take(bytes);
  const sha256 = start > 0 || hashed === job.bytes ? hash.digest('hex') : await sha256File(job.path);
  const at = readingEnd(importer, ends.lineEnd, start + bytes);
  const probes = job.probe ? { at, head: headHash(job.path, at), tail: tailHash(job.path, at) } : undefined;
  return { sha256, size: start + bytes, lineEnd: ends.lineEnd, lines: ends.lines, probes };
}
