import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { BudgetStatus } from '../../shared/contract/api/budgets';
import { tempDir } from '../helpers/tmp';
import { writeLitellmCsv } from '../helpers/budget-samples';
import { axeViolations, cliJson, launch, newPage, NOW, screenshot, serve } from './harness';

describe('budgets in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a budget with a live preview, imports a sample that crosses it, and shows the alerts and the badge', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ledger.sqlite');
    // Three requests a few seconds before the engine's instant: 12 USD against a 10 USD budget for this month.
    const now = NOW;
    const sample = writeLitellmCsv(dir, 'litellm-spend-today.csv', [
      { id: 'e2e-1', at: new Date(now - 30_000).toISOString(), spend: '3' },
      { id: 'e2e-2', at: new Date(now - 20_000).toISOString(), spend: '4' },
      { id: 'e2e-3', at: new Date(now - 10_000).toISOString(), spend: '5' },
    ]);
    const server = await serve(dbPath);
    try {
      const page = await newPage(browser, { width: 1280, height: 720 });
      await page.goto(server.url);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Budgets' }).click();
      await page.getByRole('heading', { name: 'No budgets yet' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'budgets-empty');

      await page.getByRole('button', { name: 'New budget' }).click();
      await page.getByLabel('Name').fill('Team this month');
      await page.getByLabel('Amount', { exact: true }).fill('10');
      await page.getByLabel('Currency').selectOption('USD');
      await page.getByLabel('Time zone').selectOption('UTC');
      await page.getByLabel('Projects').fill('proj-web');
      const preview = page.getByTestId('budget-preview');
      await preview.getByText('Spent').waitFor();
      expect(await preview.getByTestId('budget-spent').innerText()).toBe('$0.00');
      await screenshot(page, 'budgets-editor-preview');
      expect(await preview.innerText()).toContain('Not enough data for a forecast');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Create budget' }).click();
      const item = page.getByTestId('budget-item');
      await item.getByText('On track').waitFor();
      expect(await page.getByTestId('alerts-badge').count()).toBe(0);

      // Import the sample through the Imports screen.
      await nav.getByRole('link', { name: 'Imports' }).click();
      await page.getByTestId('import-file-input').setInputFiles(sample);
      await page.getByTestId('import-preview').waitFor();
      await page.getByRole('button', { name: 'Commit', exact: true }).click();
      // The badge counts the three alerts (50, 80 and 100 %) as soon as the engine says so.
      await page.getByTestId('alerts-badge').getByText('3').waitFor();

      await nav.getByRole('link', { name: /Budgets/ }).click();
      await item.getByText('Over budget').waitFor();
      expect(await item.getByTestId('budget-spent').innerText()).toBe('$12.00');
      const alerts = page.getByTestId('alerts-panel');
      await alerts.getByText('Alerts (3 unread)').waitFor();
      const texts = await alerts.locator('li a').allInnerTexts();
      const budgets = cliJson<BudgetStatus[]>(['budgets', 'list', '--db', dbPath]);
      expect(budgets.map((b) => [b.definition.name, b.spent, b.state])).toEqual([['Team this month', '12.000000', 'over']]);
      const period = budgets[0]!.period.label;
      expect(texts).toEqual([
        `Team this month: 100 % of 10.00 USD reached in ${period} (12.00 USD spent, 120 %)`,
        `Team this month: 80 % of 10.00 USD reached in ${period} (12.00 USD spent, 120 %)`,
        `Team this month: 50 % of 10.00 USD reached in ${period} (12.00 USD spent, 120 %)`,
      ]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'budgets-over-with-alerts');

      // The history of the budget, and the card on the Overview.
      await item.getByRole('link', { name: 'Team this month' }).click();
      await page.getByTestId('budget-detail').getByText(`${period} (now)`).waitFor();
      await screenshot(page, 'budgets-detail');
      await alerts.getByRole('button', { name: 'Mark all read' }).click();
      await alerts.getByRole('heading', { name: 'Alerts', exact: true }).waitFor();
      expect(await page.getByTestId('alerts-badge').count()).toBe(0);
      await nav.getByRole('link', { name: 'Overview' }).click();
      const card = page.getByTestId('budget-cards');
      await card.getByText('Over budget').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'budgets-overview-card');
    } finally {
      await server.stop();
    }
  });

  it('shows each budget’s forecast with its range, and a budget the forecast says will be over', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ledger.sqlite');
    // 10 USD a day at noon UTC on each of the last 14 days (up to yesterday).
    const today = Date.parse(new Date(NOW).toISOString().slice(0, 10) + 'T00:00:00Z');
    const days = Array.from({ length: 14 }, (_, i) => today - (14 - i) * 86_400_000 + 12 * 3_600_000);
    const sample = writeLitellmCsv(dir, 'last-two-weeks.csv', days.map((t, i) => ({ id: `fc-${i}`, at: new Date(t).toISOString(), spend: '10' })));
    cliJson(['import', sample, '--db', dbPath]);
    const monthStart = Date.parse(new Date(NOW).toISOString().slice(0, 7) + '-01T00:00:00Z');
    const spentThisMonth = days.filter((t) => t >= monthStart).length * 10;
    cliJson(['budgets', 'add', '--db', dbPath, '--name', 'Roomy', '--amount', '100000', '--currency', 'USD', '--tz', 'UTC']);
    // One dollar of headroom: today alone (forecast at the 14-day run rate) takes it over.
    cliJson(['budgets', 'add', '--db', dbPath, '--name', 'Tight', '--amount', String(spentThisMonth + 1), '--currency', 'USD', '--tz', 'UTC']);
    const server = await serve(dbPath);
    try {
      const page = await newPage(browser, { width: 1280, height: 720 });
      await page.goto(server.url + '#/budgets');
      const items = page.getByTestId('budget-item');
      await items.first().waitFor();
      const roomy = items.filter({ hasText: 'Roomy' });
      const tight = items.filter({ hasText: 'Tight' });
      await roomy.getByText('On track').waitFor();
      await tight.getByText('Forecast over').waitFor();
      expect(await tight.innerText()).toMatch(/Forecast \$[\d,.]+ by \d{4}-\d{2}-\d{2} \(range \$[\d,.]+ – \$[\d,.]+\)\. Over budget from \d{4}-\d{2}-\d{2}\./);
      expect(await tight.getByTestId('budget-spent').innerText()).toBe(`$${spentThisMonth.toFixed(2)}`);
      await page.getByTestId('alerts-panel').getByText(/Tight: on course to pass 100 %/).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'budgets-forecasts');
    } finally {
      await server.stop();
    }
  });
});
