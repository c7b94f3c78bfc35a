import { describe, expect, it } from 'vitest';
import { forecastPeriodEnd, weekdayFactors, type DayAmount } from './forecast';

function days(from: string, n: number, amount: (wd: number, i: number) => number): DayAmount[] {
  const out: DayAmount[] = [];
  const t0 = Date.parse(`${from}T00:00:00Z`);
  for (let i = 0; i < n; i++) {
    const d = new Date(t0 + i * 86_400_000);
    out.push({ day: d.toISOString().slice(0, 10), weekday: d.getUTCDay(), amount: amount(d.getUTCDay(), i) });
  }
  return out;
}

describe('the period-end forecast', () => {
  it('says there is not enough data with two days of usage and no history', () => {
    const f = forecastPeriodEnd({ elapsed: days('2025-03-01', 2, () => 10), today: null, todayElapsedShare: 0, remaining: days('2025-03-03', 29, () => 0), lookback: [], budget: 100 });
    expect(f).toEqual({ status: 'insufficient', reason: 'Not enough data for a forecast: 2 complete days of usage in scope (needs 3).' });
  });

  it('projects a flat run rate exactly: 10 days at 10 in a 30-day month end at 300, over 250 on day 26', () => {
    const f = forecastPeriodEnd({
      elapsed: days('2025-04-01', 10, () => 10),
      today: null,
      todayElapsedShare: 0,
      remaining: days('2025-04-11', 20, () => 0),
      lookback: [],
      budget: 250,
    });
    expect(f.status).toBe('ok');
    if (f.status !== 'ok') return;
    expect(f.expected).toBeCloseTo(300, 9);
    expect([f.low, f.high].map((x) => Math.round(x))).toEqual([300, 300]);
    expect(f.overrunDay).toBe('2025-04-26');
    expect(f.weekdayPattern).toBe(false);
  });

  it('learns that weekends are quiet and projects the rest of the month with that shape', () => {
    const shape = (wd: number) => (wd === 0 || wd === 6 ? 2 : 12);
    const factors = weekdayFactors(days('2025-02-01', 28, shape))!;
    expect(factors[0]).toBeCloseTo(2 / ((2 * 2 + 5 * 12) / 7), 9);
    const f = forecastPeriodEnd({
      elapsed: days('2025-03-01', 10, shape),
      today: null,
      todayElapsedShare: 0,
      remaining: days('2025-03-11', 21, () => 0),
      lookback: days('2025-02-01', 28, shape),
      budget: null,
    });
    if (f.status !== 'ok') throw new Error(f.status);
    const truth = days('2025-03-01', 31, shape).reduce((s, d) => s + d.amount, 0);
    expect(f.expected).toBeCloseTo(truth, 6);
    expect(f.weekdayPattern).toBe(true);
  });

  it('applies a known price cut to the days after it takes effect', () => {
    const f = forecastPeriodEnd({
      elapsed: days('2025-04-01', 10, () => 10),
      today: null,
      todayElapsedShare: 0,
      remaining: days('2025-04-11', 20, () => 0),
      lookback: [],
      budget: null,
      priceChanges: [{ fromDay: '2025-04-21', factor: 0.5, note: 'gpt-x price halves on 2025-04-21' }],
    });
    if (f.status !== 'ok') throw new Error(f.status);
    // 100 spent + 10 days at 10 + 10 days at 5.
    expect(f.expected).toBeCloseTo(250, 9);
    expect(f.notes).toContain('gpt-x price halves on 2025-04-21');
  });
});
