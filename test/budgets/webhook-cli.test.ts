/**
 * Budget webhooks from the CLI: an alert an import fires is delivered before `tokenledger import` exits
 * (the process used to close the ledger first and the alert was never sent), and `budgets check`
 * delivers again an alert no attempt delivered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { setWebhookTiming } from '../../electron/engine/budgets/webhook';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { createIntl } from '@formatjs/intl';
import { sayWith, type Said } from '../../shared/i18n/said';
import zhEngine from '../../shared/i18n/zh-CN/engine.json';
import { dailyRequests, writeLitellmCsv } from '../helpers/budget-samples';

/** An endpoint answering `status()` to each POST, recording the alerts' thresholds and kinds. */
async function endpoint(status: () => number): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as { alert: { budget: string; threshold: number; kind: string } };
      hits.push(`${body.alert.budget} ${body.alert.kind} ${body.alert.threshold}`);
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

beforeEach(() => setWebhookTiming({ backoffMs: [], timeoutMs: 2_000 }));
afterEach(() => setWebhookTiming());

async function setup(url: string, allowPrivate = true) {
  const dir = tempDir();
  const db = join(dir, 'ledger.sqlite');
  const cli = async (...args: string[]) => {
    const io = captureIo();
    const code = await runCli([...args, '--db', db], io);
    return { code, err: io.stderr.join('\n') };
  };
  // The test's endpoint listens on 127.0.0.1: a private target, sent to only when the user allows it.
  if (allowPrivate) expect((await cli('call', 'settings.update', '{"allowPrivateWebhooks":true}')).code).toBe(0);
  expect((await cli('budgets', 'add', '--name', 'Hooked', '--amount', '10', '--currency', 'USD', '--thresholds', '50', '--webhook', url)).code).toBe(0);
  // 3 x 2 USD in October (the suite's month): 60 % of 10 USD crosses the 50 % threshold.
  const file = writeLitellmCsv(dir, 'october.csv', dailyRequests('a', '2025-10-01', 3, '2'));
  return { cli, file, db };
}

describe('budget webhooks from the CLI', () => {
  it('tokenledger import delivers the alert it fired before it exits', async () => {
    const { server, url, hits } = await endpoint(() => 204);
    try {
      const { cli, file } = await setup(url);
      expect((await cli('import', file)).code).toBe(0);
      expect(hits).toEqual(['Hooked crossed 50']);
    } finally {
      server.close();
    }
  });

  it('budgets check delivers again an alert no attempt delivered', async () => {
    let down = true;
    const { server, url, hits } = await endpoint(() => (down ? 503 : 204));
    try {
      const { cli, file } = await setup(url);
      expect((await cli('import', file)).code).toBe(0);
      expect(hits).toEqual(['Hooked crossed 50']);
      down = false;
      await cli('budgets', 'check');
      expect(hits).toEqual(['Hooked crossed 50', 'Hooked crossed 50']);
      // Delivered now: a later check sends nothing again.
      await cli('budgets', 'check');
      expect(hits).toHaveLength(2);
    } finally {
      server.close();
    }
  });

  it('refuses a loopback target unless the user allows private targets, and records why', async () => {
    const { server, url, hits } = await endpoint(() => 204);
    try {
      const { cli, file, db } = await setup(url, false);
      expect((await cli('import', file)).code).toBe(0);
      expect(hits).toEqual([]);
      const io = captureIo();
      await runCli(['call', 'budgets.get', '{"id":1}', '--db', db], io);
      const got = JSON.parse(io.stdout.join('\n')) as { deliveries: { status: string; error: string | null; said: Said | null }[] };
      expect(got.deliveries.map((d) => [d.status, d.error])).toEqual([
        ['failed', 'refused: 127.0.0.1 is a loopback, link-local or private address (allow private webhook targets in Settings to send there)'],
      ]);
      // The same reason as a message id, said in Chinese where the window or the CLI shows it.
      const said = got.deliveries[0]!.said!;
      expect(said).toEqual({ id: 'engine.error.webhook.private', values: { what: '127.0.0.1' } });
      expect(sayWith(createIntl<string>({ locale: 'zh-CN', messages: zhEngine }), said)).toBe('已拒绝：127.0.0.1 是回环、链路本地或私有地址（如需发送到那里，请在“设置”中允许私有 webhook 目标）');
    } finally {
      server.close();
    }
  });
});
