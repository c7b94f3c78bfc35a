/**
 * Exports of the ledger for other tools: FOCUS (the FinOps Open Cost and Usage Specification, 1.2), one
 * row per UTC day, source, model and cost basis, as CSV or Parquet.
 */
import { z } from 'zod';
import { method } from '../define';
import { isoDay } from '../schemas';
import type { AmountsByCurrency } from '../types';

export const FOCUS_FORMATS = ['csv', 'parquet'] as const;
export type FocusFormat = (typeof FOCUS_FORMATS)[number];

export interface FocusExportResult {
  path: string;
  format: FocusFormat;
  from: string | null;
  to: string | null;
  rows: number;
  /** SUM(BilledCost) per BillingCurrency: the ledger's spend over the range (`report.totals`). */
  billedCost: AmountsByCurrency;
}

export const exportApi = {
  /** Write a FOCUS 1.2 dataset of the ledger's spend over a range of UTC days (inclusive) to a file. */
  'export.focus': method<FocusExportResult>()(
    z.object({ path: z.string().min(1), format: z.enum(FOCUS_FORMATS), from: isoDay.optional(), to: isoDay.optional() }).strict(),
    'Export the spend as a FOCUS 1.2 dataset (CSV or Parquet).',
  ),
} as const;
