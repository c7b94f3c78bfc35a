/** FX rates: the built-in reference points and the user's, per currency and day (units per 1 USD). */
import { z } from 'zod';
import type { Said } from '../../i18n/said';
import { method } from '../define';
import { currencyCode as currency, decimal, fileSource, isoDay, oneFile } from '../schemas';

export interface FxRateRow {
  currency: string;
  date: string;
  perUsd: string;
  source: string;
  origin: 'builtin' | 'user';
}

export interface FxImportResult {
  applied: boolean;
  rates: FxRateRow[];
  /** Lines left out: what is wrong in English (`reason`) and as a message of the engine catalog (`said`). */
  skipped: { line: number; reason: string; said: Said }[];
}

export const fxApi = {
  /** FX rates: built-in reference points and the user's, per currency and date. */
  'fx.list': method<FxRateRow[]>()(z.object({ currency: currency.optional() }).strict(), 'FX rates.'),
  /** Add or replace a rate (units of `currency` per 1 USD from `date`). */
  'fx.set': method<FxRateRow[]>()(
    z.object({ currency, date: isoDay, perUsd: decimal, source: z.string().max(300).default('user') }).strict(),
    'Set an FX rate.',
  ),
  'fx.unset': method<FxRateRow[]>()(z.object({ currency, date: isoDay }).strict(), "Delete one of the user's FX rates."),
  /** Import a CSV of rates (`date,currency,per_usd[,source]`); dry run shows what would be written. */
  'fx.importCsv': method<FxImportResult>()(
    z.object({ ...fileSource, dryRun: z.boolean().default(false) }).strict().refine(oneFile, 'give exactly one of path or file'),
    'Import FX rates from a CSV.',
  ),
} as const;
