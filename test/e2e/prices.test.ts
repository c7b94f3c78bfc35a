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
    // o4-mini renamed to a private model, and the priority row moved to gpt-5-nano (OpenAI lists no Priority price for it).
    const priority = '"model": "gpt-5-2025-08-07",\n          "batch": false,\n          "service_tier": "priority"';
    const text = readFileSync(join(EXPORTS, 'openai-usage-completions.json'), 'utf8').replace('"o4-mini-2025-04-16"', '"acme-mystery-9"');
    writeFileSync(usage, text.replace(priority, priority.replace('gpt-5-2025-08-07', 'gpt-5-nano-2025-08-07')));
    cliJson(['import', usage, join(EXPORTS, 'openai-costs.json'), '--db', dbPath]);
    const list = cliJson<PriceList>(['prices', 'list', '--in-ledger', '--db', dbPath]);
    // acme-mystery-9: 301,220 + 402,311 tokens; gpt-5-nano's priority row: 22,584 + 65,536 + 40,211 tokens.
    expect(list.unpriced.tokens).toBe(703_531 + 128_331);
    const reconcile = cliJson<ReconcileReport>(['report', 'reconcile', '--db', dbPath]);
    expect(reconcile.lines[0]!.explanations.map((e) => e.reason)).toContain('unpriced');
    expect(reconcile.lines[0]!.unpricedTokens).toBe(list.unpriced.tokens);

    const server = await serve(dbPath);
    try {
      const page = await newPage(browser);
      await page.goto(server.url.replace('#/', '') + '#/prices');
      const banner = page.getByTestId('unpriced-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('831,862 tokens on 2 models have no price');
      expect(await banner.locator('[data-tier="priority"]').innerText()).toContain('no priority price for gpt-5-nano-2025-08-07 (openai, 128,331 tokens): add the priority price');
      await page.getByTestId('price-list').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'prices-unpriced-banner');

      await page.goto(server.url.replace('#/', '') + '#/reconcile');
      await page.getByTestId('reconcile-lines').waitFor();
      expect(await page.getByTestId('unpriced-banner').innerText()).toContain('831,862 tokens on 2 models have no price');
      expect(await page.locator('[data-reason="unpriced"]').first().innerText()).toContain('acme-mystery-9');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'reconcile-unpriced');

      // The banner's link opens the Prices form filled in for the missing tier: price gpt-5-nano's priority row.
      await page.getByRole('link', { name: 'add the priority price' }).click();
      await page.getByRole('heading', { name: 'Price history of gpt-5-nano-2025-08-07' }).waitFor();
      const form = page.getByRole('region', { name: 'Add or override a price' });
      expect(await form.getByLabel('Tier').inputValue()).toBe('priority');
      expect(await form.getByLabel('Model', { exact: true }).inputValue()).toBe('gpt-5-nano-2025-08-07');
      await page.getByLabel('In force from').fill('2025-08-07');
      await page.getByLabel('Input per 1M').fill('0.1');
      await page.getByLabel('Cache read per 1M').fill('0.01');
      await page.getByLabel('Output per 1M').fill('0.8');
      await page.getByRole('button', { name: 'Preview the change' }).click();
      await page.getByTestId('recompute-preview').waitFor();
      await page.getByRole('button', { name: 'Save and re-price' }).click();
      await page.getByText('Saved as your price #1.').waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="unpriced-banner"]')?.textContent?.includes('703,531 tokens on 1 model has no price'));

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
      await page.getByText('Saved as your price #2.').waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="unpriced-banner"]') === null);
      await screenshot(page, 'prices-after-override');
    } finally {
      await server.stop();
    }
  });
});
