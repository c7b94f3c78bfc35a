/**
 * The status line's own door into the engine. Claude Code runs `tokenledger statusline` after every
 * message, so it must answer in milliseconds. The figures of the last lines are kept in a small file beside
 * the ledger (`<ledger>.statusline.json`), keyed on the ledger's state (its file and its write-ahead log:
 * inode, size, modification time and header bytes, so any commit changes the key) and each saying how long it holds
 * (the local day, the five-hour block, the session's week, the system zone when the settings set none). A
 * line it can answer from there reads that one file and loads neither SQLite nor the engine; any other is
 * computed by statusline-compute.ts (loaded only then), the same code as `agents.statusline`, and kept.
 * Both print through one formatter (reports/status-line-text.ts), so a kept line is the computed one.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { DAY_MS, systemTimeZone, utcDay } from '../../shared/domain/time';
import { clockFromEnv } from './clock';
import { defaultDbPath } from './paths';
import type { StatusValidity } from './reports/status-line';
import { statusLineText, type StatusParts } from './reports/status-line-text';
import { statusWords, type StatusWords } from '../../shared/i18n/statusline';

export { defaultDbPath };
export { statusLineOf } from './reports/status-line-text';

const CACHE_VERSION = 1;
/** Lines of this many sessions are kept (several Claude Code windows on one ledger). */
const MAX_ENTRIES = 8;

interface CacheEntry {
  session: string;
  valid: StatusValidity;
  parts: StatusParts;
}

interface CacheFile {
  v: number;
  state: string;
  entries: CacheEntry[];
}

/** The file beside the ledger that keeps the status line's figures. */
export const statusCachePath = (dbPath: string) => `${dbPath}.statusline.json`;

function headerHex(path: string, at: number, length: number): string {
  const buf = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    return buf.subarray(0, readSync(fd, buf, 0, length, at)).toString('hex');
  } finally {
    closeSync(fd);
  }
}

/**
 * The ledger's state as its files show it; null when there is no ledger. A commit appends to the write-ahead
 * log (its size grows; a new log generation changes its header's salts) or, without one, rewrites the file
 * and its change counter (header bytes 24-27); a restore replaces the file (its inode). An empty or missing
 * log is no state of its own. (Not the change times: SQLite run as root gives the log its owner on every
 * open, a read too.)
 */
export function ledgerState(dbPath: string): string | null {
  try {
    const db = statSync(dbPath, { bigint: true, throwIfNoEntry: false });
    if (!db) return null;
    const wal = statSync(`${dbPath}-wal`, { bigint: true, throwIfNoEntry: false });
    const file = `${db.ino}:${db.size}:${db.mtimeNs}:${headerHex(dbPath, 24, 4)}`;
    return `${file}|${wal && wal.size > 0n ? `${wal.ino}:${wal.size}:${wal.mtimeNs}:${headerHex(`${dbPath}-wal`, 0, 32)}` : '-'}`;
  } catch {
    return null;
  }
}

/** Whether figures computed at `v.from` still hold at `now` for an unchanged ledger. */
export function holdsAt(v: StatusValidity, now: number): boolean {
  return (
    now >= v.from &&
    now >= v.dayStart &&
    now < v.dayEnd &&
    (v.blockUntil === null || now < v.blockUntil) &&
    (v.sessionSince === null || utcDay(now - 7 * DAY_MS) === v.sessionSince) &&
    (v.systemZone === null || systemTimeZone() === v.systemZone)
  );
}

/** The kept figures of the ledger in `state` (null: whatever state they were kept in). */
function readCache(dbPath: string, state: string | null): CacheFile | null {
  try {
    const c = JSON.parse(readFileSync(statusCachePath(dbPath), 'utf8')) as CacheFile;
    return c.v === CACHE_VERSION && (state === null || c.state === state) && Array.isArray(c.entries) ? c : null;
  } catch {
    return null;
  }
}

function writeCache(dbPath: string, c: CacheFile): void {
  const path = statusCachePath(dbPath);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(c), { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // A folder the status line cannot write to: it computes every line.
  }
}

export interface StatusInput {
  sessionId?: string | undefined;
  model?: string | undefined;
}

/**
 * The status line for the ledger at `dbPath`, at the engine's clock (TOKENLEDGER_NOW when set); `cached`
 * when the kept figures answered, in the language of `words` (English unless given). Null, before
 * `readInput` is called, when the full CLI must answer: no ledger yet, or one to migrate.
 */
export async function quickStatusLine(
  dbPath: string,
  readInput: () => Promise<StatusInput>,
  env: Record<string, string | undefined> = process.env,
  words: StatusWords = statusWords('en'),
): Promise<{ line: string; cached: boolean } | null> {
  const now = clockFromEnv(env)();
  // Taken before anything is read: a commit while the line is computed leaves a key the next call misses.
  const state = ledgerState(dbPath);
  if (state === null) return null;
  // A rollback journal beside the ledger: a large CLI import has taken it (ledger/write-once.ts), changing the file
  // as it goes and keeping readers out until its commit (or its journal is left by one cut off, to be rolled back).
  // The figures kept before it are the ledger's committed ones, what a reader would see beside an import in WAL mode.
  const kept = readCache(dbPath, existsSync(`${dbPath}-journal`) ? null : state);
  let input: StatusInput | null = null;
  if (kept) {
    input = await readInput();
    const session = input.sessionId ?? '';
    const hit = kept.entries.find((e) => e.session === session && holdsAt(e.valid, now));
    if (hit) return { line: statusLineText(hit.parts, now, input.model, words), cached: true };
  }
  const { openQuickStatusLine } = await import('./statusline-compute');
  const reader = openQuickStatusLine(dbPath, env);
  if (!reader) {
    if (input === null) return null;
    // The kept state says the ledger was current and is unchanged: it cannot be opened now.
    throw new Error(`The ledger ${dbPath} cannot be opened to read.`);
  }
  try {
    input ??= await readInput();
    const session = input.sessionId ?? '';
    const { parts, valid } = reader.parts(now, input.sessionId);
    const others = (kept?.entries ?? []).filter((e) => e.session !== session);
    writeCache(dbPath, { v: CACHE_VERSION, state, entries: [{ session, valid, parts }, ...others].slice(0, MAX_ENTRIES) });
    return { line: statusLineText(parts, now, input.model, words), cached: false };
  } finally {
    reader.close();
  }
}
