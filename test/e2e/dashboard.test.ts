/**
 * The dashboard in Chromium: Overview, Explore (two-level grouping, a filter, a drill-down, a CSV
 * export) and Settings (currency and time zone change the figures), each compared with the CLI's
 * `report --json` on the same database, screenshotted and checked with axe-core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { ReportExplore, ReportOverview } from '../../shared/contract/api/report';
import { tempDir } from '../helpers/tmp';
import { axeViolations, cliJson, launch, newPage, screenshot, serve, type Served } from './harness';

/** As the window formats money: to the cent, or 3 significant digits below a cent. */
const money = (amount: string, currency: string) => {
  const abs = Math.abs(Number(amount));
  const digits = abs === 0 || abs >= 0.01 ? 2 : 2 - Math.floor(Math.log10(abs));
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amount as unknown as number,
  );
};
const int = (n: number) => n.toLocaleString('en-US');

/**
 * The daily chart as drawn, checked against the engine's days: one legend entry per series (the daily
 * amounts' keys, sorted), each in a colour of its own; one layer of bars per series in that order, each bar in its
 * series' legend colour, one per day with an amount, as tall as the amount at one scale for the whole chart, and
 * stacked in the series' order from a common baseline. A chart drawn in another order, colour or scale fails.
 */
async function expectDailyBars(chart: Locator, days: Record<string, string>[]): Promise<void> {
  const series = [...new Set(days.flatMap((d) => Object.keys(d)))].sort();
  const drawn = await chart.evaluate((fig) => ({
    legend: [...fig.querySelectorAll('.recharts-legend-item')].map((li) => ({ name: li.textContent, colour: li.querySelector('.recharts-legend-icon')!.getAttribute('fill') })),
    layers: [...fig.querySelectorAll('.recharts-bar')].map((g) =>
      [...g.querySelectorAll('.recharts-bar-rectangle path')].map((p) => ({ fill: p.getAttribute('fill'), x: Number(p.getAttribute('x')), y: Number(p.getAttribute('y')), height: Number(p.getAttribute('height')) })),
    ),
  }));
  expect(drawn.legend.map((l) => l.name)).toEqual(series);
  expect(new Set(drawn.legend.map((l) => l.colour)).size).toBe(series.length);
  expect(drawn.layers).toHaveLength(series.length);
  // Each series' days with an amount: [day's index, amount].
  const amountsOf = (name: string) => days.flatMap((d, k) => (Number(d[name] ?? 0) !== 0 ? [[k, Number(d[name])] as const] : []));
  // The scale (pixels a unit of money) and the baseline, from the first bar drawn (the bottom one of its day).
  const s0 = drawn.layers.findIndex((l) => l.length > 0);
  const first = drawn.layers[s0]![0]!;
  const scale = first.height / amountsOf(series[s0]!)[0]![1];
  const baseline = first.y + first.height;
  // Per day: its column's x and the top of its stack so far, from the baseline up.
  const columns = new Map<number, { x: number; top: number }>();
  series.forEach((name, i) => {
    const amounts = amountsOf(name);
    const bars = drawn.layers[i]!;
    expect(bars.map((b) => b.fill)).toEqual(amounts.map(() => drawn.legend[i]!.colour));
    expect(bars.map((b) => b.height / scale)).toEqual(amounts.map(([, v]) => expect.closeTo(v, 2)));
    bars.forEach((b, j) => {
      const day = amounts[j]![0];
      const column = columns.get(day) ?? { x: b.x, top: baseline };
      expect(b.x).toBe(column.x);
      expect(b.y + b.height).toBeCloseTo(column.top, 2);
      columns.set(day, { x: b.x, top: b.y });
    });
  });
  // The days' columns left to right in the days' order.
  const byDay = [...columns].sort(([a], [b]) => a - b).map(([, c]) => c.x);
  expect(byDay).toEqual([...byDay].sort((a, b) => a - b));
}

async function period(page: Page): Promise<string[]> {
  const p = page.getByTestId('period');
  return ['--from', (await p.getAttribute('data-from'))!, '--to', (await p.getAttribute('data-to'))!];
}

