/**
 * Bills vs estimates: per provider and month (and per day and model where both sides name it), the billed
 * charges, the price book's estimate of the usage, the delta and what explains it.
 */
import { z } from 'zod';
import { method } from '../define';
import { month } from '../schemas';
import type { UnpricedSummary } from './prices';
import type { Said } from '../../i18n/said';

export type ReconcileReason =
  | 'no-bill'
  | 'no-usage'
  | 'unpriced'
  | 'price-changed'
  | 'tier'
  | 'range'
  | 'credits'
  | 'tax'
  | 'fees'
  | 'currency'
  | 'rounding'
  | 'partial-days'
  | 'web-search'
  | 'model'
  | 'unexplained';

export interface ReconcileExplanation {
  reason: ReconcileReason;
  /** In English (kept for scripts reading `--json`): `said` rendered with the English catalog. */
  text: string;
  /** The explanation as a message id and typed values: what the window and the CLI show, in their locale. */
  said: Said;
}

/** One key: billed amount vs the estimate from usage, in the bill's currency. */
export interface ReconcileLine {
  provider: string;
  /** 'YYYY-MM' for month lines, 'YYYY-MM-DD' for day lines. */
  period: string;
  model: string | null;
  currency: string;
  /** Charges billed (usage and cost lines), before credits, tax and fees; null when no bill covers the key. */
  billed: string | null;
  credits: string | null;
  tax: string | null;
  fees: string | null;
  /** Price-book estimate of the key's usage, converted to `currency` where it was in another one. */
  estimated: string | null;
  /**
   * What the estimate could be where it prices aggregates of requests at the band of their average request
   * (long-context bands, output sub-tiers): the lowest and highest any split of their requests allows. Null
   * when the estimate is exact.
   */
  estimatedRange: { low: string; high: string } | null;
  /** estimated - billed; null when a side is missing. */
  delta: string | null;
  /** delta / billed in percent, 2 decimals. */
  deltaPercent: string | null;
  /** The estimate is within 1 % of the bill (null when a side is missing). */
  withinOnePercent: boolean | null;
  tokens: number;
  unpricedTokens: number;
  /** The non-standard service tiers of the usage ('batch', 'flex', 'priority'). */
  tiers: string[];
  explanations: ReconcileExplanation[];
}

/** "Do my bills match?": how many bills (provider and month with both a bill and an estimate) are within 1 %. */
export interface ReconcileVerdict {
  bills: number;
  within: number;
  /** "8 of 10 bills within 1 % of the estimate", and which are not. */
  text: string;
  /** How to read the sign of a delta. */
  sign: string;
  /** `text` and `sign` as message ids and values (the window and the CLI show these in their locale). */
  said: Said;
  signSaid: Said;
}

export interface ReconcileReport {
  month: string | null;
  verdict: ReconcileVerdict;
  months: string[];
  lines: ReconcileLine[];
  /** Per provider, day and model, where both a bill and usage name the model. */
  details: ReconcileLine[];
  unpriced: UnpricedSummary;
}

export const reconcileApi = {
  /** Bills vs estimates per provider and month (and per day and model where both sides name them). */
  'reconcile.report': method<ReconcileReport>()(
    z
      .object({
        month: month.optional(),
        provider: z.string().max(100).optional(),
      })
      .strict(),
    'Bills vs estimates.',
  ),
} as const;
