/**
 * The column mapping wizard in Chromium against `tokenledger serve`: an internal gateway's CSV is refused,
 * mapped in the wizard (provider and time zone set, the dry run checked), saved and imported; the CLI's
 * report over the same ledger shows the figures computed by hand. Screenshots saved.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ReportTotals } from '../../shared/contract/types';
import { tempDir } from '../helpers/tmp';
import { axeViolations, cliJson, launch, newPage, screenshot, serve } from './harness';

const GATEWAY = [
  'timestamp,model,prompt_tokens,cached_tokens,completion_tokens,cost_eur,team',
  '2025-09-01 09:15:00,gpt-4o,1200,200,300,0.0125,search',
  '2025-09-01 10:02:30,gpt-4o-mini,800,0,150,0.0009,search',
  '2025-09-02 23:30:00,claude-sonnet-4,5000,4000,700,0.021,support',
  '2025-09-03 08:00:00,gpt-4o,2000,1500,100,0.0061,support',
].join('\n');
// By hand: uncached input 3300, cache read 5700, output 1250, 4 requests, 0.0405 EUR.

describe('the column mapping wizard in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('maps, saves and imports a CSV no built-in format reads', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ledger.sqlite');
    const csv = join(dir, 'gateway-2025-09.csv');
    writeFileSync(csv, GATEWAY);
    const server = await serve(dbPath);
    try {
      const page = await newPage(browser, { width: 1280, height: 720 });
      await page.goto(`${server.url}#/imports`);
      await page.getByLabel('Choose files…').setInputFiles(csv);
      await page.getByTestId('import-refused').waitFor();
      await page.getByRole('button', { name: 'Map its columns…' }).click();
      const wizard = page.getByTestId('mapping-wizard');
      await wizard.getByRole('heading', { name: 'Map the columns of gateway-2025-09.csv' }).waitFor();
      await wizard.getByLabel('Profile name').fill('Internal gateway');
      await wizard.getByLabel('Provider', { exact: true }).fill('internal-gateway');
      await wizard.getByLabel('Time zone of times written without one').fill('Europe/Berlin');
      const firstRow = wizard.locator('[data-testid="mapping-rows"] tr[data-line="2"]');
      await expect.poll(() => firstRow.locator('td').nth(1).innerText(), { timeout: 10_000 }).toBe('2025-09-01 07:15:00');
      expect(await firstRow.locator('[data-class="input"]').innerText()).toBe('1,000');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'import-mapping-wizard');

      await wizard.getByRole('button', { name: 'Save profile and import' }).click();
      const preview = page.getByTestId('import-preview');
      await preview.waitFor();
      expect(await preview.getByTestId('import-format').innerText()).toBe('Internal gateway (column mapping)');
      const total = preview.getByTestId('file-total');
      expect(await total.locator('[data-class="input"]').innerText()).toBe('3,300');
      expect(await total.locator('[data-class="cache_read"]').innerText()).toBe('5,700');
      expect(await total.locator('[data-class="output"]').innerText()).toBe('1,250');
      await screenshot(page, 'import-mapping-preview');
      await page.getByRole('button', { name: 'Commit', exact: true }).click();
      await page.getByTestId('import-committed').waitFor();

      const report = cliJson<ReportTotals>(['report', '--db', dbPath]);
      expect(report.totals.tokens).toEqual({ input: 3300, cache_read: 5700, cache_write_5m: 0, cache_write_1h: 0, output: 1250, reasoning: 0 });
      expect(report.totals.requests).toBe(4);
      expect(report.totals.billed).toEqual({ EUR: '0.040500' });
    } finally {
      await server.stop();
    }
  });
});
