/**
 * Where the import's chunks come from: the parser worker (parse-worker.ts) for imports big enough
 * to pay for starting it, else the same parser in this thread. Running from sources (CLI through tsx,
 * tests, bench) the worker loads its TypeScript through tsx, like bin/tokenledger.mjs; a bundle that
 * ships no worker file parses in this thread.
 */
import type { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../../shared/contract/errors';
import { EngineError } from '../errors';
import { saidError } from '../said-error';
import { importers as registered } from '../importers/registry';
import type { Importer } from '../importers/types';
import type { LedgerPricing } from './normalize';
import { DimRegistry } from './fact-dims';
import { cancelledError, parseChunks, type FileEnd, type ParseJob, type ParsedChunk } from './parse';
import type { FromWorker, ToWorker } from './parse-worker';
import type { HeadAnswer, HeadFeed } from './identify';
import type { ImportFile } from './files';
import { startWorker, takePrestarted } from './parser-start';

export { LOG_FILE_BYTES } from './parser-start';

/**
 * Files sent to the worker ahead of the one being inserted. One left the inserting thread waiting whenever
 * a file took the parser longer than the one before it took the inserting thread (500 small session logs:
 * about 0.5 s of waits in 6 s); the worker's WINDOW, not this, bounds the chunks parsed ahead.
 */
export const FILES_AHEAD = 4;

/**
 * Files sent to the worker while the import's other files are still identified (ChunkSource.sendAhead):
 * as many as the worker's WINDOW of chunks (parse-worker.ts) could fill with one chunk each, so the
 * inserting thread finds chunks ready when identification ends instead of waiting for the first (a session
 * log of 400 records is one chunk; the worker stops at its window whatever was sent).
 */
export const PREFETCH_FILES = 12;

/** Below this many bytes in one import, starting a worker (about 0.3 s of module loading) costs more than it saves. */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/**
 * A file whose chunks the caller will ask for after the current one: a worker parses the files sent
 * ahead, in order, as soon as the current file is parsed, while the inserting thread still finishes it
 * (its WINDOW of unacknowledged chunks bounds how far it runs ahead).
 */
export interface NextFile {
  job: ParseJob;
  importer: Importer;
}

export interface ChunkSource {
  /**
   * Chunks of one file; the generator's return value is the file's sha-256. `ledger` is the ledger's
   * pricing and vendor regions as read in the import's transaction: pass the same object for every
   * file of one import (its book is composed once per object). `next`: the files the caller will ask
   * for after this one, in order (FILES_AHEAD of them are worth sending).
   */
  chunks(job: ParseJob, importer: Importer, importId: string, signal: AbortSignal, ledger: LedgerPricing, next?: readonly NextFile[]): AsyncGenerator<ParsedChunk, FileEnd>;
  /**
   * Begin parsing a file before its chunks are asked for (while the import's later files are still
   * identified), after the files sent before it: the first `chunks` and its `next` must then list the
   * files sent, in order, or their chunks are passed over. In this thread's parser: nothing.
   */
  sendAhead(file: NextFile, importId: string, ledger: LedgerPricing): void;
  /**
   * Have the worker identify these files (identify.ts headAnswer, the built-in formats), answering as it
   * parses; null in this thread's parser. Once per source. The answers stop (null) when the worker does or
   * `signal` aborts.
   */
  heads(files: readonly ImportFile[], signal: AbortSignal): HeadFeed | null;
  readonly threaded: boolean;
  /** Chunks parsed and waiting to be taken (in this thread's parser: always 1, the parser runs when asked). */
  ready(): number;
  close(): Promise<void>;
}

function inThread(): ChunkSource {
  return {
    threaded: false,
    ready: () => 1,
    chunks: (job, importer, importId, signal, ledger) => parseChunks(job, importer, { signal, importId, ledger }),
    sendAhead: () => {},
    heads: () => null,
    close: async () => {},
  };
}

/** The worker's identification answers, by file, as they arrive (HeadFeed); once stopped, the missing ones are null. */
function workerAnswers() {
  const got: HeadAnswer[] = [];
  let stopped = false;
  let wake: (() => void) | null = null;
  const rouse = () => {
    wake?.();
    wake = null;
  };
  const feed = {
    /** Send the files to identify; the answers stop when `signal` aborts. */
    ask(files: readonly ImportFile[], signal: AbortSignal, send: (m: ToWorker) => void): HeadFeed {
      send({ type: 'identify', files: files.map((f) => (f.unreadable ? null : { path: f.path, name: f.name })) });
      if (signal.aborted) feed.stop();
      else signal.addEventListener('abort', () => feed.stop(), { once: true });
      return feed;
    },
    take(first: number, heads: readonly HeadAnswer[]) {
      heads.forEach((h, k) => (got[first + k] = h));
      rouse();
    },
    stop() {
      stopped = true;
      rouse();
    },
    answer(i: number, wait: boolean): Promise<HeadAnswer | null> | HeadAnswer | null {
      if (got[i] || stopped || !wait) return got[i] ?? null;
      return (async () => {
        while (!got[i] && !stopped) await new Promise<void>((r) => (wake = r));
        return got[i] ?? null;
      })();
    },
  };
  return feed;
}

type Message = Exclude<FromWorker, { type: 'heads' }> | { type: 'crash'; error: Error };

/** The worker's messages to the inbox; every chunk's tuples (fact-dims.ts) taken as it arrives, in order, those of a file passed over too. */
function receive(worker: Worker, answers: ReturnType<typeof workerAnswers>, push: (m: Message) => void): void {
  const tuples = new DimRegistry();
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'heads') return answers.take(m.first, m.heads);
    try {
      if (m.type === 'chunk') tuples.take(m.chunk.facts);
    } catch (error) {
      return push({ type: 'crash', error: error as Error });
    }
    push(m);
  });
}

