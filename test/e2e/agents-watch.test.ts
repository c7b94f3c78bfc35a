/**
 * "Keep agent logs up to date" end to end: `serve --watch-agents` over a temp home whose Codex folder
 * holds one session; the Overview in Chromium shows its calls, then calls appended to the session file
 * appear on the same page, without a reload, and match the CLI's report.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ReportTotals } from '../../shared/contract/types';
import { CodexSessionFile } from '../helpers/codex-session';
import { tempDir } from '../helpers/tmp';
import { cliJson, launch, newPage, NOW, screenshot, serve, type Served } from './harness';

describe('the agents log watcher in Chromium', () => {
  let browser: Browser;
  let server: Served;
  let dbPath: string;
  let session: CodexSessionFile;
  beforeAll(async () => {
    const home = tempDir('tokenledger-home-');
    dbPath = join(tempDir(), 'ledger.sqlite');
    // This morning (the suite's instant), so the Overview's month to date holds it.
    session = new CodexSessionFile(join(home, '.codex'), NOW - 6 * 3_600_000, '0199fb00-0000-7000-8000-0000000000e2');
    for (let i = 0; i < 3; i++) session.append({ input: 2000 + i, cached: 500, output: 300, reasoning: 100 });
    // Every folder the watcher could look in is inside the temp home: the machine's own logs stay out.
    const env = {
      HOME: home,
      USERPROFILE: home,
      CODEX_HOME: join(home, '.codex'),
      CLAUDE_CONFIG_DIR: join(home, '.claude'),
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      OPENCODE_DATA_DIR: join(home, '.local', 'share', 'opencode'),
    };
    server = await serve(dbPath, ['--watch-agents'], env);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows calls appended to a Codex session on the open Overview, without a reload', async () => {
    const page = await newPage(browser);
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('requests').innerText(), { timeout: 20_000 }).toBe('3');
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    session.append({ input: 9000, cached: 0, output: 800, reasoning: 0 });
    session.append({ input: 4000, cached: 1000, output: 200, reasoning: 50 });
    await expect.poll(() => page.getByTestId('requests').innerText(), { timeout: 20_000 }).toBe('5');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    const r = cliJson<ReportTotals>(['report', '--db', dbPath]);
    expect(r.factCount).toBe(5);
    expect(r.totals.tokens.output).toBe(3 * 300 + 800 + 200);
    // Codex's default gpt-5 is priced at OpenAI's list ($1.25 / $0.125 cached / $10 per million tokens):
    // 16,503 uncached input, 2,500 cached, 1,900 output tokens.
    expect(r.totals.unpriced).toEqual({ tokens: 0, facts: 0, models: [] });
    expect(r.totals.spend).toEqual({ USD: '0.03994125' });
    await screenshot(page, 'agents-watch-overview');
  });

  it('shows the blocks and the session on the Agents screen, nothing clipped at 1440 and 1024 wide', async () => {
    for (const width of [1440, 1024]) {
      const page = await newPage(browser, { width, height: 900 });
      await page.goto(server.url);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
      const blocks = page.getByTestId('blocks-table');
      await blocks.waitFor({ timeout: 20_000 });
      // The five calls (this morning, more than five hours ago): one closed block, no block in progress.
      // 16,503 uncached + 2,500 cached input + 1,900 output tokens, $0.03994125 at gpt-5's list price (to the cent: $0.04).
      expect(await page.getByTestId('active-block').innerText()).toContain('No active five-hour block');
      const cells = async (table: string) => (await page.getByTestId(table).locator('tbody tr').first().locator('th, td').allInnerTexts()).map((t) => t.trim());
      expect((await cells('blocks-table')).slice(2)).toEqual(['5', '20,903', '$0.04', '']);
      expect((await cells('sessions-table')).slice(1)).toEqual(expect.arrayContaining(['5', '20,903', '$0.04']));
      // Nothing clipped: neither the page nor a table scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await page.evaluate(() => [...document.querySelectorAll('.table-scroll')].map((e) => e.scrollWidth <= e.clientWidth))).toEqual([true, true]);
      await screenshot(page, `agents-screen-${width}`);
      await page.close();
    }
  });
});
