/** Efficiency tips priced in money, and the token-efficiency KPI panel. */
import { z } from 'zod';
import type { NameMap } from './names';
import { method } from '../define';
import { month } from '../schemas';
import type { AmountsByCurrency } from '../types';
import type { TipResult, TipRuleId } from '../../domain/tips';
import type { KpiSeries } from '../../domain/kpi';


export type Tip = TipResult;

export interface TipsReport {
  /** The month the tips are about ('YYYY-MM'): the one asked for, else the current month, else the latest with data. */
  period: string;
  previousPeriod: string;
  /** Months with data, newest first. */
  periods: string[];
  /** Sorted by saving (tips with a saving first, then informational ones), dismissed last. */
  tips: Tip[];
  /** Combined saving of the tips not dismissed: overlaps resolved, NOT the sum of `tip.saving`. */
  totalSaving: AmountsByCurrency;
  /** The plain sum of stand-alone savings (larger when tips overlap), to show the difference. */
  standaloneSum: AmountsByCurrency;
  rulesFired: TipRuleId[];
  overlapPolicy: string;
}

export type KpiGroupBy = 'total' | 'project' | 'api_key' | 'member';

export interface KpiReport {
  by: KpiGroupBy;
  /** Oldest first, ending with `period`. */
  periods: string[];
  period: string;
  /** One series per group: ids that share a display name are one group, keyed as the reports key it. */
  series: KpiSeries[];
  /** The display names of the series' groups that have one. */
  names: NameMap;
}

export const tipsApi = {
  /** Tips for one month, each with its evidence (facts, prices used, arithmetic) and its saving per currency. */
  'tips.list': method<TipsReport>()(z.object({ period: month.optional() }).strict(), 'Efficiency tips for a month, priced in money.'),
  /** Dismiss (or bring back) a tip for one month; remembered per month. */
  'tips.dismiss': method<{ period: string; tipId: string; dismissed: boolean }>()(
    z.object({ period: month, tipId: z.string().min(1).max(500), dismissed: z.boolean().default(true) }).strict(),
    'Dismiss a tip for a month.',
  ),
  /** Token-efficiency KPIs per month, overall or per project, key or member, with the trend vs the month before. */
  'tips.kpis': method<KpiReport>()(
    z
      .object({
        period: month.optional(),
        by: z.enum(['total', 'project', 'api_key', 'member']).default('total'),
        months: z.number().int().min(2).max(24).default(6),
      })
      .strict(),
    'Token-efficiency KPIs per month.',
  ),
} as const;
