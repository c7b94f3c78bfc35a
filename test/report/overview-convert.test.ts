/**
 * The Overview outside UTC with spend in two currencies (the sample exports hold USD and CNY): the cells it
 * converts are read only from the facts that can give one (reports/convert-scope-store.ts), and every figure it
 * shows (totals, regions, top models and projects, the daily series by vendor and by region, the
 * month-end forecast) equals the same Overview read wholly from the facts, in every zone and display
 * currency. Asia/Kolkata (a half-hour offset) reads the facts for its local days too.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { overviewReport } from '../../electron/engine/reports/overview';
import { aggregate } from '../../electron/engine/reports/query-store';
import { aggregateFacts, aggregateSpend } from '../../electron/engine/reports/spend-store';
import { allBig, get, run } from '../../electron/engine/ledger/db';
import { factLegs, GROUP_COLS } from '../../electron/engine/ledger/rollups';
import { rebuildDerived } from '../../electron/engine/ledger/derived';
import { sql } from '../../electron/engine/ledger/sql';
import { testEngine, type TestEngine } from '../helpers/engine';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');
const ALL_SAMPLES = readdirSync(EXPORTS).map((f) => join(EXPORTS, f));
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Asia/Kolkata'] as const;
const CURRENCIES = ['USD', 'CNY', 'EUR'] as const;
/** The samples are all September 2025: a day inside it (the forecast's month) and its last day. */
const TODAYS = ['2025-09-20', '2025-09-30'] as const;

describe('the Overview converting a second currency outside UTC', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = testEngine();
    await t.client.call('imports.commit', { paths: ALL_SAMPLES });
    // DeepSeek requests in CNY beside the samples: two on the UTC days either side of September whose local
    // day is in it (or in August) in some zones, and two keys of one model on one day whose amounts round
    // differently converted apart (1 nano each way) than summed: cells must stay per key.
    const db = t.engine.ctx.db;
    run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (9001, 0, 'crafted.csv', 'x', 'crafted')`);
    for (const [id, at, key, nano] of [
      ['edge-before', '2025-08-31T20:00:00Z', 'k1', 3_000_000_003n],
      ['edge-after', '2025-10-01T03:00:00Z', 'k1', 5_000_000_005n],
      ['key-1', '2025-09-10T18:00:00Z', 'k1', 4n],
      ['key-2', '2025-09-10T18:30:00Z', 'k2', 4n],
    ] as const) {
      const start = Date.parse(at);
      run(
        db,
        sql`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, project, api_key, model_raw, model, model_family,
              vendor, origin_region, input, requests, estimated_nano, estimated_currency, price_status)
            VALUES (9001, 'crafted', ${id}, ${start}, ${start + 1000}, ${at.slice(0, 10)}, 'request', 'deepseek', 'web', ${key}, 'deepseek-chat', 'deepseek-chat',
              'deepseek-v3', 'deepseek', 'CN', 100, 1, ${nano}, 'CNY', 'priced')`,
      );
    }
    db.transaction(() => rebuildDerived(db))();
  }, 120_000);

  it('holds spend in USD and in CNY', () => {
    const spendIn = (c: string) => get<{ n: number }>(t.engine.ctx.db, sql`SELECT count(*) AS n FROM rollup_narrow WHERE currency = ${c} AND spend_nano <> 0`)!.n;
    expect(spendIn('USD')).toBeGreaterThan(0);
    expect(spendIn('CNY')).toBeGreaterThan(0);
  });

  it("reads the forecast's spend as the Overview sums it: the same days, currencies and cells, the facts' own sum", () => {
    const db = t.engine.ctx.db;
    const range = { from: '2025-08-25', to: '2025-10-05' };
    const key = (r: { day: string | null; currency: string; spend_nano: bigint | null }) => `${r.day}|${r.currency}|${r.spend_nano}`;
    for (const timeZone of ZONES)
      for (const convertTo of CURRENCIES)
        for (const source of [undefined, 'raw'] as const) {
          const q = { timeZone, ...range, byDay: true, convertTo, ...(source ? { source } : {}) };
          const spend = aggregateSpend(db, q);
          // Each conversion cell its own row (the two CNY keys of 2025-09-10 apart), as aggregate() gives them.
          expect(spend.map(key).sort(), `${timeZone} ${convertTo} ${source}`).toEqual(
            aggregate(db, { ...q, groupBy: [] })
              .map(key)
              .sort(),
          );
        }
    // In UTC, the spend of each currency is the facts' own (their legs', ledger/rollups.ts), in as many cells
    // (day, currency and every rollup dimension) as the legs have.
    const spend = aggregateSpend(db, { timeZone: 'UTC', ...range, byDay: true, convertTo: 'USD' });
    const legs = factLegs(sql`f.day >= ${range.from} AND f.day <= ${range.to}`);
    const own = allBig<{ currency: string; s: bigint; cells: bigint }>(
      db,
      sql`SELECT currency, sum(s) AS s, count(*) AS cells FROM (
            SELECT currency, sum(spend_nano) AS s FROM (${legs}) WHERE spend_nano IS NOT NULL GROUP BY ${sql.raw(GROUP_COLS)})
          GROUP BY currency`,
    );
    for (const c of own) {
      const mine = spend.filter((r) => r.currency === c.currency && r.spend_nano !== null);
      expect(mine.reduce((n, r) => n + r.spend_nano!, 0n), c.currency).toBe(c.s);
      if (c.currency === 'CNY') expect(BigInt(mine.length)).toBe(c.cells);
    }
    expect(own.map((c) => c.currency).sort()).toEqual(['CNY', 'USD']);
  });

  it("reads the coverage's facts as aggregate() sums them (the days each provider has facts)", () => {
    const db = t.engine.ctx.db;
    const pick = (r: { day: string | null; keys: (string | null)[]; currency: string; facts: bigint }) => JSON.stringify([r.day, r.keys, r.currency, String(r.facts)]);
    for (const timeZone of ZONES)
      for (const source of [undefined, 'raw'] as const) {
        const q = { timeZone, from: '2025-08-25', to: '2025-10-05', groupBy: ['provider'] as const, byDay: true, ...(source ? { source } : {}) };
        const facts = aggregateFacts(db, { ...q, groupBy: [...q.groupBy] });
        expect(facts.length, `${timeZone} ${source}`).toBeGreaterThan(3);
        expect(facts.map(pick).sort(), `${timeZone} ${source}`).toEqual(aggregate(db, { ...q, groupBy: [...q.groupBy] }).map(pick).sort());
      }
  });

  for (const timeZone of ZONES)
    for (const currency of CURRENCIES)
      it(`shows the figures read from the facts, in ${timeZone} in ${currency}`, () => {
        for (const today of TODAYS) {
          const input = { today, timeZone, currency };
          const fast = overviewReport(t.engine.ctx, input);
          const raw = overviewReport(t.engine.ctx, input, 'raw');
          expect(fast, today).toEqual(raw);
          // Figures worth comparing: converted spend, a daily series, a forecast, both currencies converted.
          expect(fast.totals.spendDisplay, today).not.toBe('0.000000');
          expect(fast.daily.some((d) => Object.keys(d.byVendor).length > 1), today).toBe(true);
          expect(fast.forecast, today).not.toBeNull();
          expect(fast.display.missing, today).toEqual([]);
          if (currency !== 'CNY') expect(fast.display.rates.map((r) => r.from), today).toContain('CNY');
        }
      });
});