function threaded(worker: Worker): ChunkSource {
  const inbox: Message[] = [];
  let wake: (() => void) | null = null;
  const push = (m: Message) => {
    inbox.push(m);
    wake?.();
    wake = null;
  };
  const answers = workerAnswers();
  receive(worker, answers, push);
  worker.on('error', (error: Error) => {
    answers.stop();
    push({ type: 'crash', error });
  });
  worker.on('exit', (code) => {
    answers.stop();
    push({ type: 'crash', error: saidError('INTERNAL', 'engine.error.parserStopped', { code }) });
  });
  const send = (m: ToWorker) => worker.postMessage(m);
  const next = async () => {
    while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
    return inbox.shift()!;
  };
  let seq = 0;
  /** The files sent ahead (their seq), in the order sent, not yet asked for. */
  let ahead: Array<{ seq: number; path: string; offset: number }> = [];
  const same = (a: { path: string; offset: number }, job: ParseJob) => a.path === job.path && a.offset === (job.from?.offset ?? 0);
  /** The pricing the worker holds: a file's message carries it only when it differs (a structured clone of the book per file cost ~1.6 ms). */
  let sentLedger: LedgerPricing | null = null;
  const sendFile = (job: ParseJob, importer: Importer, importId: string, ledger: LedgerPricing): number => {
    send({ type: 'file', seq: ++seq, job, importerId: importer.id, importId, ledger: ledger === sentLedger ? null : ledger });
    sentLedger = ledger;
    return seq;
  };
  const sendAhead = (n: NextFile, importId: string, ledger: LedgerPricing) => {
    ahead.push({ seq: sendFile(n.job, n.importer, importId, ledger), path: n.job.path, offset: n.job.from?.offset ?? 0 });
  };
  return {
    threaded: true,
    heads: (files, signal) => answers.ask(files, signal, send),
    ready: () => inbox.length,
    sendAhead: (n, importId, ledger) => {
      if (registered.includes(n.importer)) sendAhead(n, importId, ledger);
    },
    async *chunks(job, importer, importId, signal, ledger, nextFiles) {
      // A format the worker does not know (a saved mapping's, found while the worker identifies): parsed here; the files sent ahead stay.
      if (!registered.includes(importer)) return yield* parseChunks(job, importer, { signal, importId, ledger });
      const onAbort = () => {
        send({ type: 'cancel' });
        const e = cancelledError(importId);
        push({ type: 'error', seq: 0, code: e.code, message: e.message, details: e.details, said: e.said });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      // This file was sent ahead: the files sent before it were not asked for (their chunks are passed over).
      const at = ahead.findIndex((a) => same(a, job));
      const mine = at >= 0 ? ahead[at]!.seq : sendFile(job, importer, importId, ledger);
      ahead = at >= 0 ? ahead.slice(at + 1) : [];
      // The files still ahead are the first of `nextFiles` (else they are given up), then more are sent, up to FILES_AHEAD.
      const want = nextFiles ?? [];
      let keep = 0;
      while (keep < ahead.length && keep < want.length && same(ahead[keep]!, want[keep]!.job)) keep++;
      ahead = ahead.slice(0, keep);
      for (const n of want.slice(keep, FILES_AHEAD)) {
        if (!registered.includes(n.importer)) break;
        sendAhead(n, importId, ledger);
      }
      try {
        for (;;) {
          const m = await next();
          // A file sent ahead that was not asked for (or given up): its chunks are passed over.
          if (m.type !== 'crash' && m.seq !== mine && m.seq !== 0) {
            if (m.type === 'chunk') send({ type: 'ack' });
            continue;
          }
          if (m.type === 'chunk') {
            yield m.chunk;
            send({ type: 'ack' });
          } else if (m.type === 'done') {
            return m.end;
          } else if (m.type === 'error') {
            if (signal.aborted) throw cancelledError(importId);
            throw m.code ? new EngineError(m.code as ErrorCode, m.message, m.details, m.said) : new Error(m.message);
          } else {
            throw m.error;
          }
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    close: async () => {
      answers.stop();
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/**
 * A parser worker started before the import's files are identified (about 0.3 s of module loading that
 * then overlaps the identification instead of delaying the first chunk), when `totalBytes` would get one;
 * null otherwise. Hand it to openChunkSource, or terminate it when no import runs.
 */
export function startParserEarly(totalBytes: number): Worker | null {
  const ready = takePrestarted();
  if (!workerSized(totalBytes)) {
    void ready?.terminate();
    return null;
  }
  // The worker prestartParser started, when it is still up.
  if (ready && ready.threadId >= 0) {
    ready.ref();
    return ready;
  }
  void ready?.terminate();
  const worker = startWorker();
  // A worker that fails before it is used ends ('exit'): openChunkSource then starts another.
  worker?.on('error', () => {});
  return worker;
}

/** Whether an import of `totalBytes` is big enough for a worker; TOKENLEDGER_PARSE_THREAD=main never gives one, =worker always (tests). */
function workerSized(totalBytes: number): boolean {
  const thread = process.env.TOKENLEDGER_PARSE_THREAD;
  return thread === 'worker' || (totalBytes >= WORKER_MIN_BYTES && thread !== 'main');
}

/** Whether an import of `totalBytes` in these formats parses in a worker (openChunkSource): big enough, and every format one the worker knows. */
export function worthAWorker(totalBytes: number, importers: readonly Importer[]): boolean {
  return workerSized(totalBytes) && importers.every((i) => registered.includes(i));
}

/**
 * A chunk source for one import of `totalBytes`. `importers` are the formats of this import: the worker
 * knows only the registered ones, so an injected importer parses in this thread. `early`: a worker of
 * startParserEarly, used (or terminated) here.
 */
export function openChunkSource(totalBytes: number, importers: readonly Importer[], early: Worker | null = null): ChunkSource {
  if (!worthAWorker(totalBytes, importers)) {
    void early?.terminate();
    return inThread();
  }
  // threadId is -1 once its 'exit' was emitted; before, the listeners threaded() adds still hear it.
  const worker = early && early.threadId >= 0 ? early : startWorker();
  return worker ? threaded(worker) : inThread();
}
