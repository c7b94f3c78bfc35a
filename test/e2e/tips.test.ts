import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TipsReport } from '../../shared/contract/api/tips';
import { tempDir } from '../helpers/tmp';
import { ARTIFACTS, axeViolations, cliJson, launch, newPage, screenshot, serve } from './harness';

/** Money as every screen prints it: to the cent, or 3 significant digits below a cent. */
const money = (amount: string, currency: string) => {
  const abs = Math.abs(Number(amount));
  const digits = abs === 0 || abs >= 0.01 ? 2 : 2 - Math.floor(Math.log10(abs));
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount as unknown as number);
};
const shown = (a: Record<string, string>) => Object.entries(a).map(([c, v]) => money(v, c)).join(' + ');


/** A month as the window names it everywhere ("October 2025"), not the engine's key ("2025-10"). */
const monthName = (month: string) => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
describe('the Tips screen in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the demo month’s tips from at least four rules, with evidence, and the figures of `tokenledger tips --json`', async () => {
    const dbPath = join(tempDir(), 'ledger.sqlite');
    const server = await serve(dbPath, ['--demo']);
    try {
      const report = cliJson<TipsReport>(['tips', '--db', dbPath]);
      // The demo runs up to the suite's clock: the current month is shown, with every rule the demo tells.
      expect(report.period).toBe(process.env.TOKENLEDGER_NOW!.slice(0, 7));
      expect(report.rulesFired.length).toBeGreaterThanOrEqual(4);

      const page = await newPage(browser, { width: 1280, height: 720 });
      await page.goto(server.url.replace(/#.*$/, '') + '#/tips');
      await page.getByRole('heading', { name: 'Tips', level: 1 }).waitFor();
      await page.getByTestId('tip').first().waitFor();

      const cards = page.getByTestId('tip');
      expect(await cards.count()).toBe(report.tips.length);
      const rulesShown = new Set(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule'))));
      expect([...rulesShown].sort()).toEqual([...report.rulesFired].sort());
      expect(rulesShown.size).toBeGreaterThanOrEqual(4);

      // Same order and the same money as the CLI.
      expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-tip-id')))).toEqual(report.tips.map((t) => t.id));
      for (const [i, t] of report.tips.entries()) {
        const card = cards.nth(i);
        if (Object.keys(t.saving).length) expect(await card.getByTestId('tip-saving').innerText()).toBe(shown(t.saving));
        else expect(await card.getByTestId('tip-impact').innerText()).toBe(shown(t.impact!));
      }
      expect(await page.getByTestId('tips-total').innerText()).toBe(shown(report.totalSaving));
      expect(await page.getByTestId('tips-standalone').innerText()).toBe(shown(report.standaloneSum));

      await page.screenshot({ path: join(ARTIFACTS, 'tips-demo-top.png') });
      // Every rule that fired shows its evidence: arithmetic, and the facts behind it where it has cells.
      for (const rule of report.rulesFired) {
        const t = report.tips.find((x) => x.rule === rule)!;
        const card = page.locator(`[data-tip-id="${t.id}"]`);
        await card.getByRole('button', { name: 'Show evidence' }).click();
        await card.getByRole('heading', { name: 'Arithmetic' }).waitFor();
        expect(await card.locator('.arithmetic li').count()).toBe(t.evidence.arithmetic.length);
        if (t.evidence.factCount > 0) expect(await card.getByTestId('tip-facts').innerText()).toContain(`#${t.evidence.factIds[0]}`);
        if (t.evidence.prices.length) expect(await card.getByRole('heading', { name: /Prices used/ }).count()).toBe(1);
      }
      await page.locator(`[data-tip-id="${report.tips.find((x) => x.rule === 'deployment')!.id}"]`).screenshot({ path: join(ARTIFACTS, 'tips-evidence.png') });
      await page.getByTestId('kpis').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'tips-demo');
      await page.locator('.kpi-panel').screenshot({ path: join(ARTIFACTS, 'tips-kpis.png') });

      // The Overview's card lists the top three tips with a saving, linking here.
      await page.goto(server.url.replace(/#.*$/, '') + '#/overview');
      const top = page.getByTestId('top-tips');
      await top.getByRole('link').waitFor();
      expect(await top.getByRole('heading').innerText()).toBe(`Top tips for ${monthName(report.period)}`);
      const withSaving = report.tips.filter((t) => !t.dismissed && Object.keys(t.saving).length > 0).slice(0, 3);
      expect(await top.locator('li').allInnerTexts()).toEqual(withSaving.map((t) => `${t.title}: ${shown(t.saving)}`));
      expect(await axeViolations(page)).toEqual([]);
      await top.screenshot({ path: join(ARTIFACTS, 'tips-overview-card.png') });
    } finally {
      await server.stop();
    }
  });

  it('dismisses a tip for the month and the combined saving follows the CLI', async () => {
    const dbPath = join(tempDir(), 'ledger.sqlite');
    const server = await serve(dbPath, ['--demo']);
    try {
      const before = cliJson<TipsReport>(['tips', '--db', dbPath]);
      const first = before.tips[0]!;
      const page = await newPage(browser);
      await page.goto(server.url.replace(/#.*$/, '') + '#/tips');
      const card = page.locator(`[data-tip-id="${first.id}"]`);
      await card.getByRole('button', { name: 'Dismiss' }).click();
      await page.getByText(`1 dismissed for ${monthName(before.period)}`).waitFor();
      const after = cliJson<TipsReport>(['tips', '--db', dbPath]);
      expect(after.tips.find((t) => t.id === first.id)!.dismissed).toBe(true);
      expect(await page.getByTestId('tips-total').innerText()).toBe(shown(after.totalSaving));
      expect(after.totalSaving).not.toEqual(before.totalSaving);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'tips-dismissed');
    } finally {
      await server.stop();
    }
  });
});
