/**
 * Alert evaluation: after every import commit, undo and demo load (a LEDGER_CHANGE_HOOK), when a budget
 * is saved, at app start and on demand. Each budget's current status goes through the state machine
 * (shared/domain/budgets/alerts.ts); what fires is stored with its figures (the UNIQUE key makes it
 * once per budget x period x threshold x kind), announced with 'alerts.changed', and, where the budget
 * has a webhook, POSTed asynchronously, outside the hook's synchronous path, so an import never waits.
 */
import type { AlertInfo, AlertsEvaluation, BudgetStatus } from '../../../shared/contract/api/budgets';
import { alertsToFire } from '../../../shared/domain/budgets/alerts';
import { formatNano, parseDecimalToNano } from '../../../shared/domain/money';
import { getAlert, insertAlert, listAlerts, unreadCount, type AlertRow } from '../db/repos/alerts';
import { listBudgets } from '../db/repos/budgets';
import { loadFxTable } from '../db/repos/fx';
import type { EngineContext } from './context';
import { computeBudgetStatus, type Computed } from './budget-status';
import { scheduleWebhook } from './budget-webhook';

export function alertMessage(budgetName: string, threshold: number, kind: 'projected' | 'crossed', f: AlertInfo['figures']): string {
  // Two decimals in a sentence; the exact figures stay in `figures`.
  const unit = (v: string) => (f.unit === 'money' ? `${formatNano(parseDecimalToNano(v), 2)} ${f.currency}` : `${Number(v).toLocaleString('en-US')} tokens`);
  if (kind === 'projected') {
    return `${budgetName}: on course to pass ${threshold} % of ${unit(f.amount)} in ${f.periodLabel} (forecast ${unit(f.forecastExpected ?? f.spent)}, ${unit(f.spent)} spent so far)`;
  }
  return `${budgetName}: ${threshold} % of ${unit(f.amount)} reached in ${f.periodLabel} (${unit(f.spent)} spent, ${f.sharePercent} %)`;
}

export function alertInfo(r: AlertRow): AlertInfo {
  const figures = JSON.parse(r.figures) as AlertInfo['figures'];
  const budgetName = r.budget_name ?? '(deleted budget)';
  return {
    id: r.id,
    budgetId: r.budget_id,
    budgetName,
    periodKey: r.period_key,
    threshold: r.threshold,
    kind: r.kind,
    firedAt: new Date(r.fired_at).toISOString(),
    read: r.read_at !== null,
    message: alertMessage(budgetName, r.threshold, r.kind, figures),
    figures,
  };
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
export function fireAlertsFor(ctx: EngineContext, computed: Computed, now: number): AlertInfo[] {
  const { status, periodKey, forecastPercent, sharePercent } = computed;
  if (status.id === null) return [];
  const fired = listAlerts(ctx.db, { budgetId: status.id, limit: 1000 })
    .filter((a) => a.period_key === periodKey)
    .map((a) => ({ threshold: a.threshold, kind: a.kind }));
  // The exact share decides, not the 2-decimal one shown.
  const toFire = alertsToFire({ thresholds: status.definition.thresholds, sharePercent, forecastPercent, fired });
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

/** Evaluate every budget; emits 'alerts.changed' when something fired. */
export function evaluateAllBudgets(ctx: EngineContext, now = ctx.now()): AlertsEvaluation {
  const fx = loadFxTable(ctx.db);
  const fired: AlertInfo[] = [];
  for (const b of listBudgets(ctx.db)) {
    // The hook's handle is writable: the days an import touched are recomputed once and kept.
    const c = computeBudgetStatus(ctx.db, b.definition, { id: b.id, createdAt: b.createdAt, now, fx, source: { kind: 'cache', budgetId: b.id, store: ctx.db } });
    fired.push(...fireAlertsFor(ctx, c, now));
  }
  const active = unreadCount(ctx.db);
  if (fired.length > 0) ctx.emit('alerts.changed', { active, fired: fired.map((a) => ({ alertId: a.id, budgetId: a.budgetId, title: alertTitle(a), body: a.message })) });
  return { fired, active };
}

export function alertTitle(a: AlertInfo): string {
  return a.kind === 'projected' ? `Budget forecast: ${a.budgetName} will pass ${a.threshold} %` : `Budget: ${a.budgetName} passed ${a.threshold} %`;
}

/** The LEDGER_CHANGE_HOOK: evaluate after every import commit, undo, demo load or price change. */
export function evaluateBudgetsAfterChange(ctx: EngineContext): void {
  evaluateAllBudgets(ctx);
}
