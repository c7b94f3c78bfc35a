/**
 * Webhook delivery of budget alerts: POST the alert as JSON to the budget's URL, retried with backoff,
 * every attempt recorded in webhook_deliveries (shown on the budget). Runs on a timer, never inside the
 * synchronous path of an import: a slow or dead endpoint cannot hold a ledger change.
 */
import type { AlertInfo } from '../../../shared/contract/api/alerts';
import { lookup } from 'node:dns/promises';
import type { RequestOptions } from 'node:http';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { finishDelivery, privateWebhooksAllowed, startDelivery } from './alerts-store';
import type { EngineContext } from '../context';
import { said, type Said } from '../../../shared/i18n/said';
import { trackDelivery } from './webhook-flights';

export interface WebhookTiming {
  /** Wait before each retry (ms); attempts = 1 + its length. */
  backoffMs: number[];
  /** Per-attempt timeout (ms). */
  timeoutMs: number;
}

const DEFAULT_TIMING: WebhookTiming = { backoffMs: [2_000, 10_000, 60_000], timeoutMs: 10_000 };
let timing: WebhookTiming = DEFAULT_TIMING;
/** Alerts being delivered by this process (a retry never starts a second delivery of one). */
const delivering = new Set<number>();

/** A name's addresses, as the system resolver answers them. */
export type WebhookResolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: WebhookResolver = (host) => lookup(host, { all: true });
let resolver: WebhookResolver = systemResolver;

/** Tests answer names themselves (no network); pass nothing to restore the system resolver. */
export function setWebhookResolver(r?: WebhookResolver): void {
  resolver = r ?? systemResolver;
}

/** Tests shorten the backoff; pass nothing to restore the defaults. */
export function setWebhookTiming(t?: Partial<WebhookTiming>): void {
  timing = { ...DEFAULT_TIMING, ...t };
}

/** Resolves when every delivery started so far has finished (the CLI waits for it before exiting). */
export { webhooksSettled } from './webhook-flights';

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

/** Where one attempt connects: the address its host resolved to when it was checked. */
interface Target {
  url: URL;
  address: string;
  family: number;
}

/**
 * Resolve the webhook's host once: why it must not be sent there (an invalid URL, a name that does not
 * resolve, or, unless `allowPrivate`, any address that is loopback, link-local or private), or the
 * address the POST then connects to. The POST never resolves the name again, so a name that answers a
 * public address to the check and a private one a moment later (DNS rebinding) still reaches only the
 * address checked.
 */
export async function webhookTarget(url: string, allowPrivate: boolean): Promise<{ refusal: Said; refused: boolean } | Target> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { refusal: said('engine.error.webhook.invalidUrl'), refused: true };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { refusal: said('engine.error.webhook.protocol', { protocol: u.protocol }), refused: true };
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolver(host);
  } catch (err) {
    return { refusal: said('engine.error.webhook.unresolved', { host, code: (err as NodeJS.ErrnoException).code ?? (err as Error).message }), refused: false };
  }
  if (addresses.length === 0) return { refusal: said('engine.error.webhook.noAddress', { host }), refused: false };
  const bad = allowPrivate ? undefined : addresses.find((a) => isPrivate(a.address));
  if (bad !== undefined) {
    const what = host === bad.address ? host : `${host} (${bad.address})`;
    return { refusal: said('engine.error.webhook.private', { what }), refused: true };
  }
  return { url: u, address: addresses[0]!.address, family: addresses[0]!.family };
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

type Result = { ok: boolean; httpStatus: number | null; error: Said | null };

/** A lookup that answers the checked address whatever name it is asked (the connection is pinned to it). */
function pinnedLookup(t: Target): LookupFunction {
  return (_host, opts, cb) => {
    if (opts.all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: t.address, family: t.family }]);
    else cb(null, t.address, t.family);
  };
}

/**
 * One POST of the alert to the checked address, its outcome as recorded. The URL's host still names the
 * request (Host header, TLS server name and certificate check); redirects are never followed: one could
 * send the alert (and its figures) anywhere.
 */
async function post(t: Target, body: string): Promise<Result> {
  // Loaded at the first delivery, not with the engine: importing node:http as a module builds a facade
  // of all its exports, whose lazy getters load Node's fetch (undici), ~0.1 s of every CLI start.
  const { request } = t.url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const options: RequestOptions = {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'tokenledger' },
    lookup: pinnedLookup(t),
    signal: AbortSignal.timeout(timing.timeoutMs),
  };
  return new Promise<Result>((done) => {
    const req = request(t.url, options, (res) => {
      res.resume();
      const finish = () => {
        const status = res.statusCode ?? 0;
        const redirect = status >= 300 && status < 400 ? 'yes' : 'no';
        const error = said('engine.error.webhook.http', { status: `${status} ${res.statusMessage ?? ''}`.trim(), redirect });
        done(status >= 200 && status < 300 ? { ok: true, httpStatus: status, error: null } : { ok: false, httpStatus: status, error });
      };
      res.on('end', finish);
      res.on('error', finish);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const timedOut = err.name === 'AbortError' || err.name === 'TimeoutError';
      done({ ok: false, httpStatus: null, error: timedOut ? said('engine.error.webhook.timeout', { ms: String(timing.timeoutMs) }) : said('engine.error.webhook.postFailed', { code: err.code ?? err.message }) });
    });
    req.end(body);
  });
}

async function deliver(ctx: EngineContext, alert: AlertInfo, url: string): Promise<void> {
  const body = JSON.stringify(webhookPayload(alert));
  const attempts = 1 + timing.backoffMs.length;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (!ctx.db.open) return;
    const id = startDelivery(ctx.db, alert.id, url, attempt, ctx.now());
    // Resolved and checked at every attempt (a name may resolve elsewhere later), and the attempt
    // connects to the address checked.
    const target = await webhookTarget(url, privateWebhooksAllowed(ctx.db));
    if ('refusal' in target && target.refused) {
      if (ctx.db.open) finishDelivery(ctx.db, id, { ok: false, httpStatus: null, error: target.refusal }, ctx.now());
      return;
    }
    const result: Result = 'refusal' in target ? { ok: false, httpStatus: null, error: target.refusal } : await post(target, body);
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
    .finally(() => delivering.delete(alert.id));
  trackDelivery(p);
}
