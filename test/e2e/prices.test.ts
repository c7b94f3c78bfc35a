/**
 * Prices and Reconcile in Chromium against `tokenledger serve`: an unknown model shows as unpriced on
 * the Overview, the Prices screen and the Reconcile screen with the same banner, axe-clean; adding a
 * price for it on the Prices screen (preview, then save) clears the banner.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PriceList } from '../../shared/contract/api/prices';
import type { ReconcileReport } from '../../shared/contract/api/reconcile';
import { tempDir } from '../helpers/tmp';
import { ROOT, axeViolations, cliJson, launch, newPage, screenshot, serve } from './harness';

const EXPORTS = join(ROOT, 'test', 'fixtures', 'exports');

describe('prices and reconcile in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('flags an unknown model as unpriced on every screen that shows its figures, and prices it from the Prices screen', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ledger.sqlite');
    const usage = join(dir, 'openai-usage-mystery.json');
    writeFileSync(usage, readFileSync(join(EXPORTS, 'openai-usage-completions.json'), 'utf8').replace('"o4-mini-2025-04-16"', '"acme-mystery-9"'));
    cliJson(['import', usage, join(EXPORTS, 'openai-costs.json'), '--db', dbPath]);
    const list = cliJson<PriceList>(['prices', 'list', '--in-ledger', '--db', dbPath]);
    // acme-mystery-9: 301,220 + 402,311 tokens; gpt-4o-mini's flex row: 140,442 tokens (OpenAI sells no flex tier for it).
    expect(list.unpriced.tokens).toBe(703_531 + 140_442);
    const reconcile = cliJson<ReconcileReport>(['report', 'reconcile', '--db', dbPath]);
    expect(reconcile.lines[0]!.explanations.map((e) => e.reason)).toContain('unpriced');

    const server = await serve(dbPath);
    try {
      const page = await newPage(browser);
      await page.goto(server.url.replace('#/', '') + '#/prices');
      const banner = page.getByTestId('unpriced-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('843,973 tokens on 2 models have no price: acme-mystery-9, gpt-4o-mini-2024-07-18');
      await page.getByTestId('price-list').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'prices-unpriced-banner');

      await page.goto(server.url.replace('#/', '') + '#/reconcile');
      await page.getByTestId('reconcile-lines').waitFor();
      expect(await page.getByTestId('unpriced-banner').innerText()).toContain('843,973 tokens on 2 models have no price');
      expect(await page.locator('[data-reason="unpriced"]').first().innerText()).toContain('acme-mystery-9');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'reconcile-unpriced');

      // Price the private model from the Prices screen: preview, then save.
      await page.goto(server.url.replace('#/', '') + '#/prices');
      await page.getByRole('button', { name: 'acme-mystery-9' }).first().click();
      await page.getByRole('heading', { name: 'Price history of acme-mystery-9' }).waitFor();
      await page.getByLabel('In force from').fill('2025-01-01');
      await page.getByLabel('Input per 1M').fill('1');
      await page.getByLabel('Cache read per 1M').fill('0.5');
      await page.getByLabel('Output per 1M').fill('4');
      await page.getByRole('button', { name: 'Preview the change' }).click();
      const preview = page.getByTestId('recompute-preview');
      await preview.waitFor();
      // 182,436 x $1 + 118,784 x $0.50 + 402,311 x $4 per million = $1.851072
      expect(await preview.locator('tbody tr').first().innerText()).toContain('$1.85');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'prices-override-preview');
      await page.getByRole('button', { name: 'Save and re-price' }).click();
      await page.getByText('Saved as your price #1.').waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="unpriced-banner"]')?.textContent?.includes('140,442 tokens on 1 model has no price'));
      await screenshot(page, 'prices-after-override');
    } finally {
      await server.stop();
    }
  });
});
