import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { createClient } from '../../shared/contract/client';
import type { ApiEvents } from '../../shared/contract/events';
import { tempDir } from '../../test/helpers/tmp';
import { dailyRequests, writeLitellmCsv } from '../../test/helpers/budget-samples';
import { alertNotifications, type Notifier } from './notifier';

const AT = Date.parse('2025-03-25T00:00:00Z');

describe('budget alert notifications', () => {
  it('turns a crossed threshold into one notification whose click opens the budget', async () => {
    const shown: { title: string; body: string; click: () => void }[] = [];
    const notifier: Notifier = { notify: (title, body, click) => shown.push({ title, body, click }) };
    const sent: { event: string; payload: ApiEvents['ui.navigate'] }[] = [];
    let focused = 0;
    const onAlerts = alertNotifications(notifier, { send: (event, payload) => sent.push({ event, payload }), focus: () => focused++ });

    const dir = tempDir();
    const engine = createEngine({
      dbPath: join(dir, 'ledger.sqlite'),
      now: () => AT,
      onEvent: (event, payload) => {
        if (event === 'alerts.changed') onAlerts(payload as ApiEvents['alerts.changed']);
      },
    });
    try {
      const client = createClient({ invoke: (m, i) => engine.dispatch(m, i) });
      const b = await client.call('budgets.create', {
        budget: { name: 'Desk', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '10', currency: 'USD' }, thresholds: [100] },
      });
      await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'a.csv', dailyRequests('a', '2025-03-01', 6, '2'))] });
      // The same state evaluated again (app start, on demand) shows nothing new.
      await client.call('budgets.evaluate', {});
      expect(shown.map((s) => [s.title, s.body])).toEqual([
        ['Budget: Desk passed 100 %', 'Desk: 100 % of 10.00 USD reached in March 2025 (12.00 USD spent, 120 %)'],
      ]);
      expect(sent).toEqual([]);
      shown[0]!.click();
      expect(focused).toBe(1);
      expect(sent).toEqual([{ event: 'ui.navigate', payload: { hash: `#/budgets?id=${b.id}` } }]);
    } finally {
      engine.close();
    }
  });

  it("says the notification in the user's locale from the alert's message ids", async () => {
    const shown: { title: string; body: string }[] = [];
    const onAlerts = alertNotifications({ notify: (title, body) => shown.push({ title, body }) }, { send: () => undefined, focus: () => undefined, locale: () => Promise.resolve('zh-CN') });
    const dir = tempDir();
    const pending: Promise<void>[] = [];
    const engine = createEngine({
      dbPath: join(dir, 'ledger.sqlite'),
      now: () => AT,
      onEvent: (event, payload) => {
        if (event === 'alerts.changed') pending.push(onAlerts(payload as ApiEvents['alerts.changed']));
      },
    });
    try {
      const client = createClient({ invoke: (m, i) => engine.dispatch(m, i) });
      await client.call('budgets.create', {
        budget: { name: 'Desk', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '10', currency: 'USD' }, thresholds: [100] },
      });
      await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'a.csv', dailyRequests('a', '2025-03-01', 6, '2'))] });
      await Promise.all(pending);
      expect(shown.map((s) => s.title)).toEqual(['预算：Desk 已超过 100%']);
      expect(shown.map((s) => s.body)).toEqual(['Desk：已达到 10.00 USD 的 100%（2025年3月；已花费 12.00 USD，占 120%）']);
    } finally {
      engine.close();
    }
  });
});
