/**
 * The Imports screen in Chromium against `tokenledger serve`: a file chosen with the file input, then two
 * sample exports dropped on the window (a synthetic drop with a DataTransfer built in the page from the
 * files' contents), their preview checked against expected-totals.json, committed, found in the history
 * and in the Overview (compared with `tokenledger report --json`), undone, and the totals back as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ReportTotals } from '../../shared/contract/types';
import { formatNano, parseDecimalToNano } from '../../shared/domain/money';
import { importers } from '../../electron/engine/importers/registry';
import { tempDir } from '../helpers/tmp';
import { axeViolations, cliJson, launch, newPage, ROOT, screenshot, serve } from './harness';

const EXPORTS = join(ROOT, 'test', 'fixtures', 'exports');
const expected = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'expected-totals.json'), 'utf8')) as Record<
  string,
  { input_uncached: number; cache_read: number; cache_write: number; output: number; reasoning_subset_of_output: number; requests: number; cost: string; currency: string; rows: number }
>;
const DROPPED = ['openrouter-activity.csv', 'deepseek-usage-amount-2025-9.csv'];
/** Facts per file: its rows, and one more for the OpenRouter row that also bills a web search (its own fee line). */
const factsOf = (name: string): number => expected[name]!.rows + (name === 'openrouter-activity.csv' ? 1 : 0);
const n = (x: number) => x.toLocaleString('en-US');

/** Drop files on the page's window, as a user dragging them from the desktop would. */
async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    const target = document.querySelector('main') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, files);
}

