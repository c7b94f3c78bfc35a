/** Budget alerts (the state machine's memory) and webhook delivery attempts. */
import type { AlertKind } from '../../../shared/domain/budgets/alerts';
import { all, get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';
import { english } from '../../../shared/i18n/english';
import type { Said } from '../../../shared/i18n/said';

export interface AlertRow {
  id: number;
  budget_id: number;
  budget_name: string | null;
  period_key: string;
  threshold: number;
  kind: AlertKind;
  fired_at: number;
  figures: string;
  read_at: number | null;
}

const SELECT = sql.raw(`SELECT a.id, a.budget_id, b.name AS budget_name, a.period_key, a.threshold, a.kind, a.fired_at, a.figures, a.read_at
  FROM budget_alerts a LEFT JOIN budgets b ON b.id = a.budget_id`);

export function firedFor(db: ReadableDb, budgetId: number, periodKey: string): { threshold: number; kind: AlertKind }[] {
  return all(db, sql`SELECT threshold, kind FROM budget_alerts WHERE budget_id = ${budgetId} AND period_key = ${periodKey}`);
}

/** Record an alert; answers its id, or null when it had already fired (the UNIQUE key holds). */
export function insertAlert(
  db: WritableDb,
  a: { budgetId: number; periodKey: string; threshold: number; kind: AlertKind; firedAt: number; figures: unknown },
): number | null {
  const r = run(
    db,
    sql`INSERT INTO budget_alerts (budget_id, period_key, threshold, kind, fired_at, figures)
        VALUES (${a.budgetId}, ${a.periodKey}, ${a.threshold}, ${a.kind}, ${a.firedAt}, ${JSON.stringify(a.figures)})
        ON CONFLICT (budget_id, period_key, threshold, kind) DO NOTHING`,
  );
  return r.changes > 0 ? Number(r.lastInsertRowid) : null;
}

export function listAlerts(db: ReadableDb, opts: { budgetId?: number; unreadOnly?: boolean; limit?: number } = {}): AlertRow[] {
  const parts = [sql.raw('1 = 1')];
  if (opts.budgetId !== undefined) parts.push(sql`a.budget_id = ${opts.budgetId}`);
  if (opts.unreadOnly) parts.push(sql.raw('a.read_at IS NULL'));
  return all<AlertRow>(db, sql`${SELECT} WHERE ${sql.join(parts, ' AND ')} ORDER BY a.fired_at DESC, a.id DESC LIMIT ${opts.limit ?? 200}`);
}

export function getAlert(db: ReadableDb, id: number): AlertRow | undefined {
  return get<AlertRow>(db, sql`${SELECT} WHERE a.id = ${id}`);
}

export function unreadCount(db: ReadableDb): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM budget_alerts WHERE read_at IS NULL`)!.n;
}

export function markRead(db: WritableDb, ids: readonly number[] | 'all', now: number): number {
  if (ids === 'all') return run(db, sql`UPDATE budget_alerts SET read_at = ${now} WHERE read_at IS NULL`).changes;
  if (ids.length === 0) return 0;
  return run(db, sql`UPDATE budget_alerts SET read_at = ${now} WHERE read_at IS NULL AND id IN ${sql.in(ids)}`).changes;
}

// ---- webhook deliveries ------------------------------------------------------------------------

export interface DeliveryRow {
  id: number;
  alert_id: number;
  url: string;
  attempt: number;
  started_at: number;
  finished_at: number | null;
  status: 'pending' | 'delivered' | 'failed';
  http_status: number | null;
  error: string | null;
  /** JSON of the Said the error is (older rows: null). */
  error_said: string | null;
}

export function startDelivery(db: WritableDb, alertId: number, url: string, attempt: number, now: number): number {
  return Number(
    run(db, sql`INSERT INTO webhook_deliveries (alert_id, url, attempt, started_at, status) VALUES (${alertId}, ${url}, ${attempt}, ${now}, 'pending')`)
      .lastInsertRowid,
  );
}

/** A delivery's outcome; why it failed as a message id, recorded beside its English text. */
export function finishDelivery(db: WritableDb, id: number, r: { ok: boolean; httpStatus: number | null; error: Said | null }, now: number): void {
  const error = r.error ? english(r.error) : null;
  const errorSaid = r.error ? JSON.stringify(r.error) : null;
  run(
    db,
    sql`UPDATE webhook_deliveries SET finished_at = ${now}, status = ${r.ok ? 'delivered' : 'failed'}, http_status = ${r.httpStatus}, error = ${error},
        error_said = ${errorSaid} WHERE id = ${id}`,
  );
}

export function deliveriesForBudget(db: ReadableDb, budgetId: number, limit = 50): DeliveryRow[] {
  return all<DeliveryRow>(
    db,
    sql`SELECT d.* FROM webhook_deliveries d JOIN budget_alerts a ON a.id = d.alert_id
        WHERE a.budget_id = ${budgetId} ORDER BY d.started_at DESC, d.id DESC LIMIT ${limit}`,
  );
}

/** Alerts of a budget no attempt has delivered (newest first): their webhook is tried again. */
export function undeliveredAlerts(db: ReadableDb, budgetId: number, limit = 20): AlertRow[] {
  return all<AlertRow>(
    db,
    sql`${SELECT} WHERE a.budget_id = ${budgetId}
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.alert_id = a.id AND d.status = 'delivered')
        ORDER BY a.id DESC LIMIT ${limit}`,
  );
}

/** The user allowed webhooks to loopback, link-local and private addresses (Settings). */
export function privateWebhooksAllowed(db: ReadableDb): boolean {
  return get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = 'allowPrivateWebhooks'`)?.value === 'true';
}
