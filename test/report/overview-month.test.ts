/**
 * The Overview's month picker and what it compares, with every sample export imported (all September
 * 2025): the months offered are those with data and the current one by the engine's clock; a month with
 * no comparable data before it is not compared and says why; credits are their own line, never a region.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDecimalToNano } from '../../shared/domain/money';
import { testEngine, type TestEngine } from '../helpers/engine';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');
const ALL_SAMPLES = readdirSync(EXPORTS).map((f) => join(EXPORTS, f));
const NOV_15 = Date.parse('2025-11-15T12:00:00Z');
const nano = (v: string | null | undefined) => parseDecimalToNano(v ?? 'NaN');

describe('the Overview of a chosen month', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = testEngine({ now: () => NOV_15 });
    await t.client.call('imports.commit', { paths: ALL_SAMPLES });
  }, 120_000);

  it('offers every month with data and the current one by the engine clock, and shows a past month whole', async () => {
    const o = await t.client.call('report.overview', { month: '2025-09', timeZone: 'UTC', currency: 'USD' });
    expect(o.today).toBe('2025-11-15');
    expect(o.months[0]).toBe('2025-11');
    expect(o.months).toContain('2025-09');
    expect(o.months).not.toContain('2025-10');
    expect(o.period).toMatchObject({ from: '2025-09-01', to: '2025-09-30', month: '2025-09', isCurrentMonth: false });
    const current = await t.client.call('report.overview', { month: '2025-11', timeZone: 'UTC', currency: 'USD' });
    expect(current.period).toMatchObject({ from: '2025-11-01', to: '2025-11-15', isCurrentMonth: true });
    await expect(t.client.call('report.overview', { month: '2025-12', timeZone: 'UTC' })).rejects.toThrow('month 2025-12 is after the current month (2025-11)');
  });

  it('does not compare September with an August without data, and says why', async () => {
    const o = await t.client.call('report.overview', { month: '2025-09', timeZone: 'UTC', currency: 'USD' });
    expect(o.comparison).toEqual({ comparable: false, reason: 'Not compared: August 2025 has no data.' });
    for (const r of [...o.regions, ...o.topModels, ...o.topProjects]) expect(r.previousSpendDisplay, String(r.key)).toBeNull();
    const oct = await t.client.call('report.overview', { month: '2025-10', timeZone: 'UTC', currency: 'USD' });
    expect(oct.comparison.comparable).toBe(false);
    expect(oct.comparison.reason).toMatch(/^Not compared: October 2025 has no data from .*anthropic.*, which September 2025 has\.$/);
  });

  it('puts credits that name no region on their own line: regions and the credits line add up to the total', async () => {
    for (const currency of ['USD', 'CNY']) {
      const o = await t.client.call('report.overview', { month: '2025-09', timeZone: 'UTC', currency });
      const credits = await t.client.call('report.explore', { from: '2025-09-01', to: '2025-09-30', timeZone: 'UTC', currency, groupBy: [], bucket: 'none', filters: { line_type: ['credit'], origin_region: [null] } });
      expect(credits.totals.facts).toBeGreaterThan(0);
      expect(o.credits?.spendDisplay).toBe(credits.totals.spendDisplay);
      expect(nano(o.credits?.spendDisplay) < 0n).toBe(true);
      expect(o.regions.every((r) => nano(r.spendDisplay) >= 0n)).toBe(true);
      const regions = o.regions.reduce((s, r) => s + nano(r.spendDisplay), 0n);
      expect(regions + nano(o.credits?.spendDisplay), currency).toBe(nano(o.totals.spendDisplay));
    }
  });
});
