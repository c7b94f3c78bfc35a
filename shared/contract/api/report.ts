/**
 * The dashboard's reports: ledger totals, the Overview, Explore groupings, the facts behind a cell.
 * Figures come from the daily rollups; money is exact decimal strings per native currency, plus the sum
 * converted to the display currency with the rates used.
 */
import type { NameIds, NameMap } from './names';
import type { UnpricedSummary } from './prices';
import { z } from 'zod';
import { method } from '../define';
import type { AmountsByCurrency, LedgerTotals, ReportTotals } from '../types';
import type { TokenCounts } from '../../domain/fact';
import { BUCKETS, DIMENSIONS, type Bucket, type Dimension } from '../../domain/aggregate';
import type { DisplayInfo } from '../../domain/reports/display';
import { currencyCode, isoDay, timeZone } from '../schemas';

export type { DisplayInfo, DisplayRate } from '../../domain/reports/display';

/** How a "day" is counted in a view. */
export type DayBasis = 'utc' | 'local';

export interface ViewTotals extends LedgerTotals {
  facts: number;
  /** Spend converted to the display currency; null when a rate is missing. */
  spendDisplay: string | null;
  /** The notional value (usage a plan includes, at list price) converted the same way: never part of spend. */
  notionalDisplay: string | null;
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
  /** Cost the tool that logged the usage computed (a gateway or agent log): never billed. */
  recorded: AmountsByCurrency;
  /** Value at list price of usage a plan includes: never spend. */
  notional: AmountsByCurrency;
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
  /** The user's display names of the keys in `rows` (projects, keys, members, accounts that have one). */
  names: NameMap;
  /** The ids each key of a named dimension stands for, where more than itself (ids sharing a display name are one row). */
  ids: NameIds;
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
  /** `picked`: the month was asked for (else it is the current one, or the latest with data). */
  period: { from: string; to: string; month: string; isCurrentMonth: boolean; picked: boolean; daysElapsed: number; daysInMonth: number };
  previous: { from: string; to: string; month: string };
  /** The months the picker offers, newest first: every month with data and the current one (the engine's clock). */
  months: string[];
  /**
   * Whether the previous period is compared: only when its data comes from the same sources (providers)
   * over a comparable number of days; otherwise `reason` says why and no change is shown.
   */
  comparison: { comparable: boolean; reason: string | null };
  /**
   * Credits and refunds that name no region: their own line, never a region, a model or a project (a credit
   * on a region's bill nets into that region, as in reports and budgets). Null when none.
   */
  credits: { spend: AmountsByCurrency; spendDisplay: string | null; previousSpendDisplay: string | null } | null;
  display: DisplayInfo;
  totals: ViewTotals;
  previousTotals: ViewTotals;
  /**
   * The period's usage the book cannot price: the summary Reconcile and the Prices screen show (one function),
   * over the period's days, with the tokens whose own cost stands as their spend and the tier each lacks.
   */
  unpriced: UnpricedSummary;
  /** Month-end spend in the display currency (current month only), the budgets' forecaster; `single` when the range is one value. */
  forecast: { point: string; low: string; high: string; single: boolean } | null;
  /**
   * Asked with `quick`: `forecast` (null here) was left out, because it would be read from the facts themselves
   * rather than the rollups (a zone with half-hour offsets, or spend in another currency than the display one
   * outside UTC); report.overviewRest answers it.
   */
  deferred: boolean;
  regions: OverviewShare[];
  topModels: OverviewShare[];
  topProjects: OverviewShare[];
  /** The user's display names of the projects in `topProjects`. */
  names: NameMap;
  /** The ids each project of `topProjects` stands for, where more than itself. */
  ids: NameIds;
  /** Spend per day in the display currency, by vendor and by origin region. */
  daily: { day: string; byVendor: Record<string, string>; byRegion: Record<string, string> }[];
}

/** The Overview's figures that may read the facts themselves: what report.overview leaves out when asked `quick` (`deferred`). */
export interface ReportOverviewRest {
  /** The month they are of (the Overview's `period.month`). */
  month: string;
  unpriced: UnpricedSummary;
  forecast: ReportOverview['forecast'];
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
  /** Cost the tool that logged the call computed (gateway or agent log): never billed. */
  recorded: string | null;
  recordedCurrency: string | null;
  priceStatus: string | null;
  format: string;
  batchId: number;
}

export interface ReportFacts {
  total: number;
  offset: number;
  rows: ReportFact[];
}

/** The dimensions and buckets a view takes, for clients that build one (the CLI's --by and --bucket). */
export { BUCKETS, DIMENSIONS, DIMENSION_LABELS, parseDimension, type Bucket, type Dimension } from '../../domain/aggregate';

const dimension = z.enum(DIMENSIONS);
export const filtersSchema = z.partialRecord(dimension, z.array(z.string().nullable()).max(1000));
const viewBase = {
  from: isoDay.optional(),
  to: isoDay.optional(),
  filters: filtersSchema.optional(),
  /** Defaults to the settings' time zone. */
  timeZone: timeZone.optional(),
  /** Defaults to the settings' display currency. */
  currency: currencyCode.optional(),
};

const overviewInput = {
  today: isoDay.optional(),
  /** The month to show ('YYYY-MM'); default: the current month, or the latest with data. A month after today's is refused. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  timeZone: viewBase.timeZone,
  currency: viewBase.currency,
};

export const reportApi = {
  /** Ledger totals over a date range (UTC days, inclusive), the shape `tokenledger report --json` prints. */
  'report.totals': method<ReportTotals>()(z.object({ from: isoDay.optional(), to: isoDay.optional() }).strict(), 'Totals over a date range.'),

  /** The Overview: month to date (or the latest month with data), last month to the same day, forecast, regions, top models and projects, daily spend. */
  'report.overview': method<ReportOverview>()(
    z
      .object({
        ...overviewInput,
        /** Only what the rollups answer (the window's first paint): see `deferred`. */
        quick: z.boolean().optional(),
      })
      .strict(),
    'The Overview figures.',
  ),

  /** What report.overview may leave out when asked `quick` (`deferred`): the month-end forecast, with the unpriced usage. */
  'report.overviewRest': method<ReportOverviewRest>()(z.object(overviewInput).strict(), 'The Overview figures read from the facts.'),

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
} as const;
