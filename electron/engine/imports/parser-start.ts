/**
 * Starting the import's parser worker (parse-worker.ts), apart from the rest of chunk-source.ts so that a
 * host can start one (prestartParser) without loading the parser's modules in its own thread first.
 */
import { existsSync } from 'node:fs';
import { getCompileCacheDir } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The parser holds a few chunks at a time. Its young generation is sized so that a chunk being built
 * mostly dies young (at 8 MB each scavenge copied the chunk's live drafts again; at 16 MB a quarter of the
 * 500-file Claude Code import's parser time was GC). 32 MB for every import: the 1M-row OpenRouter CSV, once
 * kept at 16 MB for its RSS (346 vs 293 MB then, over the 300 MB budget), now peaks at the same RSS either way
 * (bench child 221-223 vs 220-224 MB, CLI 233 vs 231-239 MB, 3 and 2 runs, load 0.8-1.3), and its parser
 * runs 4 % fewer instructions (100k rows, valgrind: the whole import 23.11G vs 24.13G, all of it the
 * worker's collections).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 256 };

/** An import of files no larger (agents' session logs) keeps its temporary storage in memory (import-connection.ts). */
export const LOG_FILE_BYTES = 16 * 1024 * 1024;

/** A parser worker (WORKER_LIMITS); null when none can be started (a bundle that ships no worker file). */
export function startWorker(): Worker | null {
  const here = import.meta.url;
  const ts = new URL('./parse-worker.ts', here);
  const js = new URL('./parse-worker.js', here);
  try {
    if (here.endsWith('.ts') && existsSync(fileURLToPath(ts))) {
      const tsx = import.meta.resolve('tsx/esm/api');
      const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); })`;
      return new Worker(boot, { eval: true, resourceLimits: WORKER_LIMITS });
    }
    if (!existsSync(fileURLToPath(js))) return null;
    // The worker does not share this thread's compile cache (bin/tokenledger.mjs enables Node's): it enables
    // the same folder's before loading the parser, which then starts ~30 ms sooner (of ~270 ms).
    const cache = getCompileCacheDir?.();
    if (!cache) return new Worker(js, { resourceLimits: WORKER_LIMITS });
    const boot = `process.getBuiltinModule('node:module').enableCompileCache(${JSON.stringify(cache)}); import(${JSON.stringify(js.href)});`;
    return new Worker(boot, { eval: true, resourceLimits: WORKER_LIMITS });
  } catch {
    return null;
  }
  return null;
}

/** The worker prestartParser started, not yet taken by an import (startParserEarly). */
let prestarted: Worker | null = null;

/**
 * Start a parser worker before the import that will want one is known, for the next startParserEarly to
 * take: a host that is about to import coding agents' logs calls it
 * first thing, so that the worker's ~0.3 s of module loading and price book overlap the host opening the
 * ledger and finding the logs, instead of following them. The worker does not keep the process alive,
 * and an import that wants none (too small) ends it.
 */
export function prestartParser(): void {
  if (prestarted || process.env.TOKENLEDGER_PARSE_THREAD === 'main') return;
  prestarted = startWorker();
  prestarted?.on('error', () => {});
  prestarted?.unref();
}

/** The worker prestartParser started, now the caller's (null: none). */
export function takePrestarted(): Worker | null {
  const w = prestarted;
  prestarted = null;
  return w;
}
