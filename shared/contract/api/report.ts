/**
 * The dashboard's reports (issue 5): ledger totals, the Overview, Explore groupings, the facts behind a
 * cell, and the database file (backup, restore). Figures come from the daily rollups; money is exact
 * decimal strings per native currency, plus the sum converted to the display currency with the rates used.
 */
import { z } from 'zod';
import { method } from '../define';
import type { AmountsByCurrency, LedgerTotals, ReportTotals } from '../types';
import type { TokenCounts } from '../../domain/fact';
import { BUCKETS, DIMENSIONS, type Bucket, type Dimension } from '../../domain/aggregate';
import { isoDay } from '../schemas';

/** A rate used to show a converted figure: 1 `from` = `rate` `to`, in force since `rateDate`. */
export interface DisplayRate {
  from: string;
  to: string;
  rate: string;
  rateDate: string | null;
}

/** How converted figures were converted: rates in force on `at` (the last day of the view). */
export interface DisplayInfo {
  currency: string;
  at: string;
  rates: DisplayRate[];
  /** Currencies with no rate to the display currency: converted figures are null, native ones shown. */
  missing: string[];
}

/** How a "day" is counted in a view. */
export type DayBasis = 'utc' | 'local';

export interface ViewTotals extends LedgerTotals {
  facts: number;
  /** Spend converted to the display currency; null when a rate is missing. */
  spendDisplay: string | null;
}

/** One group of a view: its keys (one per grouping dimension; null = not stated) and its figures. */
export interface ViewGroup {
  keys: (string | null)[];
  /** Day, week start or month of the group when the view has a granularity. */
  bucket: string | null;
  tokens: TokenCounts;
  requests: number;
  facts: number;
  spend: AmountsByCurrency;
  billed: AmountsByCurrency;
  estimated: AmountsByCurrency;
  spendDisplay: string | null;
  unpricedTokens: number;
}

export interface ReportExplore {
  from: string | null;
  to: string | null;
  timeZone: string;
  dayBasis: DayBasis;
  groupBy: Dimension[];
  bucket: Bucket;
  display: DisplayInfo;
  rows: ViewGroup[];
  totals: ViewTotals;
}

export interface OverviewShare {
  key: string | null;
  spendDisplay: string | null;
  spend: AmountsByCurrency;
  tokens: number;
  /** Same key in the comparison period. */
  previousSpendDisplay: string | null;
}

export interface ReportOverview {
  /** Facts in the whole ledger (0: show the first-run state). */
  ledgerFacts: number;
  timeZone: string;
  dayBasis: DayBasis;
  /** Today in the time zone. */
  today: string;
  period: { from: string; to: string; month: string; isCurrentMonth: boolean; daysElapsed: number; daysInMonth: number };
  previous: { from: string; to: string; month: string };
  display: DisplayInfo;
  totals: ViewTotals;
  previousTotals: ViewTotals;
  /** Month-end spend in the display currency (current month only). */
  forecast: { point: string; low: string; high: string } | null;
  regions: OverviewShare[];
  topModels: OverviewShare[];
  topProjects: OverviewShare[];
  /** Spend per day in the display currency, by vendor and by origin region. */
  daily: { day: string; byVendor: Record<string, string>; byRegion: Record<string, string> }[];
}

export interface ReportFact {
  id: number;
  start: string;
  day: string;
  granularity: string;
  provider: string;
  model: string | null;
  modelRaw: string | null;
  vendor: string | null;
  originRegion: string | null;
  project: string | null;
  apiKey: string | null;
  member: string | null;
  serviceTier: string;
  lineType: string;
  tokens: TokenCounts;
  requests: number;
  countsTokens: boolean;
  billed: string | null;
  billedCurrency: string | null;
  estimated: string | null;
  estimatedCurrency: string | null;
  priceStatus: string | null;
  format: string;
  batchId: number;
}

export interface ReportFacts {
  total: number;
  offset: number;
  rows: ReportFact[];
}

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

const dimension = z.enum(DIMENSIONS);
export const filtersSchema = z.partialRecord(dimension, z.array(z.string().nullable()).max(1000));
const viewBase = {
  from: isoDay.optional(),
  to: isoDay.optional(),
  filters: filtersSchema.optional(),
  /** Defaults to the settings' time zone. */
  timeZone: z.string().min(1).optional(),
  /** Defaults to the settings' display currency. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
};

export const reportApi = {
  /** Ledger totals over a date range (UTC days, inclusive), the shape `tokenledger report --json` prints. */
  'report.totals': method<ReportTotals>()(z.object({ from: isoDay.optional(), to: isoDay.optional() }).strict(), 'Totals over a date range.'),

  /** The Overview: month to date (or the latest month with data), last month to the same day, forecast, regions, top models and projects, daily spend. */
  'report.overview': method<ReportOverview>()(
    z.object({ today: isoDay.optional(), timeZone: viewBase.timeZone, currency: viewBase.currency }).strict(),
    'The Overview figures.',
  ),

  /** Group the ledger by up to two dimensions (and a granularity) over a range with filters. */
  'report.explore': method<ReportExplore>()(
    z
      .object({
        ...viewBase,
        groupBy: z.array(dimension).max(2).default([]),
        bucket: z.enum(BUCKETS).default('none'),
        weekStart: z.enum(['monday', 'sunday']).optional(),
      })
      .strict(),
    'A grouping of the ledger.',
  ),

  /** The facts behind a view or a cell, oldest first, a page at a time. */
  'report.facts': method<ReportFacts>()(
    z
      .object({ ...viewBase, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(500) })
      .strict(),
    'The facts behind a view.',
  ),

  /** Write a consistent copy of the ledger file to `path` (a file that must not exist yet). */
  'ledger.backup': method<LedgerBackup>()(z.object({ path: z.string().min(1) }).strict(), 'Back up the ledger to a file.'),
  /** Replace the ledger's contents with a backup (same schema or older); a safety copy is kept first. */
  'ledger.restore': method<LedgerRestore>()(z.object({ path: z.string().min(1) }).strict(), 'Restore the ledger from a backup.'),
  /** Ask the host to show the ledger file in the system's file manager (the desktop app does, via 'ui.reveal'). */
  'ledger.reveal': method<{ path: string }>()(z.object({}).strict(), 'Show the ledger file in its folder.'),
} as const;
