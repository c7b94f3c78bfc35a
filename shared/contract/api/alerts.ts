/**
 * Budget alerts: each fires once per budget, period, threshold and kind (crossed, or projected by the
 * forecast), is kept with the figures that fired it, and is unread until marked read. Reading them never
 * evaluates a budget: `budgets.evaluate` does.
 */
import { z } from 'zod';
import type { AlertKind } from '../../domain/budgets/alerts';
import { method } from '../define';
import { id } from '../schemas';
import type { Said } from '../../i18n/said';

export type { AlertKind };

export interface AlertInfo {
  id: number;
  budgetId: number;
  budgetName: string;
  periodKey: string;
  threshold: number;
  kind: AlertKind;
  firedAt: string;
  read: boolean;
  /** One sentence in English (kept for scripts): 'Team API: 80 % of 500.00 USD reached in March 2025 (412.30 USD spent, 82 %)'. */
  message: string;
  /** `message` as a message id and typed values: what the window and the CLI show, in their locale. */
  said: Said;
  /** The notification's title as a message id and values. */
  titleSaid: Said;
  /** The figures that triggered it, as they were then. */
  figures: { spent: string; amount: string; unit: 'money' | 'tokens'; currency: string | null; sharePercent: number; forecastExpected: string | null; periodLabel: string };
}

export const alertsApi = {
  /** Alerts, newest first, and how many are unread. */
  'alerts.list': method<{ alerts: AlertInfo[]; active: number }>()(
    z.object({ unreadOnly: z.boolean().optional(), budgetId: id.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    'Budget alerts.',
  ),
  /** Mark alerts read (all when `ids` is absent). */
  'alerts.markRead': method<{ active: number }>()(z.object({ ids: z.array(id).optional() }).strict(), 'Mark alerts read.'),
} as const;
