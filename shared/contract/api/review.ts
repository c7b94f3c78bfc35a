/**
 * The monthly review pack: one month of the ledger as a PDF (title, headline totals, the daily chart,
 * the tables) and one CSV per table, returned as the files' contents. The engine writes nothing: the
 * CLI saves them in the folder it is given, the window downloads them, so no host takes a path here.
 */
import { z } from 'zod';
import { method } from '../define';
import { month } from '../schemas';

export interface ReviewFile {
  /** File name, e.g. "review-2025-09.pdf", "review-2025-09-vendor.csv". */
  name: string;
  mediaType: 'application/pdf' | 'text/csv';
  /** The file's bytes, base64 (a PDF is binary; JSON carries text only). */
  base64: string;
  bytes: number;
}

export interface ReviewPack {
  month: string;
  /** The days the pack covers (the Overview's period of that month: to date for the current month). */
  from: string;
  to: string;
  timeZone: string;
  /** The engine clock's instant the pack was made at (ISO 8601, UTC). */
  generatedAt: string;
  /** The PDF first, then one CSV per table. */
  files: ReviewFile[];
}

export const reviewApi = {
  /** A month's review pack: a PDF with totals, the daily chart and the tables, and one CSV per table. */
  /** `locale`: the language of the PDF (the window's, the CLI's); English when not given. The CSVs are the same in every language. The
   * locales are written out: importing shared/i18n here would load every catalog wherever the contract loads. */
  'review.pack': method<ReviewPack>()(z.object({ month, locale: z.enum(['en', 'zh-CN']).optional() }).strict(), 'The monthly review pack (a PDF and CSVs).'),
} as const;
