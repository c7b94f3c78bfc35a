/**
 * Month close: a lead marks a month reconciled; from then on what an import would add to or change in
 * that month (a file, the agent watcher, a bundle merge) is held: stored, not counted, and shown for
 * confirmation. Accepting a hold counts it as the import would have; discarding removes it. A month is the
 * fact's day as the ledger keeps it (its UTC day; a day or month row's own day).
 */
import { z } from 'zod';
import { method } from '../define';
import type { AmountsByCurrency, LedgerTotals } from '../types';

/** What one import holds for one closed month, or the undo of an import held because it would change one. */
export interface HeldImport {
  /** 'import': facts an import (or a bundle merge) brought, changed or retracted; 'undo': the undo of import `batchId`. */
  kind: 'import' | 'undo';
  batchId: number;
  file: string;
  format: string;
  /** When the import ran (ISO). */
  importedAt: string;
  month: string;
  /** Whether the month is still closed (a reopened month's holds wait for a decision too). */
  closed: boolean;
  /** Facts the month does not hold yet. */
  newFacts: number;
  /** Facts of the month the import would change (an undo: put back to their earlier values). */
  revisedFacts: number;
  /** Facts of the month accepting takes out (a newer bundle no longer carries them; an undo removes them). */
  removedFacts: number;
  /**
   * What accepting adds to the month's money, per currency: each fact's bill, else its recorded cost or
   * estimate (a revision: its new amount less its old one; a removal: less its amount), before any bill of
   * the month that covers it.
   */
  amounts: AmountsByCurrency;
}

export interface ClosedMonth {
  month: string;
  closedAt: string;
}

export interface MonthCloseState {
  closed: ClosedMonth[];
  held: HeldImport[];
}

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

/** Which holds: these imports, or every one of a month, or (neither) every hold. */
const holdSelection = z
  .object({ batchIds: z.array(z.number().int().positive()).min(1).optional(), month: month.optional() })
  .strict();

export const closeApi = {
  /** The closed months and every hold waiting for a decision. */
  'close.list': method<MonthCloseState>()(z.object({}).strict(), 'List closed months and held imports.'),
  /** Mark a month reconciled: later imports into it are held. */
  'close.month': method<MonthCloseState>()(z.object({ month }).strict(), 'Close a month.'),
  /** Open a closed month again (its holds still wait for a decision). */
  'close.reopen': method<MonthCloseState>()(z.object({ month }).strict(), 'Reopen a closed month.'),
  /** Count held facts as their import would have. */
  'close.accept': method<{ accepted: number; state: MonthCloseState; totals: LedgerTotals }>()(holdSelection, 'Accept held imports.'),
  /** Remove held facts for good (a held undo: the import stays). */
  'close.discard': method<{ discarded: number; state: MonthCloseState }>()(holdSelection, 'Discard held imports.'),
} as const;

export { heldByMonth, monthName, type HeldMonth } from '../../domain/month-close';
