/**
 * The Overview's "Monthly review pack" button in Chromium against `serve --demo`: it downloads one zip
 * with the month's PDF and CSVs (the browser names no file on the serving machine); the PDF states the
 * spend the Overview shows, and its first page, rendered to an image, is kept to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ReportExplore } from '../../shared/contract/api/report';
import { formatMoneyText } from '../../shared/contract/format';
import { tempDir } from '../helpers/tmp';
import { ARTIFACTS, axeViolations, cliJson, launch, newPage, screenshot, serve, type Served } from './harness';

describe('the review pack from the Overview', () => {
  let browser: Browser;
  let server: Served;
  let dbPath: string;
  beforeAll(async () => {
    dbPath = join(tempDir(), 'ledger.sqlite');
    server = await serve(dbPath, ['--demo']);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads the month as a zip of the PDF and the CSVs', async () => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await page.getByTestId('month').selectOption('2025-09');
    await expect.poll(() => page.getByTestId('period').getAttribute('data-from')).toBe('2025-09-01');
    const shown = await page.getByTestId('spend-display').innerText();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Monthly review pack' }).click()]);
    expect(download.suggestedFilename()).toBe('review-2025-09.zip');
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(Object.keys(files)).toEqual([
      'review-2025-09.pdf',
      ...['vendor', 'region', 'project', 'member', 'budgets', 'reconcile', 'price-changes', 'tips'].map((t) => `review-2025-09-${t}.csv`),
    ]);
    await expect.poll(() => page.getByTestId('review-pack-message').innerText()).toContain('Saved review-2025-09.zip');

    const report = cliJson<ReportExplore>(['report', '--db', dbPath, '--from', '2025-09-01', '--to', '2025-09-30', '--by', 'vendor']);
    expect(shown).toBe(formatMoneyText(report.totals.spendDisplay!, report.display.currency));
    const pdf = join(tempDir(), 'review.pdf');
    writeFileSync(pdf, files['review-2025-09.pdf']!);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(shown);
    const vendorCsv = new TextDecoder().decode(files['review-2025-09-vendor.csv']);
    expect(vendorCsv.split('\r\n').find((l) => l.startsWith('TOTAL,'))!.split(',')[2]).toBe(report.totals.spendDisplay);
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-png', pdf, join(ARTIFACTS, 'review-pack-from-overview')]);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'review-pack-overview');
  }, 120_000);
});
