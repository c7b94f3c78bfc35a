/**
 * One forecast: the Overview's month-end forecast (read from the rollups) is the forecast of a budget of
 * everything for that month, zone and currency (read from the facts, the budgets' reference path), to the
 * nano, for every sample export in one ledger (September 2025, USD and CNY bills), on several days, in UTC,
 * in whole-hour zones (one with a DST change in the lookback weeks) and in a half-hour zone, and in three
 * display currencies.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, parseDay, startOfLocalDay } from '../../shared/domain/time';
import { testEngine, type TestEngine } from '../helpers/engine';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');
const ALL_SAMPLES = readdirSync(EXPORTS).map((f) => join(EXPORTS, f));
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Asia/Kolkata'] as const;
const DAYS = ['2025-09-06', '2025-09-17', '2025-09-29'] as const;

/** The number of forecasts compared; each Overview forecast equals the budget's, or both have none. */
async function compare(t: TestEngine, currencies: readonly string[]): Promise<number> {
  let forecasts = 0;
  for (const timeZone of ZONES)
    for (const currency of currencies)
      for (const today of DAYS) {
        const at = new Date(startOfLocalDay(addLocalDays(parseDay(today), 1), timeZone) - 1).toISOString();
        const budget = await t.client.call('budgets.preview', {
          budget: { name: 'All', scope: {}, period: { kind: 'month', timeZone }, amount: { unit: 'money', value: '1', currency } },
          at,
        });
        const rest = await t.client.call('report.overviewRest', { today, timeZone, currency });
        const label = `${timeZone} ${currency} ${today}`;
        const f = budget.forecast;
        if (f.status !== 'ok') {
          expect(rest.forecast, label).toBeNull();
          continue;
        }
        forecasts++;
        expect(rest.forecast, label).toEqual({ point: f.expected, low: f.low, high: f.high, single: f.low === f.high });
      }
  return forecasts;
}

describe('the Overview forecast and a budget of everything', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = testEngine();
    await t.client.call('imports.commit', { paths: ALL_SAMPLES });
  }, 120_000);

  it('forecast the same month-end spend, low and high, with spend in USD and CNY', async () => {
    // Most of them forecast (the first days of the month have too few days of usage behind them in some zones).
    expect(await compare(t, ['USD', 'CNY', 'EUR'])).toBeGreaterThanOrEqual(24);
  });

  it('forecast the same with every spend in the display currency (no conversion cells: the hourly rollups alone)', async () => {
    const usd = testEngine();
    await usd.client.call('imports.commit', { paths: [join(EXPORTS, 'openrouter-activity.csv'), join(EXPORTS, 'openai-usage-completions.json')] });
    expect(await compare(usd, ['USD'])).toBeGreaterThanOrEqual(6);
  });

  it('gives a forecast above what is already spent in UTC on Sept 17', async () => {
    const o = await t.client.call('report.overview', { today: '2025-09-17', timeZone: 'UTC', currency: 'USD' });
    expect(o.forecast).not.toBeNull();
    expect(Number(o.forecast!.point)).toBeGreaterThan(Number(o.totals.spendDisplay));
  });
});
