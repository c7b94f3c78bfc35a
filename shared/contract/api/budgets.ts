/**
 * Budgets and their alerts (DESIGN.md §4, issue 6): define budgets over any scope, read their status
 * with a period-end forecast, the history of past periods, alerts that fire once per threshold and
 * period, and the team's JSON file. Money is exact decimal strings in the budget's currency; token
 * budgets count integers (as strings, like money, so one shape serves both).
 */
import { z } from 'zod';
import { method } from '../define';
import { budgetDefinitionSchema, budgetsFileSchema, type BudgetDefinition, type BudgetsFile } from '../../domain/budgets/budget';
import type { AlertKind, CheckState } from '../../domain/budgets/alerts';

export type { BudgetDefinition, BudgetsFile, AlertKind, CheckState };

/** An FX rate used to convert spend into the budget's currency: 1 `from` = `rate` `to`, since `rateDate`. */
export interface BudgetFxRate {
  from: string;
  to: string;
  rate: string;
  rateDate: string | null;
}

export type BudgetForecast =
  | {
      status: 'ok' | 'complete';
      /** Period-end total, low and high of a 90 % range, in the budget's unit (decimal strings). */
      expected: string;
      low: string;
      high: string;
      expectedPercent: number;
      /** First local day the expected total passes the budget; null when it does not. */
      overrunDay: string | null;
      /** Complete days the run rate rests on; `thin` when fewer than 7. */
      basisDays: number;
      thin: boolean;
      weekdayPattern: boolean;
      /** Data reaches this instant (ISO); days after it are forecast, not counted as zero. */
      dataThrough: string | null;
      notes: string[];
    }
  | { status: 'insufficient'; reason: string };

export interface BudgetThresholdState {
  percent: number;
  state: 'armed' | 'projected' | 'crossed';
}

export interface BudgetStatus {
  /** null for a preview of an unsaved budget. */
  id: number | null;
  definition: BudgetDefinition;
  scopeLabel: string;
  period: { key: string; label: string; start: string; end: string; firstDay: string; lastDay: string; days: number; timeZone: string };
  unit: 'money' | 'tokens';
  /** The budget's currency (money budgets) or null. */
  currency: string | null;
  /** Token class counted (token budgets) or null. */
  tokenClass: string | null;
  /** This period's budget: the amount plus what rolled over. */
  amount: string;
  rolledOver: string;
  spent: string;
  /** May be negative (over). */
  remaining: string;
  /** Spent as a percentage of `amount` (2 decimals). */
  sharePercent: number;
  forecast: BudgetForecast;
  state: CheckState;
  thresholds: BudgetThresholdState[];
  /** Usage in scope that has no price and no bill: not in `spent`, shown so it is never a silent zero. */
  unpriced: { facts: number; tokens: number; models: string[] };
  /** Rates used to convert spend in other currencies (money budgets). */
  fx: BudgetFxRate[];
  /** Currencies in scope with no rate to the budget's currency: their spend is left out and named here. */
  fxMissing: string[];
}

export interface BudgetPeriodSummary {
  key: string;
  label: string;
  firstDay: string;
  lastDay: string;
  amount: string;
  spent: string;
  sharePercent: number;
  state: 'ok' | 'over';
  current: boolean;
}

export interface AlertInfo {
  id: number;
  budgetId: number;
  budgetName: string;
  periodKey: string;
  threshold: number;
  kind: AlertKind;
  firedAt: string;
  read: boolean;
  /** One sentence: 'Team API: 80 % of 500.00 USD spent (412.30 USD) in March 2025'. */
  message: string;
  /** The figures that triggered it, as they were then. */
  figures: { spent: string; amount: string; unit: 'money' | 'tokens'; currency: string | null; sharePercent: number; forecastExpected: string | null; periodLabel: string };
}

export interface WebhookDeliveryInfo {
  id: number;
  alertId: number;
  url: string;
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'pending' | 'delivered' | 'failed';
  httpStatus: number | null;
  error: string | null;
}

export interface BudgetDetail extends BudgetStatus {
  history: BudgetPeriodSummary[];
  alerts: AlertInfo[];
  deliveries: WebhookDeliveryInfo[];
}

export interface BudgetCheckResult {
  state: CheckState;
  /** 0 all hold, 1 a 100 % threshold is crossed, 2 only forecasts say one will be. */
  exitCode: 0 | 1 | 2;
  budgets: BudgetStatus[];
  fired: AlertInfo[];
}

export interface AlertsEvaluation {
  fired: AlertInfo[];
  active: number;
}

/** An instant to evaluate at (ISO 8601); default now. For "as of" views and reproducible checks. */
const at = z.iso.datetime({ offset: true }).optional();
const id = z.number().int().positive();

export const budgetsApi = {
  /** Every budget with its current period's status and forecast. */
  'budgets.list': method<BudgetStatus[]>()(z.object({ at }).strict(), 'Budgets with their current status.'),
  /** One budget: status, history of past periods, its alerts and webhook deliveries. */
  'budgets.get': method<BudgetDetail>()(z.object({ id, at }).strict(), 'One budget with history and alerts.'),
  /** The status a definition would have now, without saving it (the editor's live preview). */
  'budgets.preview': method<BudgetStatus>()(
    z.object({ budget: budgetDefinitionSchema, id: id.optional(), at }).strict(),
    'Preview the status of an unsaved budget.',
  ),
  /** Save a new budget; alerts are evaluated at once. */
  'budgets.create': method<BudgetStatus>()(z.object({ budget: budgetDefinitionSchema }).strict(), 'Create a budget.'),
  /** Change a budget; re-evaluates without repeating alerts that already fired this period. */
  'budgets.update': method<BudgetStatus>()(z.object({ id, budget: budgetDefinitionSchema }).strict(), 'Change a budget.'),
  /** Delete a budget and its alerts. */
  'budgets.remove': method<{ id: number; removed: true }>()(z.object({ id }).strict(), 'Delete a budget.'),
  /** Every budget as the team's JSON file. */
  'budgets.export': method<BudgetsFile>()(z.object({}).strict(), 'Export budgets as JSON.'),
  /** Add the budgets of a team file; a budget with the same name as an existing one replaces its definition. */
  'budgets.import': method<{ added: number; updated: number; budgets: BudgetStatus[] }>()(
    z.object({ file: budgetsFileSchema }).strict(),
    'Import budgets from JSON.',
  ),
  /** Evaluate every budget's alerts now (also runs after each import, undo and demo load). */
  'budgets.evaluate': method<AlertsEvaluation>()(z.object({ at }).strict(), 'Evaluate budget alerts now.'),
  /** Status of every budget for cron or CI, with the exit code `tokenledger budgets check` uses; evaluates alerts. */
  'budgets.check': method<BudgetCheckResult>()(z.object({ at }).strict(), 'Check every budget.'),
  /** Alerts, newest first, and how many are unread. */
  'alerts.list': method<{ alerts: AlertInfo[]; active: number }>()(
    z.object({ unreadOnly: z.boolean().optional(), budgetId: id.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    'Budget alerts.',
  ),
  /** Mark alerts read (all when `ids` is absent). */
  'alerts.markRead': method<{ active: number }>()(z.object({ ids: z.array(id).optional() }).strict(), 'Mark alerts read.'),
} as const;
