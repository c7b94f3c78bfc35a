/**
 * The status line computed from the ledger: opened read-only, answered with the engine's own status-line
 * code (reports/status-line.ts, the same figures as `agents.statusline`) without the rest of the engine,
 * zod or the contract. Loaded by the status line's door (statusline.ts) only when its cache cannot answer.
 * Null when the full engine must answer: no ledger yet, or one to migrate.
 */
import { clockFromEnv } from './clock';
import { openCurrentLedgerToRead } from './ledger/read-only';
import { statusParts, type StatusValidity } from './reports/status-line';
import { statusLineText, type StatusParts } from './reports/status-line-text';

export interface QuickStatusLine {
  /** The line for Claude Code's session and model, at the engine's clock (TOKENLEDGER_NOW when set). */
  line(input: { sessionId?: string | undefined; model?: string | undefined }): string;
  /** The figures behind the line at `now`, and how long they hold (what the door caches). */
  parts(now: number, sessionId: string | undefined): { parts: StatusParts; valid: StatusValidity };
  close(): void;
}

export function openQuickStatusLine(dbPath: string, env: Record<string, string | undefined> = process.env): QuickStatusLine | null {
  const now = clockFromEnv(env);
  const db = openCurrentLedgerToRead(dbPath);
  if (!db) return null;
  return {
    line: (input) => {
      const at = now();
      return statusLineText(statusParts(db, at, input.sessionId).parts, at, input.model);
    },
    parts: (at, sessionId) => {
      const { parts, valid } = statusParts(db, at, sessionId);
      return { parts, valid };
    },
    close: () => db.close(),
  };
}
