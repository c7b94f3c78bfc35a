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
 * mostly dies young (at 8 MB each scavenge copied the chunk's live drafts again). 32 MB, chosen when the
 * parser was the import's bottleneck, cost its RSS: the 1M-row OpenRouter import peaked at 346 MB (CLI,
 * load 1.9) against 293 MB at 16 MB, over the 300 MB budget; the parser now waits on the inserting thread
 * and the 200,000-record Claude Code folder is as fast within noise (7.5 vs 7.1 s, RSS 208 vs 226 MB).
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 };

/**
 * An import of log-sized files only (none over LOG_FILE_BYTES: agents' session logs) parses with a 32 MB
 * young generation. Now that identification is quick, the parser is the slower thread of the 500-file
 * Claude Code import, and at 16 MB a quarter of its time was GC (scavenges every ~4 MB, the chunk being
 * built promoted, 36 full GCs): at 32 MB its GC took 1.0 s instead of 2.1-3.0 s (profiles, load 6-8),
 * the process 7.0-7.2 s CPU instead of 7.6-10.6 s, RSS 226 MB (218-224 MB at 16). The 1M-row OpenRouter
 * CSV (one 199 MB file) keeps 16 MB: its RSS is the one near the budget (above).
 */
export const LOG_WORKER_LIMITS = { ...WORKER_LIMITS, maxYoungGenerationSizeMb: 32 };
export const LOG_FILE_BYTES = 16 * 1024 * 1024;

/** A parser worker with these limits; null when none can be started (a bundle that ships no worker file). */
export function startWorker(limits = WORKER_LIMITS): Worker | null {
  const here = import.meta.url;
  const ts = new URL('./parse-worker.ts', here);
  const js = new URL('./parse-worker.js', here);
  try {
    if (here.endsWith('.ts') && existsSync(fileURLToPath(ts))) {
      const tsx = import.meta.resolve('tsx/esm/api');
      const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); })`;
      return new Worker(boot, { eval: true, resourceLimits: limits });
    }
    if (!existsSync(fileURLToPath(js))) return null;
    // The worker does not share this thread's compile cache (bin/tokenledger.mjs enables Node's): it enables
    // the same folder's before loading the parser, which then starts ~30 ms sooner (of ~270 ms).
    const cache = getCompileCacheDir?.();
    if (!cache) return new Worker(js, { resourceLimits: limits });
    const boot = `process.getBuiltinModule('node:module').enableCompileCache(${JSON.stringify(cache)}); import(${JSON.stringify(js.href)});`;
    return new Worker(boot, { eval: true, resourceLimits: limits });
  } catch {
    return null;
  }
  return null;
}

/** The worker prestartParser started, not yet taken by an import (startParserEarly). */
let prestarted: Worker | null = null;

/**
 * Start a parser worker before the import that will want one is known, for the next startParserEarly to
 * take (with the limits of log-sized files): a host that is about to import coding agents' logs calls it
 * first thing, so that the worker's ~0.3 s of module loading and price book overlap the host opening the
 * ledger and finding the logs, instead of following them. The worker does not keep the process alive,
 * and an import that wants none (too small, or a larger file's limits) ends it.
 */
export function prestartParser(): void {
  if (prestarted || process.env.TOKENLEDGER_PARSE_THREAD === 'main') return;
  prestarted = startWorker(LOG_WORKER_LIMITS);
  prestarted?.on('error', () => {});
  prestarted?.unref();
}

/** The worker prestartParser started, now the caller's (null: none). */
export function takePrestarted(): Worker | null {
  const w = prestarted;
  prestarted = null;
  return w;
}
