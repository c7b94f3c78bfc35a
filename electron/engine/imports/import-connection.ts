/** The connection an import writes through (imports/run.ts). */
import type { EngineContext } from '../context';
import { memoryCopy, openLedger } from '../ledger/connection';
import type { WritableDb } from '../ledger/db';
import { writeOnce } from '../ledger/write-once';

/** SQLite page cache of the import's connection, in KiB (2 MB thrashes past ~100k facts; 16 MB vs 32: RSS -75 MB, as fast). */
const IMPORT_CACHE_KB = 16 * 1024;

/**
 * The connection the import writes through: its own one on a ledger file, else the engine's; temporary storage in
 * memory when `logSized` (no file over LOG_FILE_BYTES; a large export's RSS is the same either way, 221 MB, and no
 * faster). `once`: a write (not a preview) of a larger file on an engine nothing else reads meanwhile (the CLI's,
 * ctx.exclusive) goes through the engine's connection, the ledger taken for itself when no other connection has it
 * open (ledger/write-once.ts: its pages written once, not twice).
 */
export function importConnection(ctx: EngineContext, logSized: boolean, once: boolean): { db: WritableDb; close(): void; once?: true } {
  if (ctx.dbPath === ':memory:') return { db: ctx.db, close: () => {} };
  // A read-only ledger (only previews reach here): the preview runs on a private copy in memory.
  if (ctx.readOnly) {
    const copy = memoryCopy(ctx.db.serialize());
    return { db: copy, close: () => copy.close() };
  }
  const alone = once && ctx.exclusive === true && !logSized ? writeOnce(ctx.db, IMPORT_CACHE_KB) : null;
  if (alone) return { db: ctx.db, close: () => alone.restore(), once: true };
  const opened = openLedger(ctx.dbPath, { cacheKb: IMPORT_CACHE_KB, memoryTemp: logSized });
  return { db: opened.db, close: () => opened.db.close() };
}

