/** Handlers of the budgets and alerts nouns (shared/contract/api/budgets.ts, alerts.ts). */
import { saidError } from '../said-error';
import type { ApiHandlers } from '../../../shared/contract/client';
import { checkExitCode } from '../../../shared/domain/budgets/alerts';
import { BUDGETS_FILE_FORMAT, type BudgetDefinition } from '../../../shared/domain/budgets/budget';
import type { EngineContext } from '../context';
import { mutates, writes } from '../hooks';
import { transaction } from '../ledger/db';
import { loadFxTable } from '../pricing/fx-store';
import { alertInfo, announceAlerts, evaluateAllBudgets, evaluateBudgets, retryUndeliveredWebhooks } from './alerts';
import type { Said } from '../../../shared/i18n/said';
import { deliveriesForBudget, listAlerts, markRead, unreadCount } from './alerts-store';
import { computeBudgetStatus } from './status';
import { deleteBudget, findBudgetByName, getBudget, insertBudget, listBudgets, updateBudget, type StoredBudget } from './store';

const instant = (ctx: EngineContext, at: string | undefined) => (at ? Date.parse(at) : ctx.now());

function mustGet(ctx: EngineContext, id: number): StoredBudget {
  const b = getBudget(ctx.db, id);
  if (!b) throw saidError('NOT_FOUND', 'engine.error.noBudget', { id });
  return b;
}

function refuseDuplicateName(ctx: EngineContext, def: BudgetDefinition, exceptId?: number): void {
  const same = findBudgetByName(ctx.db, def.name);
  if (same && same.id !== exceptId) throw saidError('CONFLICT', 'engine.error.budgetNameTaken', { name: def.name, id: same.id });
}

/** A saved budget's status, computed once: its alerts fire (never one that already fired this period). */
function evaluateSaved(ctx: EngineContext, id: number, now: number) {
  return evaluateBudgets(ctx, [mustGet(ctx, id)], now).statuses[0]!;
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
        said: d.error_said === null ? null : (JSON.parse(d.error_said) as Said),
      })),
    };
  },

  'budgets.preview': (input, ctx) => {
    const now = instant(ctx, input.at);
    const existing = input.id !== undefined ? mustGet(ctx, input.id) : null;
    return computeBudgetStatus(ctx.db, input.budget, { id: existing?.id ?? null, createdAt: existing?.createdAt ?? now, now }).status;
  },

  'budgets.create': mutates('budgets', (input, ctx) => {
    const now = ctx.now();
    refuseDuplicateName(ctx, input.budget);
    return evaluateSaved(ctx, insertBudget(ctx.db, input.budget, now), now);
  }),

  'budgets.update': mutates('budgets', (input, ctx) => {
    const now = ctx.now();
    mustGet(ctx, input.id);
    refuseDuplicateName(ctx, input.budget, input.id);
    updateBudget(ctx.db, input.id, input.budget, now);
    return evaluateSaved(ctx, input.id, now);
  }),

  'budgets.remove': mutates('budgets', (input, ctx) => {
    if (!deleteBudget(ctx.db, input.id)) throw saidError('NOT_FOUND', 'engine.error.noBudget', { id: input.id });
    // Its alerts went with it.
    announceAlerts(ctx, []);
    return { id: input.id, removed: true as const };
  }),

  'budgets.export': (_input, ctx) => ({
    format: BUDGETS_FILE_FORMAT,
    version: 1 as const,
    exportedAt: new Date(ctx.now()).toISOString(),
    budgets: listBudgets(ctx.db).map((b) => b.definition),
  }),

  'budgets.import': mutates('budgets', (input, ctx) => {
    const now = ctx.now();
    let added = 0;
    let updated = 0;
    const ids = transaction(ctx.db, () =>
      input.file.budgets.map((def) => {
        const same = findBudgetByName(ctx.db, def.name);
        if (!same) {
          added++;
          return insertBudget(ctx.db, def, now);
        }
        updateBudget(ctx.db, same.id, def, now);
        updated++;
        return same.id;
      }),
    );
    const { statuses } = evaluateBudgets(ctx, ids.map((id) => mustGet(ctx, id)), now);
    return { added, updated, budgets: statuses };
  }),

  'budgets.evaluate': writes((input, ctx) => {
    retryUndeliveredWebhooks(ctx);
    const { fired, active } = evaluateAllBudgets(ctx, instant(ctx, input.at));
    return { fired, active };
  }),

  'budgets.check': writes((input, ctx) => {
    retryUndeliveredWebhooks(ctx);
    const { fired, statuses } = evaluateAllBudgets(ctx, instant(ctx, input.at));
    const exitCode = checkExitCode(statuses.map((b) => b.state));
    return { state: exitCode === 1 ? 'over' : exitCode === 2 ? 'projected' : 'ok', exitCode, budgets: statuses, fired };
  }),

  'alerts.list': (input, ctx) => ({
    alerts: listAlerts(ctx.db, input).map(alertInfo),
    active: unreadCount(ctx.db),
  }),

  'alerts.markRead': writes((input, ctx) => {
    const changed = markRead(ctx.db, input.ids ?? 'all', ctx.now());
    return { active: changed > 0 ? announceAlerts(ctx, []) : unreadCount(ctx.db) };
  }),
} satisfies Partial<ApiHandlers<EngineContext>>;
