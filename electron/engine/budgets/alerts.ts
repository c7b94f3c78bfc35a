/**
 * Alert evaluation: after every change of what budgets spend (a ledger-change hook, hooks.ts), when a
 * budget is saved, at the start of the desktop app and `serve`, and on demand. Each budget's current
 * status goes through the state machine (shared/domain/budgets/alerts.ts); what fires is stored with its
 * figures (the UNIQUE key makes it once per budget x period x threshold x kind), announced with
 * 'alerts.changed', and, where the budget has a webhook, POSTed asynchronously, outside the evaluation's
 * synchronous path, so an import never waits.
 */
import type { AlertInfo } from '../../../shared/contract/api/alerts';
import type { AlertsEvaluation } from '../../../shared/contract/api/budgets';
import { alertsToFire } from '../../../shared/domain/budgets/alerts';
import type { BudgetStatus } from '../../../shared/domain/budgets/status';
import { said, type Said, type SaidValue } from '../../../shared/i18n/said';
import { english } from '../../../shared/i18n/english';
import type { EngineContext } from '../context';
import { loadFxTable } from '../pricing/fx-store';
import { firedFor, getAlert, insertAlert, undeliveredAlerts, unreadCount, type AlertRow } from './alerts-store';
import { computeBudgetStatus, type Computed } from './status';
import { listBudgets, type StoredBudget } from './store';
import { scheduleWebhook } from './webhook';

/** A budget period by its key: a month '2025-03', a quarter '2025-Q1', a week 'W2025-03-03', a custom 'C2025-03-01..2025-03-20'. */
function periodSaid(key: string, label: string): SaidValue {
  if (/^\d{4}-\d{2}$/.test(key)) return { month: key };
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return said('engine.period.quarter', { year: q[1]!, quarter: q[2]! });
  if (/^W\d{4}-\d{2}-\d{2}$/.test(key)) return said('engine.period.week', { day: { day: key.slice(1) } });
  const c = /^C(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (c) return said('engine.period.custom', { from: { day: c[1]! }, to: { day: c[2]! } });
  return label;
}

/** An alert's sentence as a message id and values; the exact figures stay in `figures`. */
export function alertSaid(budgetName: string | null, threshold: number, kind: 'projected' | 'crossed', f: AlertInfo['figures'], periodKey: string): Said {
  const unit = (v: string): SaidValue => (f.unit === 'money' ? { amount: v, currency: f.currency ?? '' } : said('engine.alert.tokens', { n: Number(v) }));
  const budget = budgetName ?? said('engine.alert.deletedBudget');
  const period = periodSaid(periodKey, f.periodLabel);
  if (kind === 'projected') return said('engine.alert.projected', { budget, threshold, amount: unit(f.amount), period, forecast: unit(f.forecastExpected ?? f.spent), spent: unit(f.spent) });
  return said('engine.alert.crossed', { budget, threshold, amount: unit(f.amount), period, spent: unit(f.spent), share: f.sharePercent });
}

export function alertInfo(r: AlertRow): AlertInfo {
  const figures = JSON.parse(r.figures) as AlertInfo['figures'];
  const budgetName = r.budget_name ?? english(said('engine.alert.deletedBudget'));
  const message = alertSaid(r.budget_name, r.threshold, r.kind, figures, r.period_key);
  const title = said(r.kind === 'projected' ? 'engine.alert.title.projected' : 'engine.alert.title.crossed', { budget: r.budget_name ?? said('engine.alert.deletedBudget'), threshold: r.threshold });
  return {
    id: r.id,
    budgetId: r.budget_id,
    budgetName,
    periodKey: r.period_key,
    threshold: r.threshold,
    kind: r.kind,
    firedAt: new Date(r.fired_at).toISOString(),
    read: r.read_at !== null,
    message: english(message),
    said: message,
    titleSaid: title,
    figures,
  };
}

export function alertTitle(a: AlertInfo): string {
  return english(a.titleSaid);
}

function figuresOf(s: BudgetStatus): AlertInfo['figures'] {
  return {
    spent: s.spent,
    amount: s.amount,
    unit: s.unit,
    currency: s.currency,
    sharePercent: s.sharePercent,
    forecastExpected: s.forecast.status === 'insufficient' ? null : s.forecast.expected,
    periodLabel: s.period.label,
  };
}

/** Fire what the state machine says for one budget's current status; answers the alerts fired. */
function fireAlertsFor(ctx: EngineContext, computed: Computed, now: number): AlertInfo[] {
  const { status, periodKey, forecastPercent, sharePercent } = computed;
  if (status.id === null) return [];
  // The exact share decides, not the 2-decimal one shown.
  const toFire = alertsToFire({ thresholds: status.definition.thresholds, sharePercent, forecastPercent, fired: firedFor(ctx.db, status.id, periodKey) });
  const out: AlertInfo[] = [];
  for (const a of toFire) {
    const id = insertAlert(ctx.db, { budgetId: status.id, periodKey, threshold: a.threshold, kind: a.kind, firedAt: now, figures: figuresOf(status) });
    if (id === null) continue;
    const info = alertInfo(getAlert(ctx.db, id)!);
    out.push(info);
    if (status.definition.webhookUrl) scheduleWebhook(ctx, info, status.definition.webhookUrl);
  }
  return out;
}

/** Tell the host how many alerts are unread now, and which fired (when some did). */
export function announceAlerts(ctx: EngineContext, fired: readonly AlertInfo[]): number {
  const active = unreadCount(ctx.db);
  ctx.emit('alerts.changed', fired.length > 0 ? { active, fired: fired.map((a) => ({ alertId: a.id, budgetId: a.budgetId, title: alertTitle(a), body: a.message, titleSaid: a.titleSaid, bodySaid: a.said })) } : { active });
  return active;
}

/**
 * Evaluate these budgets now: each status computed once (the days the ledger changed since are recomputed
 * and kept in the budget's cache), its alerts fired, and 'alerts.changed' emitted once when some fired.
 */
export function evaluateBudgets(ctx: EngineContext, budgets: readonly StoredBudget[], now: number): { statuses: BudgetStatus[]; fired: AlertInfo[]; active: number } {
  const fx = loadFxTable(ctx.db);
  const fired: AlertInfo[] = [];
  const statuses: BudgetStatus[] = [];
  for (const b of budgets) {
    const c = computeBudgetStatus(ctx.db, b.definition, { id: b.id, createdAt: b.createdAt, now, fx, source: { kind: 'cache', budgetId: b.id, store: ctx.db } });
    statuses.push(c.status);
    fired.push(...fireAlertsFor(ctx, c, now));
  }
  const active = fired.length > 0 ? announceAlerts(ctx, fired) : unreadCount(ctx.db);
  return { statuses, fired, active };
}

/** Evaluate every budget. */
export function evaluateAllBudgets(ctx: EngineContext, now = ctx.now()): AlertsEvaluation & { statuses: BudgetStatus[] } {
  return evaluateBudgets(ctx, listBudgets(ctx.db), now);
}

/**
 * Deliver again the alerts of budgets with a webhook that no attempt delivered: a CLI that exited before
 * its delivery ended, an endpoint that was down through every retry.
 */
export function retryUndeliveredWebhooks(ctx: EngineContext): void {
  for (const b of listBudgets(ctx.db)) {
    const url = b.definition.webhookUrl;
    if (!url) continue;
    for (const row of undeliveredAlerts(ctx.db, b.id)) scheduleWebhook(ctx, alertInfo(row), url);
  }
}
