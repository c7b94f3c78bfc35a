/**
 * One figure on every screen, in Chromium: with every sample export imported, the September 2025 CN
 * budget, the Overview's CN line, Explore by region and the CLI's `report --by region` show the same CNY
 * and USD figures (the screens to the cent they show, the CLI and the budget's JSON to the nano).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { BudgetCheckResult } from '../../shared/contract/api/budgets';
import type { ReportExplore } from '../../shared/contract/api/report';
import { tempDir } from '../helpers/tmp';
import { cliJson, launch, newPage, screenshot, serve, type Served } from './harness';

const EXPORTS = join(import.meta.dirname, '..', 'fixtures', 'exports');
const SEPT = ['--from', '2025-09-01', '--to', '2025-09-30', '--tz', 'UTC'];

/** As the window formats money: to the cent, or 3 significant digits below a cent. */
const money = (amount: string, currency: string) => {
  const abs = Math.abs(Number(amount));
  const digits = abs === 0 || abs >= 0.01 ? 2 : 2 - Math.floor(Math.log10(abs));
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amount as unknown as number,
  );
};

describe('the September CN figure on every screen and in the CLI', () => {
  let browser: Browser;
  let server: Served;
  let dbPath: string;
  beforeAll(async () => {
    dbPath = join(tempDir(), 'ledger.sqlite');
    cliJson(['import', '--db', dbPath, ...readdirSync(EXPORTS).map((f) => join(EXPORTS, f))]);
    for (const currency of ['CNY', 'USD'])
      cliJson(['budgets', 'add', '--db', dbPath, '--name', `CN ${currency}`, '--amount', '100000', '--currency', currency, '--region', 'CN', '--period', 'custom', '--from', '2025-09-01', '--to', '2025-09-30', '--tz', 'UTC']);
    server = await serve(dbPath);
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the same CNY and USD for CN in the budget, the Overview, Explore and `report --by region`', async () => {
    const page = await newPage(browser);
    const statuses = cliJson<BudgetCheckResult>(['budgets', 'check', '--db', dbPath]).budgets;
    for (const currency of ['CNY', 'USD']) {
      const cli = cliJson<ReportExplore>(['report', '--db', dbPath, ...SEPT, '--by', 'region', '--currency', currency]);
      const cn = cli.rows.find((r) => r.keys[0] === 'CN')!.spendDisplay!;
      const budget = statuses.find((s) => s.definition.name === `CN ${currency}`)!;
      expect(budget.spent, `budget ${currency}`).toBe(cn);
      const shown = money(cn, currency);

      await page.goto(`${server.url}#/settings`);
      await page.getByLabel('Display currency').selectOption(currency);
      await page.goto(`${server.url}#/overview`);
      await page.getByTestId('month').selectOption('2025-09');
      await page.locator('[data-testid="period"][data-from="2025-09-01"][data-to="2025-09-30"]').waitFor();
      await expect.poll(() => page.locator('[data-testid="regions"] tr[data-key="CN"] td').first().innerText()).toBe(shown);

      await page.goto(`${server.url}#/explore?preset=custom&from=2025-09-01&to=2025-09-30&by=origin_region`);
      const row = page.locator('[data-testid="explore-table"] tbody tr[data-keys=\'["CN"]\'] [data-col="spend"]').first();
      await expect.poll(() => row.innerText()).toBe(shown);

      await page.goto(`${server.url}#/budgets`);
      const item = page.getByTestId('budget-item').filter({ hasText: `CN ${currency}` });
      await expect.poll(() => item.getByTestId('budget-spent').innerText()).toBe(shown);
      await screenshot(page, `one-figure-cn-${currency.toLowerCase()}`);
    }
  }, 180_000);
});
