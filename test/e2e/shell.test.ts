import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ReportTotals } from '../../shared/contract/types';
import { tempDir } from '../helpers/tmp';
import { axeViolations, cliJson, launch, newPage, screenshot, serve } from './harness';

const money = (amount: string, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    amount as unknown as number,
  );

describe('the app shell in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the first-run state, loads demo data, and shows the figures the engine reports', async () => {
    const dbPath = join(tempDir(), 'ledger.sqlite');
    const server = await serve(dbPath);
    try {
      const page = await newPage(browser);
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Your ledger is empty' }).waitFor();
      // The access token leaves the address bar (and so the history) at once, and is stored nowhere.
      expect(page.url()).toBe(`${server.origin}/`);
      expect(await page.evaluate(() => [sessionStorage.length, localStorage.length, document.cookie])).toEqual([0, 0, '']);
      for (const name of ['Overview', 'Explore', 'Agents', 'Reconcile', 'Imports', 'Budgets', 'Tips', 'Prices', 'Settings']) {
        expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).count()).toBe(1);
      }
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'shell-first-run');

      await page.getByRole('button', { name: 'Load demo data' }).click();
      await page.getByTestId('spend').waitFor();

      // The Overview shows one month (the current one, where the demo ends): compare with that range.
      const period = page.getByTestId('period');
      const range = ['--from', (await period.getAttribute('data-from'))!, '--to', (await period.getAttribute('data-to'))!];
      const report = cliJson<ReportTotals>(['report', '--db', dbPath, ...range]);
      expect(report.factCount).toBeGreaterThan(50);
      expect(await page.getByTestId('requests').innerText()).toBe(report.totals.requests.toLocaleString('en-US'));
      const spendShown = await page.getByTestId('spend').locator('li').allInnerTexts();
      expect(spendShown).toEqual(Object.entries(report.totals.spend).map(([c, v]) => money(v, c)));
      for (const [cls, n] of Object.entries(report.totals.tokens)) {
        expect(await page.locator(`[data-testid="tokens"] td[data-class="${cls}"]`).innerText()).toBe(n.toLocaleString('en-US'));
      }
      expect(report.totals.tokens.input).toBeGreaterThan(0);
      expect(Object.keys(report.totals.spend).sort()).toEqual(['CNY', 'USD']);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'shell-demo-loaded');
    } finally {
      await server.stop();
    }
  });

  it('serves demo data straight away with `serve --demo`, and the API refuses calls without the token', async () => {
    const dbPath = join(tempDir(), 'ledger.sqlite');
    const server = await serve(dbPath, ['--demo']);
    try {
      const unauth = await fetch(`${server.origin}/api/report.totals`, { method: 'POST', body: '{}' });
      expect(unauth.status).toBe(401);
      const page = await newPage(browser);
      await page.goto(server.url);
      await page.getByTestId('requests').waitFor();
      const period = page.getByTestId('period');
      const report = cliJson<ReportTotals>(['report', '--db', dbPath, '--from', (await period.getAttribute('data-from'))!, '--to', (await period.getAttribute('data-to'))!]);
      expect(await page.getByTestId('requests').innerText()).toBe(report.totals.requests.toLocaleString('en-US'));
    } finally {
      await server.stop();
    }
  });
});
