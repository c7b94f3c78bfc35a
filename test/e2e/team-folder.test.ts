/**
 * The shared team folder end to end: two `serve` instances, each on its own ledger with its own import
 * and member, pointed at one temp folder. Each writes its bundle there and merges the other's; each
 * page shows the other's usage, and Settings lists the other machine with its last sync.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ReportTotals } from '../../shared/contract/types';
import { tempDir } from '../helpers/tmp';
import { cliJson, launch, newPage, screenshot, serve, ROOT, type Served } from './harness';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'exports', name);

describe('two machines through one shared folder, in Chromium', () => {
  let browser: Browser;
  const servers: Served[] = [];
  const dbs = { ada: '', bo: '' };
  const alone = { ada: 0, bo: 0 };
  beforeAll(async () => {
    const folder = tempDir('tokenledger-team-');
    const files = { ada: fixture('anthropic-usage-report.json'), bo: fixture('openai-usage-completions.json') };
    for (const m of ['ada', 'bo'] as const) {
      dbs[m] = join(tempDir(), `${m}.sqlite`);
      cliJson(['import', files[m], '--db', dbs[m]]);
      cliJson(['team', 'member', m, '--db', dbs[m]]);
      alone[m] = cliJson<ReportTotals>(['report', '--db', dbs[m]]).totals.requests;
    }
    for (const m of ['ada', 'bo'] as const) servers.push(await serve(dbs[m], ['--team-folder', folder], { TOKENLEDGER_TEAM_SYNC_MS: '300' }));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.stop();
  });

  it("each page shows the other machine's usage and its last sync", async () => {
    const [a, b] = servers as [Served, Served];
    const pa = await newPage(browser);
    const pb = await newPage(browser);
    await pa.goto(`${a.url}#/settings`);
    await pb.goto(`${b.url}#/settings`);
    const row = (page: typeof pa, member: string) => page.getByRole('table', { name: 'Team machines' }).getByRole('row').filter({ hasText: member });
    await expect.poll(() => row(pa, 'bo').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => row(pb, 'ada').count(), { timeout: 20_000 }).toBe(1);
    expect(await row(pa, 'bo').innerText()).toMatch(/#1\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(await row(pa, 'ada').innerText()).toContain('(this one)');

    const both = alone.ada + alone.bo;
    await expect.poll(() => cliJson<ReportTotals>(['report', '--db', dbs.ada]).totals.requests, { timeout: 20_000 }).toBe(both);
    await expect.poll(() => cliJson<ReportTotals>(['report', '--db', dbs.bo]).totals.requests, { timeout: 20_000 }).toBe(both);
    await pa.goto(`${a.url}#/overview`);
    await pb.goto(`${b.url}#/overview`);
    const shown = async (page: typeof pa) => (await page.getByTestId('requests').innerText()).replace(/,/g, '');
    await expect.poll(() => shown(pa), { timeout: 20_000 }).not.toBe('');
    expect(await shown(pa)).toBe(await shown(pb));
    await screenshot(pa, 'team-folder-overview');
  });
});
