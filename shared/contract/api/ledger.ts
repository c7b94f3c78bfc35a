/** The ledger file itself: a consistent backup copy, restoring from one, showing it in its folder. */
import { z } from 'zod';
import { method } from '../define';

export interface LedgerBackup {
  path: string;
  bytes: number;
}

export interface LedgerRestore {
  path: string;
  /** Copy of the ledger as it was before the restore. */
  safetyCopy: string;
  facts: number;
}

export const ledgerApi = {
  /** Write a consistent copy of the ledger file to `path` (a file that must not exist yet). */
  'ledger.backup': method<LedgerBackup>()(z.object({ path: z.string().min(1) }).strict(), 'Back up the ledger to a file.'),
  /** Replace the ledger's contents with a backup (same schema or older); a safety copy is kept first. */
  'ledger.restore': method<LedgerRestore>()(z.object({ path: z.string().min(1) }).strict(), 'Restore the ledger from a backup.'),
  /** Ask the host to show the ledger file in the system's file manager (the desktop app does, via 'ui.reveal'). */
  'ledger.reveal': method<{ path: string }>()(z.object({}).strict(), 'Show the ledger file in its folder.'),
} as const;
