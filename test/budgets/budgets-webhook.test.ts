import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setWebhookResolver, setWebhookTiming, webhooksSettled } from '../../electron/engine/budgets/webhook';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { dailyRequests, writeLitellmCsv } from '../helpers/budget-samples';

interface Hit {
  body: { type: string; alert: { threshold: number; kind: string; budget: string; figures: { spent: string } } };
}

async function listen(handler: (req: IncomingMessage, n: number) => { status: number; delayMs: number }): Promise<{ server: Server; url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      hits.push({ body: JSON.parse(text) as Hit['body'] });
      const { status, delayMs } = handler(req, hits.length);
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

/** The engines' clock: a fixed instant each test sets (`setNow`), never the wall clock. */
let now = Number.NaN;
const setNow = (iso: string) => {
  now = Date.parse(iso);
};
const clock = () => now;

beforeEach(() => {
  setWebhookTiming({ backoffMs: [50, 50], timeoutMs: 2_000 });
  setNow('2025-03-25T00:00:00Z');
});
afterEach(() => {
  now = Number.NaN;
  setWebhookTiming();
  setWebhookResolver();
});

describe('budget webhooks', () => {
  it('POSTs the alert as JSON after the import has returned, retries a 500, and records both attempts', async () => {
    const { client } = testEngine({ now: clock });
    await client.call('settings.update', { allowPrivateWebhooks: true });
    const { server, url, hits } = await listen((_req, n) => ({ status: n === 1 ? 500 : 204, delayMs: 200 }));
    try {
      const b = await client.call('budgets.create', {
        budget: { name: 'Hooked', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '10', currency: 'USD' }, thresholds: [50], webhookUrl: url },
      });
      await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'a.csv', dailyRequests('a', '2025-03-01', 3, '2'))] });
      // The import is back before the endpoint has even been reached.
      expect(hits).toHaveLength(0);
      await webhooksSettled();
      expect(hits.map((h) => [h.body.type, h.body.alert.budget, h.body.alert.kind, h.body.alert.threshold, h.body.alert.figures.spent])).toEqual([
        ['tokenledger.budget.alert', 'Hooked', 'crossed', 50, '6.000000'],
        ['tokenledger.budget.alert', 'Hooked', 'crossed', 50, '6.000000'],
      ]);
      const d = await client.call('budgets.get', { id: b.id! });
      expect(d.deliveries.map((x) => [x.attempt, x.status, x.httpStatus, x.error])).toEqual([
        [2, 'delivered', 204, null],
        [1, 'failed', 500, 'HTTP 500 Internal Server Error'],
      ]);
    } finally {
      server.close();
    }
  });

  it('never follows a redirect: the attempt fails with the 3xx, and the redirect target is never reached', async () => {
    const { client } = testEngine({ now: clock });
    await client.call('settings.update', { allowPrivateWebhooks: true });
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(`${req.method ?? ''} ${req.url ?? ''}`);
      req.resume();
      req.on('end', () => (req.url === '/hook' ? res.writeHead(307, { location: '/elsewhere' }).end() : res.writeHead(204).end()));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const b = await client.call('budgets.create', {
        budget: { name: 'Redirected', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '10', currency: 'USD' }, thresholds: [50], webhookUrl: url },
      });
      await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'a.csv', dailyRequests('a', '2025-03-01', 3, '2'))] });
      await webhooksSettled();
      expect(paths.every((p) => p === 'POST /hook')).toBe(true);
      const d = await client.call('budgets.get', { id: b.id! });
      expect(d.deliveries.at(-1)).toMatchObject({ attempt: 1, status: 'failed', httpStatus: 307, error: 'HTTP 307 Temporary Redirect (redirects are not followed)' });
    } finally {
      server.close();
    }
  });

  it('records every failed attempt when nothing listens, and the alert still stands', async () => {
    const { client } = testEngine({ now: clock });
    await client.call('settings.update', { allowPrivateWebhooks: true });
    const { server, url } = await listen(() => ({ status: 200, delayMs: 0 }));
    await new Promise<void>((ok) => server.close(() => ok()));
    const b = await client.call('budgets.create', {
      budget: { name: 'Dead hook', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '10', currency: 'USD' }, thresholds: [50], webhookUrl: url },
    });
    await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'a.csv', dailyRequests('a', '2025-03-01', 3, '2'))] });
    await webhooksSettled();
    const d = await client.call('budgets.get', { id: b.id! });
    expect(d.alerts.map((a) => `${a.kind}:${a.threshold}`)).toEqual(['crossed:50']);
    expect(d.deliveries.map((x) => [x.attempt, x.status])).toEqual([
      [3, 'failed'],
      [2, 'failed'],
      [1, 'failed'],
    ]);
    expect(d.deliveries[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it('connects to the address its check resolved: a name that rebinds after the check is not asked again', async () => {
    const { client } = testEngine({ now: clock });
    await client.call('settings.update', { allowPrivateWebhooks: true });
    const { server, url, hits } = await listen(() => ({ status: 204, delayMs: 0 }));
    // hook.test answers the listening server's address once, then (a rebinding name) another one where nothing listens.
    const asked: string[] = [];
    setWebhookResolver((host) => {
      asked.push(host);
      return Promise.resolve([{ address: asked.length === 1 ? '127.0.0.1' : '127.0.0.2', family: 4 }]);
    });
    try {
      const named = url.replace('127.0.0.1', 'hook.test');
      const b = await client.call('budgets.create', {
        budget: { name: 'Pinned', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '10', currency: 'USD' }, thresholds: [50], webhookUrl: named },
      });
      await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'a.csv', dailyRequests('a', '2025-03-01', 3, '2'))] });
      await webhooksSettled();
      expect(asked).toEqual(['hook.test']);
      expect(hits).toHaveLength(1);
      const d = await client.call('budgets.get', { id: b.id! });
      expect(d.deliveries.map((x) => [x.attempt, x.status, x.httpStatus, x.error])).toEqual([[1, 'delivered', 204, null]]);
    } finally {
      server.close();
    }
  });

  it('refuses a name that resolves to a private address, and sends nothing', async () => {
    const { client } = testEngine({ now: clock });
    const { server, url, hits } = await listen(() => ({ status: 204, delayMs: 0 }));
    setWebhookResolver(() => Promise.resolve([{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }]));
    try {
      const b = await client.call('budgets.create', {
        budget: { name: 'Inside', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '10', currency: 'USD' }, thresholds: [50], webhookUrl: url.replace('127.0.0.1', 'hook.test') },
      });
      await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'a.csv', dailyRequests('a', '2025-03-01', 3, '2'))] });
      await webhooksSettled();
      expect(hits).toHaveLength(0);
      const d = await client.call('budgets.get', { id: b.id! });
      expect(d.deliveries.map((x) => [x.attempt, x.status, x.error])).toEqual([
        [1, 'failed', 'refused: hook.test (10.0.0.5) is a loopback, link-local or private address (allow private webhook targets in Settings to send there)'],
      ]);
    } finally {
      server.close();
    }
  });
});
