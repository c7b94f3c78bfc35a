/**
 * The Overview's "vs last month" figures are last month's own: on a past month, the previous month's total and
 * each region's previous spend equal what the Overview shows for that month itself, in the display currency
 * (USD) and in another one (CNY), with spend in several currencies converted at each day's rate (the comparison
 * period is read summed, only its conversion cells by day).
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';

describe("the Overview's comparison with the month before", () => {
  it("shows last month's own total and regions as the previous figures", async () => {
    const { client } = testEngine();
    await client.call('demo.load', {});
    const latest = await client.call('report.overview', { quick: true });
    const months = latest.months.filter((m) => m < latest.today.slice(0, 7));
    expect(months.length).toBeGreaterThanOrEqual(2);
    for (const currency of ['USD', 'CNY']) {
      let compared = 0;
      for (const month of months) {
        const o = await client.call('report.overview', { month, currency });
        const before = await client.call('report.overview', { month: o.previous.month, currency });
        if (!o.comparison.comparable || o.previous.from !== before.period.from || o.previous.to !== before.period.to) continue;
        compared++;
        expect(before.totals.spend).not.toEqual({});
        expect(o.previousTotals.spendDisplay, `${month} ${currency}`).toBe(before.totals.spendDisplay);
        expect(o.previousTotals.spend).toEqual(before.totals.spend);
        // A region without spend reads '0' or '0.000000': the same amount.
        const amount = (s: string | null | undefined) => (s === null || s === undefined ? s : Number(s));
        for (const r of o.regions) expect(amount(r.previousSpendDisplay), `${month} ${currency} ${r.key}`).toBe(amount(before.regions.find((b) => b.key === r.key)?.spendDisplay ?? '0'));
      }
      expect(compared).toBeGreaterThanOrEqual(1);
    }
  });
});