describe('the dashboard in Chromium', () => {
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

  it('shows the Overview with the spend and regions the CLI reports for its month', async () => {
    const page = await newPage(browser);
    const asked: string[] = [];
    const sent: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/report.')) asked.push(path.slice('/api/'.length));
      sent.push(path);
    });
    await page.goto(server.url);
    await page.getByTestId('spend-display').waitFor();
    // One request for the Overview's figures, the forecast among them (sent before the app's code has started).
    const whole = cliJson<ReportOverview>(['call', 'report.overview', '{}', '--db', dbPath]);
    expect(whole.forecast).not.toBeNull();
    expect(await page.getByTestId('forecast').innerText()).toBe(money(whole.forecast!.point, whole.display.currency));
    expect(asked).toEqual(['report.overview']);
    const range = await period(page);
    const r = cliJson<ReportExplore>(['report', '--db', dbPath, ...range, '--by', 'origin_region']);
    expect(r.totals.facts).toBeGreaterThan(50);
    expect(await page.getByTestId('spend-display').innerText()).toBe(money(r.totals.spendDisplay!, r.display.currency));
    expect(await page.getByTestId('requests').innerText()).toBe(int(r.totals.requests));
    for (const g of r.rows.filter((x) => x.keys[0] !== null)) {
      expect(await page.locator(`[data-testid="regions"] tr[data-key="${g.keys[0]}"] td`).first().innerText()).toBe(money(g.spendDisplay!, r.display.currency));
    }
    // The daily chart is drawn after the figures (its box waits, busy, meanwhile), then complete: one bar per
    // day and vendor with spend in the CLI's month, each inside the chart's box and as tall as it is.
    const chart = page.getByRole('img', { name: /^Daily spend/ });
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    const amounts = whole.daily.flatMap((d) => Object.values(d.byVendor)).filter((v) => Number(v) !== 0);
    expect(amounts.length).toBeGreaterThan(20);
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBe(amounts.length);
    const box = (await chart.boundingBox())!;
    const bars = await chart.locator('.recharts-bar-rectangle path').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(bars.filter((b) => b.height > 0 && b.left >= box.x && b.right <= box.x + box.width && b.top >= box.y && b.bottom <= box.y + box.height)).toHaveLength(amounts.length);
    // The tallest day's stack reaches the axis's top tick or just below it: the bars are to scale, not flattened.
    const top = Math.min(...bars.map((b) => b.top));
    expect(top).toBeLessThan(box.y + box.height / 3);
    expect(await chart.getAttribute('aria-busy')).toBeNull();
    // The chart's code (recharts) was asked for before the top tips' data: `serve` answers one request at a time,
    // and on a large ledger the tips would hold it back for seconds.
    const chartCode = sent.findIndex((p) => /\/CartesianChart-[\w-]+\.js$/.test(p));
    expect(chartCode).toBeGreaterThan(-1);
    expect(chartCode).toBeLessThan(sent.indexOf('/api/tips.list'));
    await expectDailyBars(chart, whole.daily.map((d) => d.byVendor));
    // Hovering a bar shows its day and that day's amount of each vendor, as the window formats money.
    const vendors = [...new Set(whole.daily.flatMap((d) => Object.keys(d.byVendor)))].sort();
    const lowest = vendors.find((v) => whole.daily.some((d) => Number(d.byVendor[v] ?? 0) !== 0))!;
    const day = whole.daily.find((d) => Number(d.byVendor[lowest] ?? 0) !== 0)!;
    await chart.locator('.recharts-bar-rectangle path').first().hover();
    const tip = chart.locator('.recharts-tooltip-wrapper');
    const lines = async () => (await tip.innerText()).split('\n').filter((l) => l.trim() !== '');
    await expect.poll(lines).toEqual([day.day.slice(5), ...vendors.filter((v) => v in day.byVendor).map((v) => `${v} : ${money(day.byVendor[v]!, whole.display.currency)}`)]);
    // Stacked by region, it draws the month's (day, region) amounts instead.
    await page.getByRole('group', { name: 'Stack daily spend by' }).getByRole('button', { name: 'Region' }).click();
    const byRegion = whole.daily.flatMap((d) => Object.values(d.byRegion)).filter((v) => Number(v) !== 0);
    expect(byRegion.length).not.toBe(amounts.length);
    const regionChart = page.getByRole('img', { name: /by region$/ });
    await expect.poll(() => regionChart.locator('.recharts-bar-rectangle').count()).toBe(byRegion.length);
    await expectDailyBars(regionChart, whole.daily.map((d) => d.byRegion));
    await page.getByRole('group', { name: 'Stack daily spend by' }).getByRole('button', { name: 'Vendor' }).click();
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBe(amounts.length);
    await expectDailyBars(chart, whole.daily.map((d) => d.byVendor));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-overview');
  });

  it('groups Explore by vendor then region, filters it, drills into a row and exports the CSV the CLI agrees with', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}#/explore?preset=custom&by=model`);
    await page.getByTestId('explore-table').waitFor();
    await page.getByLabel('Group by').selectOption('vendor');
    await page.getByLabel('Then by').selectOption('origin_region');
    await page.waitForFunction(() => window.location.hash.includes('by=vendor%2Corigin_region') || window.location.hash.includes('by=vendor,origin_region'));
    const all = cliJson<ReportExplore>(['report', '--db', dbPath, '--by', 'vendor,region']);
    await expect.poll(() => page.locator('[data-testid="explore-table"] tbody tr').count()).toBe(all.rows.length);
    expect(await page.locator('[data-testid="explore-totals"] [data-col="spend"]').innerText()).toBe(money(all.totals.spendDisplay!, all.display.currency));

    // A filter: provider = openrouter.
    await page.getByLabel('Filter on').selectOption('provider');
    const values = page.getByLabel('Provider is');
    await expect.poll(() => values.isEnabled()).toBe(true);
    await values.selectOption('openrouter');
    await page.getByTestId('filter-chip').waitFor();
    const r = cliJson<ReportExplore>(['report', '--db', dbPath, '--by', 'vendor,region', '--filter', 'provider=openrouter']);
    expect(r.rows.length).toBeGreaterThan(1);
    const totals = page.locator('[data-testid="explore-totals"]');
    await expect.poll(() => totals.locator('[data-col="spend"]').innerText()).toBe(money(r.totals.spendDisplay!, r.display.currency));
    expect(await totals.locator('[data-col="requests"]').innerText()).toBe(int(r.totals.requests));
    const rows = page.locator('[data-testid="explore-table"] tbody tr');
    expect(await rows.count()).toBe(r.rows.length);
    const firstKeys = JSON.parse((await rows.first().getAttribute('data-keys'))!) as (string | null)[];
    const first = r.rows.find((g) => JSON.stringify(g.keys) === JSON.stringify(firstKeys))!;
    expect(await rows.first().locator('[data-col="spend"]').innerText()).toBe(money(first.spendDisplay!, r.display.currency));

    // Drill down: the facts behind the first row.
    await rows.first().getByRole('button').click();
    await expect.poll(() => page.getByTestId('fact-count').innerText()).toBe(int(first.facts));
    expect(await page.locator('.vlist .vrow[aria-rowindex="2"]').innerText()).not.toContain('Loading');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-explore');

    // Export CSV: one line per group and the total, the CLI's figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    const head = csv[0]!.split(',');
    expect(head.slice(0, 3)).toEqual(['vendor', 'origin_region', `spend_${r.display.currency}`]);
    expect(csv.length).toBe(r.rows.length + 2);
    const cell = (line: string, col: string) => line.split(',')[head.indexOf(col)];
    expect(cell(csv.at(-1)!, `spend_${r.display.currency}`)).toBe(r.totals.spendDisplay);
    expect(cell(csv.at(-1)!, 'requests')).toBe(String(r.totals.requests));
    for (const g of r.rows) {
      const line = csv.find((l) => l.startsWith(`${g.keys[0] ?? ''},${g.keys[1] ?? ''},`))!;
      expect(cell(line, `spend_${r.display.currency}`)).toBe(g.spendDisplay);
      expect(cell(line, 'facts')).toBe(String(g.facts));
    }
  });

  it('changes the display currency and the time zone in Settings, and the Overview follows the CLI', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}#/settings`);
    await page.getByLabel('Display currency').selectOption('EUR');
    await page.getByLabel('Time zone').selectOption('Asia/Shanghai');
    await expect.poll(() => page.getByLabel('Time zone').inputValue()).toBe('Asia/Shanghai');
    await page.getByTestId('db-path').waitFor();
    expect(await page.getByTestId('db-path').innerText()).toBe(dbPath);
    // Back up is a download, restore an upload: the browser names no file on the serving machine.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tokenledger-backup-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.sqlite$/);
    const backup = join(tempDir(), download.suggestedFilename());
    await download.saveAs(backup);
    const totals = (db: string) => cliJson<ReportExplore>(['report', '--db', db, '--from', '2000-01-01', '--to', '2099-12-31']).totals;
    expect(totals(backup)).toEqual(totals(dbPath));
    await expect.poll(() => page.getByTestId('db-message').innerText()).toContain(`Backed up to ${download.suggestedFilename()}`);
    await page.getByLabel('Restore from the backup file').setInputFiles(backup);
    await page.getByRole('button', { name: 'Restore…' }).click();
    await page.getByRole('button', { name: 'Replace the ledger' }).click();
    await expect.poll(() => page.getByTestId('db-message').innerText(), { timeout: 20_000 }).toContain(`from ${download.suggestedFilename()}. The previous ledger was kept as`);
    expect(totals(dbPath)).toEqual(totals(backup));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-settings');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    // The Overview recomputes the demo's months on Shanghai's days: wait for it, not for a fixed second.
    await expect.poll(() => page.getByTestId('period').innerText(), { timeout: 20_000 }).toContain('Asia/Shanghai');
    const range = await period(page);
    const local = cliJson<ReportExplore>(['report', '--db', dbPath, ...range, '--by', 'origin_region', '--tz', 'Asia/Shanghai', '--currency', 'EUR']);
    const utcUsd = cliJson<ReportExplore>(['report', '--db', dbPath, ...range, '--by', 'origin_region', '--tz', 'UTC', '--currency', 'USD']);
    expect(local.display.currency).toBe('EUR');
    expect(local.totals.spendDisplay).not.toBe(utcUsd.totals.spendDisplay);
    await expect.poll(() => page.getByTestId('spend-display').innerText(), { timeout: 20_000 }).toBe(money(local.totals.spendDisplay!, 'EUR'));
    expect(await page.getByTestId('requests').innerText()).toBe(int(local.totals.requests));
    expect(await page.getByTestId('fx-note').innerText()).toContain('EUR');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-overview-eur-shanghai');
  });
});
