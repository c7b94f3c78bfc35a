/** Handlers of the budgets area (shared/contract/api/budgets.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { BudgetStatus } from '../../../shared/contract/api/budgets';
import { checkExitCode } from '../../../shared/domain/budgets/alerts';
import { BUDGETS_FILE_FORMAT, type BudgetDefinition } from '../../../shared/domain/budgets/budget';
import { transaction } from '../db/connection';
import { deliveriesForBudget, listAlerts, markRead, unreadCount } from '../db/repos/alerts';
import { deleteBudget, findBudgetByName, getBudget, insertBudget, listBudgets, updateBudget, type StoredBudget } from '../db/repos/budgets';
import { loadFxTable } from '../db/repos/fx';
import { EngineError } from '../errors';
import type { EngineContext } from './context';
import { alertInfo, alertTitle, evaluateAllBudgets, fireAlertsFor } from './budget-alerts';
import { computeBudgetStatus } from './budget-status';

const instant = (ctx: EngineContext, at: string | undefined) => (at ? Date.parse(at) : ctx.now());

function mustGet(ctx: EngineContext, id: number): StoredBudget {
  const b = getBudget(ctx.db, id);
  if (!b) throw new EngineError('NOT_FOUND', `No budget with id ${id}.`);
  return b;
}

function statusOf(ctx: EngineContext, b: StoredBudget, now: number): BudgetStatus {
  // Days read for this status are kept in the budget's cache (it records the definition it was computed for).
  return computeBudgetStatus(ctx.db, b.definition, { id: b.id, createdAt: b.createdAt, now, source: { kind: 'cache', budgetId: b.id, store: ctx.db } }).status;
}

/** Save, then evaluate that budget's alerts (editing never repeats one that already fired this period). */
function saveAndEvaluate(ctx: EngineContext, id: number, now: number): BudgetStatus {
  const b = mustGet(ctx, id);
  const c = computeBudgetStatus(ctx.db, b.definition, { id: b.id, createdAt: b.createdAt, now, source: { kind: 'cache', budgetId: b.id, store: ctx.db } });
  const fired = fireAlertsFor(ctx, c, now);
  if (fired.length > 0) {
    ctx.emit('alerts.changed', {
      active: unreadCount(ctx.db),
      fired: fired.map((a) => ({ alertId: a.id, budgetId: a.budgetId, title: alertTitle(a), body: a.message })),
    });
  }
  return statusOf(ctx, b, now);
}

function refuseDuplicateName(ctx: EngineContext, def: BudgetDefinition, exceptId?: number): void {
  const same = findBudgetByName(ctx.db, def.name);
  if (same && same.id !== exceptId) throw new EngineError('CONFLICT', `A budget named "${def.name}" already exists (id ${same.id}).`);
}

export const budgetHandlers = {
  'budgets.list': (input, ctx) => {
    const now = instant(ctx, input.at);
    const fx = loadFxTable(ctx.db);
    return listBudgets(ctx.db).map((b) => computeBudgetStatus(ctx.db, b.definition, { id: b.id, createdAt: b.createdAt, now, fx }).status);
  },

  'budgets.get': (input, ctx) => {
    const b = mustGet(ctx, input.id);
    const c = computeBudgetStatus(ctx.db, b.definition, { id: b.id, createdAt: b.createdAt, now: instant(ctx, input.at), withHistory: true });
    return {
      ...c.status,
      history: c.history,
      alerts: listAlerts(ctx.db, { budgetId: b.id, limit: 100 }).map(alertInfo),
      deliveries: deliveriesForBudget(ctx.db, b.id).map((d) => ({
        id: d.id,
        alertId: d.alert_id,
        url: d.url,
        attempt: d.attempt,
        startedAt: new Date(d.started_at).toISOString(),
        finishedAt: d.finished_at === null ? null : new Date(d.finished_at).toISOString(),
        status: d.status,
        httpStatus: d.http_status,
        error: d.error,
      })),
    };
  },

  'budgets.preview': (input, ctx) => {
    const now = instant(ctx, input.at);
    const existing = input.id !== undefined ? mustGet(ctx, input.id) : null;
    return computeBudgetStatus(ctx.db, input.budget, { id: existing?.id ?? null, createdAt: existing?.createdAt ?? now, now }).status;
  },

  'budgets.create': (input, ctx) => {
    const now = ctx.now();
    refuseDuplicateName(ctx, input.budget);
    const id = insertBudget(ctx.db, input.budget, now);
    return saveAndEvaluate(ctx, id, now);
  },

  'budgets.update': (input, ctx) => {
    const now = ctx.now();
    mustGet(ctx, input.id);
    refuseDuplicateName(ctx, input.budget, input.id);
    updateBudget(ctx.db, input.id, input.budget, now);
    return saveAndEvaluate(ctx, input.id, now);
  },

  'budgets.remove': (input, ctx) => {
    if (!deleteBudget(ctx.db, input.id)) throw new EngineError('NOT_FOUND', `No budget with id ${input.id}.`);
    ctx.emit('alerts.changed', { active: unreadCount(ctx.db) });
    return { id: input.id, removed: true as const };
  },

  'budgets.export': (_input, ctx) => ({
    format: BUDGETS_FILE_FORMAT,
    version: 1 as const,
    exportedAt: new Date(ctx.now()).toISOString(),
    budgets: listBudgets(ctx.db).map((b) => b.definition),
  }),

  'budgets.import': (input, ctx) => {
    const now = ctx.now();
    let added = 0;
    let updated = 0;
    const ids: number[] = [];
    transaction(ctx.db, () => {
      for (const def of input.file.budgets) {
        const same = findBudgetByName(ctx.db, def.name);
        if (same) {
          updateBudget(ctx.db, same.id, def, now);
          ids.push(same.id);
          updated++;
        } else {
          ids.push(insertBudget(ctx.db, def, now));
          added++;
        }
      }
    });
    evaluateAllBudgets(ctx, now);
    return { added, updated, budgets: ids.map((id) => statusOf(ctx, mustGet(ctx, id), now)) };
  },

  'budgets.evaluate': (input, ctx) => evaluateAllBudgets(ctx, instant(ctx, input.at)),

  'budgets.check': (input, ctx) => {
    const now = instant(ctx, input.at);
    const { fired } = evaluateAllBudgets(ctx, now);
    const fx = loadFxTable(ctx.db);
    const budgets = listBudgets(ctx.db).map((b) => computeBudgetStatus(ctx.db, b.definition, { id: b.id, createdAt: b.createdAt, now, fx }).status);
    const exitCode = checkExitCode(budgets.map((b) => b.state));
    return { state: exitCode === 1 ? 'over' : exitCode === 2 ? 'projected' : 'ok', exitCode, budgets, fired };
  },

  'alerts.list': (input, ctx) => ({
    alerts: listAlerts(ctx.db, {
      ...(input.unreadOnly !== undefined ? { unreadOnly: input.unreadOnly } : {}),
      ...(input.budgetId !== undefined ? { budgetId: input.budgetId } : {}),
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
    }).map(alertInfo),
    active: unreadCount(ctx.db),
  }),

  'alerts.markRead': (input, ctx) => {
    const changed = markRead(ctx.db, input.ids ?? 'all', ctx.now());
    const active = unreadCount(ctx.db);
    if (changed > 0) ctx.emit('alerts.changed', { active });
    return { active };
  },
} satisfies Partial<ApiHandlers<EngineContext>>;
