/**
 * Budgets: define budgets over any scope, read their status with a period-end forecast, the history of
 * past periods, evaluate their alerts, and the team's JSON file. Money is exact decimal strings in the
 * budget's currency; token budgets count integers (as strings, like money, so one shape serves both).
 */
import { z } from 'zod';
import type { Said } from '../../i18n/said';
import { isSaneInstant, SANE_DATES } from '../../domain/time';
import { method } from '../define';
import { budgetDefinitionSchema, budgetsFileSchema, type BudgetDefinition, type BudgetsFile } from '../../domain/budgets/budget';
import type { CheckState } from '../../domain/budgets/alerts';
import { id } from '../schemas';
import type { AlertInfo } from './alerts';
import type { BudgetPeriodSummary, BudgetStatus } from '../../domain/budgets/status';

export type { BudgetDefinition, BudgetsFile, CheckState };
export type { BudgetForecast, BudgetFxRate, BudgetPeriodSummary, BudgetStatus, BudgetThresholdState } from '../../domain/budgets/status';

export interface WebhookDeliveryInfo {
  id: number;
  alertId: number;
  url: string;
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'pending' | 'delivered' | 'failed';
  httpStatus: number | null;
  /** Why it failed, in English. */
  error: string | null;
  /** The same as a message id of the engine catalog (null when delivered, and for older deliveries). */
  said: Said | null;
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
const at = z.iso
  .datetime({ offset: true })
  .refine((s) => isSaneInstant(Date.parse(s)), `expected an instant ${SANE_DATES}`)
  .optional();

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
  /** Evaluate every budget's alerts now (the engine also does after each change of the facts or the FX rates, and the desktop app and `serve` at start). */
  'budgets.evaluate': method<AlertsEvaluation>()(z.object({ at }).strict(), 'Evaluate budget alerts now.'),
  /** Status of every budget for cron or CI, with the exit code `tokenledger budgets check` uses; evaluates alerts. */
  'budgets.check': method<BudgetCheckResult>()(z.object({ at }).strict(), 'Check every budget.'),
} as const;
