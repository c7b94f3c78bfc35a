/**
 * Webhook delivery of budget alerts: POST the alert as JSON to the budget's URL, retried with backoff,
 * every attempt recorded in webhook_deliveries (shown on the budget). Runs on a timer, never inside the
 * synchronous path of an import: a slow or dead endpoint cannot hold a ledger change.
 */
import type { AlertInfo } from '../../../shared/contract/api/alerts';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { finishDelivery, privateWebhooksAllowed, startDelivery } from './alerts-store';
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

/** Loopback, link-local, private and unspecified ranges: a webhook there could reach this machine's or this network's services. */
const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

function isPrivate(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Why a webhook must not be sent to `url` (its host resolves to a private address), or null. */
export async function webhookTargetRefusal(url: string): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'refused: not a valid URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `refused: ${u.protocol} is not http or https`;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (err) {
    return `${host} cannot be resolved: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
  const bad = addresses.find(isPrivate);
  if (bad === undefined) return null;
  const what = host === bad ? host : `${host} (${bad})`;
  return `refused: ${what} is a loopback, link-local or private address (allow private webhook targets in Settings to send there)`;
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

type Result = { ok: boolean; httpStatus: number | null; error: string | null };

/** One POST of the alert, its outcome as recorded. */
async function post(url: string, body: string): Promise<Result> {
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
    return res.ok ? { ok: true, httpStatus: res.status, error: null } : { ok: false, httpStatus: res.status, error: `HTTP ${res.status} ${res.statusText}`.trim() + redirected };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { ok: false, httpStatus: null, error: e.cause?.code ? `${e.message}: ${e.cause.code}` : e.message };
  }
}

async function deliver(ctx: EngineContext, alert: AlertInfo, url: string): Promise<void> {
  const body = JSON.stringify(webhookPayload(alert));
  const attempts = 1 + timing.backoffMs.length;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (!ctx.db.open) return;
    const id = startDelivery(ctx.db, alert.id, url, attempt, ctx.now());
    let result: Result;
    // Checked at every attempt: a name may resolve elsewhere later.
    const refused = privateWebhooksAllowed(ctx.db) ? null : await webhookTargetRefusal(url);
    if (refused?.startsWith('refused')) {
      if (ctx.db.open) finishDelivery(ctx.db, id, { ok: false, httpStatus: null, error: refused }, ctx.now());
      return;
    }
    if (refused !== null) result = { ok: false, httpStatus: null, error: refused };
    else result = await post(url, body);
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
