/**
 * Webhook delivery of budget alerts: POST the alert as JSON to the budget's URL, retried with backoff,
 * every attempt recorded in webhook_deliveries (shown on the budget). Runs on a timer, never inside the
 * synchronous path of an import: a slow or dead endpoint cannot hold a ledger change.
 */
import type { AlertInfo } from '../../../shared/contract/api/alerts';
import { finishDelivery, startDelivery } from './alerts-store';
import type { EngineContext } from '../context';

export interface WebhookTiming {
  /** Wait before each retry (ms); attempts = 1 + its length. */
  backoffMs: number[];
  /** Per-attempt timeout (ms). */
  timeoutMs: number;
}

const DEFAULT_TIMING: WebhookTiming = { backoffMs: [2_000, 10_000, 60_000], timeoutMs: 10_000 };
let timing: WebhookTiming = DEFAULT_TIMING;
const inFlight = new Set<Promise<void>>();
/** Alerts being delivered by this process (a retry never starts a second delivery of one). */
const delivering = new Set<number>();

/** Tests shorten the backoff; pass nothing to restore the defaults. */
export function setWebhookTiming(t?: Partial<WebhookTiming>): void {
  timing = { ...DEFAULT_TIMING, ...t };
}

/** Resolves when every delivery started so far has finished (the CLI waits for it before exiting). */
export async function webhooksSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

export function webhookPayload(alert: AlertInfo) {
  return {
    type: 'tokenledger.budget.alert',
    alert: {
      id: alert.id,
      budgetId: alert.budgetId,
      budget: alert.budgetName,
      period: alert.periodKey,
      threshold: alert.threshold,
      kind: alert.kind,
      firedAt: alert.firedAt,
      message: alert.message,
      figures: alert.figures,
    },
  };
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

async function deliver(ctx: EngineContext, alert: AlertInfo, url: string): Promise<void> {
  const body = JSON.stringify(webhookPayload(alert));
  const attempts = 1 + timing.backoffMs.length;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (!ctx.db.open) return;
    const id = startDelivery(ctx.db, alert.id, url, attempt, ctx.now());
    let result: { ok: boolean; httpStatus: number | null; error: string | null };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'tokenledger' },
        body,
        // A redirect is never followed: it could send the alert (and its figures) anywhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(timing.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      const redirected = res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : '';
      result = res.ok ? { ok: true, httpStatus: res.status, error: null } : { ok: false, httpStatus: res.status, error: `HTTP ${res.status} ${res.statusText}`.trim() + redirected };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      result = { ok: false, httpStatus: null, error: e.cause?.code ? `${e.message}: ${e.cause.code}` : e.message };
    }
    if (!ctx.db.open) return;
    finishDelivery(ctx.db, id, result, ctx.now());
    if (result.ok) return;
    const wait = timing.backoffMs[attempt - 1];
    if (wait === undefined) return;
    await sleep(wait);
  }
}

/** Start delivering an alert in the background. */
export function scheduleWebhook(ctx: EngineContext, alert: AlertInfo, url: string): void {
  if (delivering.has(alert.id)) return;
  delivering.add(alert.id);
  const p: Promise<void> = sleep(0)
    .then(() => deliver(ctx, alert, url))
    // deliver() records every network failure itself; what can still throw is the ledger closing under a
    // delivery (the CLI exiting), when there is nowhere left to record it.
    .catch(() => undefined)
    .finally(() => {
      inFlight.delete(p);
      delivering.delete(alert.id);
    });
  inFlight.add(p);
}
