/**
 * The status line's own door into the engine. Claude Code runs `tokenledger statusline` after every
 * message, so it must answer in milliseconds: this opens the ledger read-only and answers with the
 * engine's own status-line code (reports/status-line.ts, the same figures as `agents.statusline`) without
 * loading the rest of the engine, zod or the contract. Null when the full engine must answer: no ledger
 * yet, or one to migrate.
 */
import { clockFromEnv } from './clock';
import { openCurrentLedgerToRead } from './ledger/read-only';
import { defaultDbPath } from './paths';
import { statusLine } from './reports/status-line';

export { defaultDbPath };

export interface QuickStatusLine {
  /** The line for Claude Code's session and model, at the engine's clock (TOKENLEDGER_NOW when set). */
  line(input: { sessionId?: string; model?: string }): string;
  close(): void;
}

export function openQuickStatusLine(dbPath: string, env: Record<string, string | undefined> = process.env): QuickStatusLine | null {
  const now = clockFromEnv(env);
  const db = openCurrentLedgerToRead(dbPath);
  if (!db) return null;
  return { line: (input) => statusLine(db, now(), input).line, close: () => db.close() };
}
