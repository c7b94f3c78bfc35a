/**
 * report.overview and report.explore in a time zone other than UTC: request-grain facts near
 * midnight fall on the LOCAL day of their start, day-grain export rows keep the day the export names.
 * Six crafted facts, every expected figure worked out by hand below.
 *
 *   fact  start (UTC)        grain    input  billed  UTC day  UTC+8 day (Shanghai)  UTC-8 day (Etc/GMT+8)
 *   A     2025-03-31 15:30   request    100    1.00  03-31    03-31 23:30           03-31 07:30
 *   B     2025-03-31 16:30   request    200    2.00  03-31    04-01 00:30           03-31 08:30
 *   C     2025-04-01 07:30   request    400    4.00  04-01    04-01 15:30           03-31 23:30
 *   D     2025-04-01 08:30   request    800    8.00  04-01    04-01 16:30           04-01 00:30
 *   E     2025-04-01         day       1600   16.00  04-01    04-01 (export's day)  04-01 (export's day)
 *   F     2025-04-30 23:30   request   3200   32.00  04-30    05-01 07:30           04-30 15:30   (deepseek, CN)
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { rebuildDerived } from '../../electron/engine/ledger/derived';
import { testEngine } from '../helpers/engine';

const FACTS = [
  { id: 'A', at: '2025-03-31T15:30:00Z', grain: 'request', input: 100, usd: 1 },
  { id: 'B', at: '2025-03-31T16:30:00Z', grain: 'request', input: 200, usd: 2 },
  { id: 'C', at: '2025-04-01T07:30:00Z', grain: 'request', input: 400, usd: 4 },
  { id: 'D', at: '2025-04-01T08:30:00Z', grain: 'request', input: 800, usd: 8 },
  { id: 'E', at: '2025-04-01T00:00:00Z', grain: 'day', input: 1600, usd: 16 },
  { id: 'F', at: '2025-04-30T23:30:00Z', grain: 'request', input: 3200, usd: 32 },
] as const;

function ledger() {
  const t = testEngine();
  const db = t.engine.ctx.db;
  run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'crafted.csv', 'x', 'crafted')`);
  for (const f of FACTS) {
    const start = Date.parse(f.at);
    const cn = f.id === 'F';
    run(
      db,
      sql`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, project, model_raw, model, model_family,
            vendor, origin_region, input, requests, billed_nano, billed_currency, price_status)
          VALUES (1, 'crafted', ${f.id}, ${start}, ${start + (f.grain === 'day' ? 86_400_000 : 1000)}, ${f.at.slice(0, 10)}, ${f.grain},
            ${cn ? 'deepseek' : 'openai'}, 'web', ${cn ? 'deepseek-chat' : 'gpt-4o'}, ${cn ? 'deepseek-chat' : 'gpt-4o'}, ${cn ? 'deepseek-v3' : 'gpt-4o'},
            ${cn ? 'deepseek' : 'openai'}, ${cn ? 'CN' : 'US'}, ${f.input}, 1, ${BigInt(f.usd) * 1_000_000_000n}, 'USD', 'priced')`,
    );
  }
  db.transaction(() => rebuildDerived(db))();
  return t;
}

const APRIL = { from: '2025-04-01', to: '2025-04-30' };

describe('report.explore in a time zone', () => {
  it('places request rows on UTC days in UTC: April is C + D + E + F', async () => {
    const { client } = ledger();
    const r = await client.call('report.explore', { ...APRIL, timeZone: 'UTC', currency: 'USD', groupBy: [], bucket: 'day' });
    expect(r.dayBasis).toBe('utc');
    expect(r.totals.spendDisplay).toBe('60.000000');
    expect(r.totals.tokens.input).toBe(6000);
    expect(r.rows.map((g) => [g.bucket, g.spendDisplay, g.tokens.input])).toEqual([
      ['2025-04-01', '28.000000', 2800],
      ['2025-04-30', '32.000000', 3200],
    ]);
  });

  it('at UTC+8 moves B into April 1 and F out to May 1, and keeps the day row E on April 1', async () => {
    const { client } = ledger();
    const r = await client.call('report.explore', { ...APRIL, timeZone: 'Asia/Shanghai', currency: 'USD', groupBy: ['vendor'], bucket: 'day' });
    expect(r.dayBasis).toBe('local');
    expect(r.totals.spendDisplay).toBe('30.000000');
    expect(r.totals.requests).toBe(4);
    expect(r.rows.map((g) => [g.bucket, g.keys, g.spendDisplay, g.tokens.input])).toEqual([['2025-04-01', ['openai'], '30.000000', 3000]]);
  });

  it('at UTC-8 moves C back to March 31 and keeps F on April 30', async () => {
    const { client } = ledger();
    const r = await client.call('report.explore', { ...APRIL, timeZone: 'Etc/GMT+8', currency: 'USD', groupBy: ['origin_region'], bucket: 'day' });
    expect(r.totals.spendDisplay).toBe('56.000000');
    expect(r.rows.map((g) => [g.bucket, g.keys, g.spendDisplay, g.tokens.input])).toEqual([
      ['2025-04-01', ['US'], '24.000000', 2400],
      ['2025-04-30', ['CN'], '32.000000', 3200],
    ]);
  });

  it('gives the facts behind a local day: March 31 at UTC-8 is A, B and C', async () => {
    const { client } = ledger();
    const r = await client.call('report.facts', { from: '2025-03-31', to: '2025-03-31', timeZone: 'Etc/GMT+8' });
    expect(r.total).toBe(3);
    expect(r.rows.map((f) => f.tokens.input)).toEqual([100, 200, 400]);
  });
});

describe('report.overview in a time zone', () => {
  it('at UTC+8 on April 30 counts April as B + C + D + E and March to the 30th as A', async () => {
    const { client } = ledger();
    const o = await client.call('report.overview', { today: '2025-04-30', timeZone: 'Asia/Shanghai', currency: 'USD' });
    expect(o.period).toMatchObject({ from: '2025-04-01', to: '2025-04-30', isCurrentMonth: true, daysElapsed: 30, daysInMonth: 30 });
    expect(o.previous).toMatchObject({ from: '2025-03-01', to: '2025-03-30' });
    expect(o.totals.spendDisplay).toBe('30.000000');
    expect(o.totals.tokens.input).toBe(3000);
    // A is at 23:30 on March 31 local time: after the 30th, so outside "last month to the same day".
    expect(o.previousTotals.spendDisplay).toBe('0.000000');
    expect(o.regions.map((x) => [x.key, x.spendDisplay])).toEqual([
      ['US', '30.000000'],
      ['CN', '0.000000'],
      ['EU', '0.000000'],
      ['other', '0.000000'],
    ]);
    expect(o.daily.find((d) => d.day === '2025-04-01')!.byVendor).toEqual({ openai: '30.000000' });
    expect(o.forecast?.point).toBe('30.000000');
  });

  it('at UTC-8 on April 30 counts April as D + E + F, and A, B and C on March 31, after the comparison\'s 30th', async () => {
    const { client } = ledger();
    const o = await client.call('report.overview', { today: '2025-04-30', timeZone: 'Etc/GMT+8', currency: 'USD' });
    expect(o.totals.spendDisplay).toBe('56.000000');
    expect(o.previousTotals.spendDisplay).toBe('0.000000');
    expect(o.regions.slice(0, 2).map((x) => [x.key, x.spendDisplay])).toEqual([
      ['US', '24.000000'],
      ['CN', '32.000000'],
    ]);
    expect(o.topModels.map((m) => [m.key, m.spendDisplay])).toEqual([
      ['deepseek-chat', '32.000000'],
      ['gpt-4o', '24.000000'],
    ]);
    expect(o.daily.find((d) => d.day === '2025-04-30')!.byRegion).toEqual({ CN: '32.000000' });
  });

  it('in UTC on April 30 counts April as C + D + E + F and March to the 30th as nothing', async () => {
    const { client } = ledger();
    const o = await client.call('report.overview', { today: '2025-04-30', timeZone: 'UTC', currency: 'USD' });
    expect(o.dayBasis).toBe('utc');
    expect(o.totals.spendDisplay).toBe('60.000000');
    expect(o.previousTotals.spendDisplay).toBe('0.000000');
  });

  it('on May 1 shows May to date at UTC+8 (F) against April 1 (B + C + D + E), and at UTC-8, with nothing in May yet, all of April against all of March', async () => {
    const { client } = ledger();
    const east = await client.call('report.overview', { today: '2025-05-01', timeZone: 'Asia/Shanghai', currency: 'USD' });
    expect(east.period).toMatchObject({ from: '2025-05-01', to: '2025-05-01', isCurrentMonth: true });
    expect(east.totals.spendDisplay).toBe('32.000000');
    expect(east.previousTotals.spendDisplay).toBe('30.000000');
    const west = await client.call('report.overview', { today: '2025-05-01', timeZone: 'Etc/GMT+8', currency: 'USD' });
    expect(west.period).toMatchObject({ from: '2025-04-01', to: '2025-04-30', isCurrentMonth: false });
    expect(west.totals.spendDisplay).toBe('56.000000');
    expect(west.previousTotals.spendDisplay).toBe('7.000000');
  });
});