async function overviewFigures(page: Page): Promise<{ requests: string; tokens: Record<string, string> }> {
  await page.goto(page.url().replace(/#.*$/, '') + '#/overview');
  await page.getByTestId('requests').waitFor();
  const tokens: Record<string, string> = {};
  for (const cls of ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning']) {
    tokens[cls] = await page.locator(`[data-testid="tokens"] td[data-class="${cls}"]`).innerText();
  }
  return { requests: await page.getByTestId('requests').innerText(), tokens };
}

function figuresOf(report: ReportTotals): { requests: string; tokens: Record<string, string> } {
  return { requests: n(report.totals.requests), tokens: Object.fromEntries(Object.entries(report.totals.tokens).map(([k, v]) => [k, n(v)])) };
}

describe('the Imports screen in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports two dropped exports with the expected totals, shows them in the history and the Overview, and undoes them', async () => {
    const dbPath = join(tempDir(), 'ledger.sqlite');
    const server = await serve(dbPath);
    try {
      const page = await newPage(browser, { width: 1280, height: 720 });
      await page.goto(`${server.url}#/imports`);
      await page.getByTestId('import-formats').waitFor();
      expect(await page.getByTestId('import-formats').getByRole('listitem').count()).toBe(importers.length);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'imports-empty');

      // A first import through the file input: the baseline the undo must return to.
      await page.getByLabel('Choose files…').setInputFiles(join(EXPORTS, 'claude-code-session.jsonl'));
      await page.getByTestId('import-preview').waitFor();
      expect(await page.getByTestId('import-format').innerText()).toBe('Claude Code session log (JSONL)');
      await page.getByRole('button', { name: 'Commit', exact: true }).click();
      await page.getByTestId('import-committed').waitFor();
      const baseline = cliJson<ReportTotals>(['report', '--db', dbPath]);
      expect(baseline.totals.tokens.output).toBe(expected['claude-code-session.jsonl']!.output);

      // Drop two exports anywhere on the window (here while the Overview is shown).
      await page.goto(`${server.url}#/overview`);
      await page.getByTestId('requests').waitFor();
      await dropFiles(
        page,
        DROPPED.map((name) => ({ name, text: readFileSync(join(EXPORTS, name), 'utf8') })),
      );
      const preview = page.getByTestId('import-preview');
      await preview.waitFor();
      expect(page.url()).toMatch(/#\/imports$/);
      const cards = preview.getByTestId('import-file');
      expect(await cards.count()).toBe(2);
      for (const [i, name] of DROPPED.entries()) {
        const e = expected[name]!;
        const card = cards.nth(i);
        expect(await card.getAttribute('data-file')).toBe(name);
        expect(await card.locator('[data-count="new"]').innerText()).toBe(n(factsOf(name)));
        expect(await card.locator('[data-count="error"]').innerText()).toBe('0');
        const total = card.getByTestId('file-total');
        expect(await total.locator('[data-class="input"]').innerText()).toBe(n(e.input_uncached));
        expect(await total.locator('[data-class="cache_read"]').innerText()).toBe(n(e.cache_read));
        expect(await total.locator('[data-class="cache_write"]').innerText()).toBe(n(e.cache_write));
        expect(await total.locator('[data-class="output"]').innerText()).toBe(n(e.output));
        expect(await total.locator('[data-class="reasoning"]').innerText()).toBe(n(e.reasoning_subset_of_output));
        expect(await total.locator('[data-class="requests"]').innerText()).toBe(n(e.requests));
        const amount = total.locator(`[data-currency="${e.currency.toUpperCase()}"]`);
        // expected-totals.json states money to 6 decimals; the OpenRouter sample's rows carry 7.
        expect(formatNano(parseDecimalToNano((await amount.getAttribute('data-amount'))!), 6)).toBe(e.cost);
      }
      const sumRows = DROPPED.reduce((s, name) => s + factsOf(name), 0);
      expect(await page.getByTestId('import-counts').locator('[data-count="new"]').innerText()).toBe(n(sumRows));
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'imports-preview');

      await page.getByRole('button', { name: 'Commit', exact: true }).click();
      const committed = page.getByTestId('import-committed');
      await committed.waitFor();
      expect(await committed.innerText()).toContain(`Imported ${sumRows} new rows from 2 files as batch 2, 3.`);
      const rows = page.getByTestId('import-history').getByTestId('import-batch');
      await expect.poll(() => rows.count()).toBe(3);
      // Newest first: the two dropped files, then the first import.
      expect(await rows.nth(0).getByRole('rowheader').innerText()).toBe(DROPPED[1]);
      expect(await rows.nth(1).getByRole('rowheader').innerText()).toBe(DROPPED[0]);
      expect(await rows.nth(1).innerText()).toContain('OpenRouter activity CSV');
      expect(await rows.nth(1).locator('[data-count="new"]').innerText()).toBe(n(factsOf(DROPPED[0]!)));
      expect(await rows.nth(0).locator('[data-count="new"]').innerText()).toBe(n(factsOf(DROPPED[1]!)));
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'imports-history');

      // The Overview shows what the CLI reports over the same ledger.
      const report = cliJson<ReportTotals>(['report', '--db', dbPath]);
      expect(report.totals.billed).toEqual({ USD: expect.stringMatching(/^0\.546065/), CNY: expect.stringMatching(/^334\.065804/) });
      expect(report.totals.tokens.cache_read).toBe(baseline.totals.tokens.cache_read + expected[DROPPED[0]!]!.cache_read + expected[DROPPED[1]!]!.cache_read);
      expect(await overviewFigures(page)).toEqual(figuresOf(report));

      // Undo both dropped batches (newest first), asked once more each time.
      await page.goto(`${server.url}#/imports`);
      for (const batch of [3, 2]) {
        const row = page.locator(`[data-testid="import-batch"][data-batch="${batch}"]`);
        await row.getByRole('button', { name: /^Undo batch/ }).click();
        const ask = page.getByRole('alertdialog');
        await ask.waitFor();
        if (batch === 3) {
          expect(await axeViolations(page)).toEqual([]);
          await screenshot(page, 'imports-undo-confirm');
        }
        await ask.getByRole('button', { name: `Undo batch ${batch}` }).click();
        await expect.poll(() => row.getAttribute('data-status')).toBe('undone');
      }
      expect(await page.getByTestId('import-notice').innerText()).toBe(`Batch 2 undone: ${n(factsOf(DROPPED[0]!))} rows removed.`);
      await screenshot(page, 'imports-after-undo');

      const after = cliJson<ReportTotals>(['report', '--db', dbPath]);
      expect(after.totals).toEqual(baseline.totals);
      expect(await overviewFigures(page)).toEqual(figuresOf(baseline));
    } finally {
      await server.stop();
    }
  });
});
