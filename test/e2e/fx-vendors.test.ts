/**
 * Exchange rates and vendor regions in Chromium against `tokenledger serve`: the Prices screen's FX
 * table (built-in points and the user's), a rate added by hand, a CSV previewed with its bad lines and
 * imported; a vendor moved to another region, and the Overview's region split following it. Axe-clean.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeLitellmCsv } from '../helpers/budget-samples';
import { tempDir } from '../helpers/tmp';
import { ARTIFACTS, axeViolations, cliJson, launch, newPage, screenshot, serve } from './harness';

describe('exchange rates and vendor regions in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds and imports FX rates on the Prices screen, and moves a vendor to another region that the Overview then shows', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ledger.sqlite');
    // September 2025: $10 of gpt-4o (US), $3 of deepseek-chat (CN), $2 of mistral-large (EU).
    const usage = writeLitellmCsv(dir, 'september.csv', [
      { id: 'r-openai', at: '2025-09-10T10:00:00Z', spend: '10', model: 'gpt-4o-2024-08-06' },
      { id: 'r-deepseek', at: '2025-09-10T11:00:00Z', spend: '3', model: 'deepseek-chat' },
      { id: 'r-mistral', at: '2025-09-12T09:00:00Z', spend: '2', model: 'mistral-large-2411' },
    ]);
    cliJson(['import', usage, '--db', dbPath]);
    // Show the dashboard in yuan: every USD figure is converted, with the rate and its date beside it.
    cliJson(['call', 'settings.update', '{"displayCurrency":"CNY","timeZone":"UTC"}', '--db', dbPath]);
    const rates = join(dir, 'rates.csv');
    writeFileSync(rates, 'date,currency,per_usd,source\n2025-10-01,EUR,0.8600,ECB\n2025-10-02,EURO,0.86,ECB\n2025-13-01,GBP,0.74,BoE\n');

    const server = await serve(dbPath);
    try {
      const page = await newPage(browser);
      const base = server.url.replace('#/', '');
      await page.goto(base + '#/prices');
      const fx = page.getByTestId('fx-rates');
      await fx.getByTestId('fx-table').waitFor();
      // Hundreds of daily built-in rates, one row each shown: the latest of CNY, EUR, GBP and JPY.
      expect(await fx.locator('tbody tr[data-origin="builtin"]').count()).toBe(4);

      // A rate by hand: 1 USD = 7.2 CNY from 2025-09-01 (every September day converts at it).
      await fx.getByLabel('Rate (units per 1 USD)').fill('7.2');
      await fx.getByLabel('Currency').fill('CNY');
      await fx.getByLabel('Effective date').fill('2025-09-01');
      await fx.getByLabel('Source').fill('bank statement');
      await fx.getByRole('button', { name: 'Add rate' }).click();
      await fx.getByText('Saved: 1 USD = 7.2 CNY from 2025-09-01.').waitFor();
      await fx.locator('tbody tr[data-origin="user"]').first().waitFor();

      // A CSV: preview first, with its bad lines, then import.
      await fx.getByLabel('CSV of rates').setInputFiles(rates);
      const result = fx.getByTestId('fx-import-result');
      await result.waitFor();
      expect(await result.getByRole('status').innerText()).toBe('Preview of rates.csv: 1 rate, 2 bad lines left out.');
      expect(await result.getByRole('listitem').allInnerTexts()).toEqual([
        'Line 3: currency "EURO" is not a 3-letter code',
        'Line 4: date "2025-13-01" is not a day as YYYY-MM-DD',
      ]);
      expect(await axeViolations(page)).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await fx.screenshot({ path: join(ARTIFACTS, 'fx-rates-import-preview.png') });
      await result.getByRole('button', { name: 'Import 1 rate' }).click();
      await result.getByText('Imported rates.csv: 1 rate, 2 bad lines left out.').waitFor();
      // The table is fetched again after the import's message shows: wait for it rather than race it.
      await expect.poll(() => fx.locator('tbody tr[data-origin="user"]').count()).toBe(2);

      // Vendor regions: find DeepSeek, move it to the United States.
      const vendors = page.getByTestId('vendor-regions');
      await vendors.getByTestId('vendor-table').waitFor();
      expect(await vendors.locator('tbody tr').count()).toBeGreaterThanOrEqual(30);
      await vendors.getByLabel('Search vendors').fill('deepseek');
      await vendors.getByLabel('Region of DeepSeek').selectOption('US');
      await vendors.getByText('DeepSeek is now in United States: its usage moved to United States in the region split.').waitFor();
      await vendors.getByRole('button', { name: 'Reset DeepSeek to its built-in region' }).waitFor();
      await vendors.getByLabel('Search vendors').fill('');
      expect(await axeViolations(page)).toEqual([]);
      await vendors.screenshot({ path: join(ARTIFACTS, 'vendor-regions-moved.png') });
      await screenshot(page, 'prices-fx-vendors');

      // The Overview's region split follows, in CNY at the user's rate of each September day (7.2 per USD):
      // United States $13 (OpenAI + DeepSeek) = ¥93.60, China ¥0.00, Europe $2 = ¥14.40.
      await page.goto(base + '#/overview');
      const regions = page.getByTestId('regions');
      await regions.waitFor();
      expect(await regions.locator('tr[data-key="US"] td').first().innerText()).toBe('¥93.60');
      expect(await regions.locator('tr[data-key="CN"] td').first().innerText()).toBe('¥0.00');
      expect(await regions.locator('tr[data-key="EU"] td').first().innerText()).toBe('¥14.40');
      expect(await page.getByTestId('fx-note').innerText()).toBe("Converted at each day's rate; September 2025 average 1 USD = 7.2 CNY.");
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'overview-after-region-move');
    } finally {
      await server.stop();
    }
  });
});
