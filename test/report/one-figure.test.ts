/**
 * Every sample export in one ledger: a fact lands on the same day wherever the question is asked (the
 * reports in any zone, a budget's period, the raw facts). The samples are all September 2025; Zhipu's
 * daily bill rows (账期 2025-09-01, 09-02) are read in Beijing time, so they begin at 16:00 UTC the day
 * before and must still land on Sept 1 and 2.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { all } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { parseDecimalToNano } from '../../shared/domain/money';
import { runCli } from '../../electron/cli/main';
import { formatMoney } from '../../electron/cli/format';
import { captureIo } from '../helpers/engine';
import { factDay } from '../../shared/domain/time';
import { testEngine, type TestEngine } from '../helpers/engine';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');
const ALL_SAMPLES = [...readdirSync(EXPORTS).map((f) => join(EXPORTS, f))];
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'] as const;

describe('with every sample imported', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = testEngine();
    await t.client.call('imports.commit', { paths: ALL_SAMPLES });
  }, 120_000);

  it('nothing lands in August 2025, in any zone, in any report or budget', async () => {
    for (const timeZone of ZONES) {
      const august = await t.client.call('report.explore', { from: '2025-08-01', to: '2025-08-31', timeZone, groupBy: ['provider'], bucket: 'day' });
      expect(august.rows, timeZone).toEqual([]);
      expect(august.totals.facts, timeZone).toBe(0);
      const budget = await t.client.call('budgets.preview', {
        budget: { name: 'August', scope: {}, period: { kind: 'custom', timeZone, from: '2025-08-01', to: '2025-08-31' }, amount: { unit: 'money', value: '100', currency: 'USD' } },
        at: '2025-08-20T00:00:00Z',
      });
      expect(parseDecimalToNano(budget.spent), timeZone).toBe(0n);
    }
  });

  it("puts Zhipu's daily bill rows on the days their 账期 names, in every zone", async () => {
    for (const timeZone of ZONES) {
      const zhipu = await t.client.call('report.explore', { timeZone, groupBy: ['provider'], bucket: 'day', filters: { provider: ['zhipu'] } });
      expect(zhipu.rows.map((r) => r.bucket), timeZone).toEqual(['2025-09-01', '2025-09-02']);
    }
  });

  it('stores each fact on the day the one rule gives it', () => {
    const facts = all<{ start_ms: number; granularity: string; day: string }>(t.engine.ctx.db, sql`SELECT start_ms, granularity, day FROM usage_facts`);
    expect(facts.length).toBeGreaterThan(300);
    for (const f of facts) expect(f.day).toBe(factDay({ start: f.start_ms, granularity: f.granularity }, 'UTC'));
  });
  it('the September CN budget, the Overview\'s CN line, Explore by region and `report --by region` show the same CNY and USD', async () => {
    for (const currency of ['CNY', 'USD']) {
      const budget = await t.client.call('budgets.preview', {
        budget: { name: 'CN', scope: { regions: ['CN'] }, period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '1000', currency } },
        at: '2025-09-30T23:00:00Z',
      });
      const overview = await t.client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC', currency });
      const explore = await t.client.call('report.explore', { from: '2025-09-01', to: '2025-09-30', timeZone: 'UTC', currency, groupBy: ['origin_region'], bucket: 'none' });
      const io = captureIo();
      const code = await runCli(['report', '--db', t.dbPath, '--by', 'region', '--from', '2025-09-01', '--to', '2025-09-30', '--tz', 'UTC', '--currency', currency, '--json'], io);
      expect(code).toBe(0);
      const cli = JSON.parse(io.stdout.join('')) as typeof explore;
      const cn = (rows: { keys: (string | null)[]; spendDisplay: string | null }[]) => rows.find((r) => r.keys[0] === 'CN')?.spendDisplay;
      const figures = [budget.spent, overview.regions.find((r) => r.key === 'CN')?.spendDisplay, cn(explore.rows), cn(cli.rows)].map((v) => parseDecimalToNano(v ?? 'NaN'));
      expect(new Set(figures).size, `${currency}: ${figures.join(' ')}`).toBe(1);
      expect(figures[0]! > 0n).toBe(true);
    }
  });

  it('`report` without --by prints one total in the display currency with its basis, honouring --currency', async () => {
    for (const currency of ['CNY', 'USD', 'EUR']) {
      const io = captureIo();
      expect(await runCli(['report', '--db', t.dbPath, '--currency', currency], io)).toBe(0);
      const explore = await t.client.call('report.explore', { timeZone: 'UTC', currency, groupBy: [], bucket: 'none' });
      const line = io.stdout.join('\n').split('\n').find((l) => l.startsWith('total:'));
      // The same figure, to the cent for people (the exact decimal is in --json).
      expect(line).toBe(`total:     ${formatMoney(explore.totals.spendDisplay!)} ${currency} (${explore.display.basis.note})`);
      expect(explore.display.basis.note).toMatch(/^converted at each day's rate; September 2025 average /);
    }
  });
});
