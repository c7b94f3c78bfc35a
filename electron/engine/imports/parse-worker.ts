/**
 * The parser worker (node:worker_threads): parses files for the import pipeline while the main thread
 * classifies and inserts the previous chunk, and begins the next file (sent ahead) while the main thread
 * finishes the one before. Started by chunk-source.ts; at most WINDOW chunks are in flight (the main
 * thread acknowledges each), so memory stays flat whatever the file size.
 */
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { Said } from '../../../shared/i18n/said';
import { EngineError } from '../errors';
import { importers } from '../importers/registry';
import { headAnswer, type HeadAnswer } from './identify';
import { builtinBook } from '../../../shared/domain/pricing/price-fact';
import type { LedgerPricing } from './normalize';
import { DimCoder } from './fact-dims';
import { parseChunks, type ParseJob } from './parse';

/** Files are parsed in the order sent; a file may be sent while the one before is still being parsed. */
export type ToWorker =
  /** `ledger`: null when it is the one the previous file's message carried (the same object on the sending side). */
  | { type: 'file'; seq: number; job: ParseJob; importerId: string; importId: string; ledger: LedgerPricing | null }
  | { type: 'ack' }
  | { type: 'cancel' }
  /** Identify these files (null: one not to read here): answered in one message, before any file is parsed. */
  | { type: 'identify'; files: Array<{ path: string; name: string } | null> };

/** `seq`: the file's, as sent. */
export type FromWorker =
  | { type: 'chunk'; seq: number; chunk: import('./parse').ParsedChunk }
  | { type: 'done'; seq: number; end: import('./parse').FileEnd }
  | { type: 'error'; seq: number; code: string | null; message: string; details?: unknown; said?: Said }
  /** The answers for files `first`, `first + 1`... of the identify message. */
  | { type: 'heads'; first: number; heads: HeadAnswer[] };

/**
 * Chunks parsed ahead of the inserting thread, across files (64 x CHUNK_FACTS = 32,000 facts at most in flight,
 * 3-9 MB). The inserting thread works in bursts (the summed facts added to the rollups take 0.2-0.5 s at a
 * time), and a window of 12 chunks (0.1 s of parsing) stopped the parser at each: 1M OpenRouter rows, the
 * inserting thread waited 297 times and 5.3 s in all for a chunk; with 64, 37 times and 1.8 s (RSS the same).
 */
export const WINDOW = 64;

const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | null = null;
/** Cancels the file being parsed and every file queued (the import is over). */
const controller = new AbortController();
const queue: Array<Extract<ToWorker, { type: 'file' }>> = [];
let busy = false;

function post(m: FromWorker): void {
  port.postMessage(m);
}

/**
 * The ledger pricing of the files being parsed: sent with the first file (and again only when it changes),
 * and the book is composed once per object (normalize.ts normalizerFor), so the files of one import share
 * one composed book.
 */
let current: LedgerPricing | null = null;
/** The tuples of the import being parsed (fact-dims.ts), numbered across its files. */
let dims: { importId: string; coder: DimCoder } | null = null;

async function runFile(m: Extract<ToWorker, { type: 'file' }>): Promise<void> {
  const importer = importers.find((i) => i.id === m.importerId);
  if (!importer) throw new Error(`no importer ${m.importerId}`);
  if (m.ledger) current = m.ledger;
  if (!current) throw new Error('no ledger pricing sent');
  if (dims?.importId !== m.importId) dims = { importId: m.importId, coder: new DimCoder(randomUUID()) };
  // Blocking reads: this thread has nothing else to do meanwhile (files.ts blockingChunks).
  const gen = parseChunks(m.job, importer, { signal: controller.signal, importId: m.importId, ledger: current, blockingReads: true, dims: dims.coder });
  for (;;) {
    const r = await gen.next();
    if (r.done) {
      post({ type: 'done', seq: m.seq, end: r.value });
      return;
    }
    inFlight++;
    post({ type: 'chunk', seq: m.seq, chunk: r.value });
    while (inFlight >= WINDOW && !controller.signal.aborted) await new Promise<void>((res) => (wake = res));
  }
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  while (queue.length > 0 && !controller.signal.aborted) {
    const m = queue.shift()!;
    try {
      await runFile(m);
    } catch (err) {
      const e = err as Error;
      post({ type: 'error', seq: m.seq, code: err instanceof EngineError ? err.code : null, message: e.message, details: err instanceof EngineError ? err.details : undefined, said: err instanceof EngineError ? err.said : undefined });
    }
  }
  busy = false;
}

/**
 * The files are identified in one go, before any parsing, and answered in one message (the worker could
 * not parse the first file sooner). The built-in price book (every file's normalizer needs it) is built
 * first: built after the heads, the worker ran 35-46 full GCs instead of 2-3 in most imports of 500
 * session logs (--trace-gc; its GC 1.4-2.2 s instead of 0.5-0.6 s in CPU profiles), its old generation
 * growing 2-3 MB at every scavenge, as if V8 had pretenured allocation sites the parsing uses; built
 * first, 2 full GCs in each run. (A book that fails to build fails the first file, as before.)
 */
function identifyFiles(files: ReadonlyArray<{ path: string; name: string } | null>): void {
  try {
    builtinBook();
  } catch {
    // said by the first file's normalizer
  }
  const heads = files.map((f): HeadAnswer => (f ? headAnswer(f.path, f.name, importers) : { kind: 'here' }));
  if (!controller.signal.aborted) post({ type: 'heads', first: 0, heads });
}

// The built-in book, built as soon as the worker is up: a worker started ahead of its import (parser-start.ts
// prestartParser) has it ready when the files to identify come; identifyFiles builds it otherwise.
setImmediate(() => {
  try {
    builtinBook();
  } catch {
    // said by the first file's normalizer
  }
});

port.on('message', (m: ToWorker) => {
  if (m.type === 'identify') identifyFiles(m.files);
  else if (m.type === 'file') {
    queue.push(m);
    void drain();
  } else if (m.type === 'ack') {
    inFlight--;
    wake?.();
    wake = null;
  } else {
    controller.abort();
    wake?.();
    wake = null;
  }
});
