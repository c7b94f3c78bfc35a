/**
 * The unpriced usage (pricing/facts-store.ts unpricedUsage, the one count Reconcile, the Prices screen and the
 * Overview show) sums its facts per day first, then per model, provider and tier: the figures must be those
 * of the facts grouped at once, over several days, raw names, hosts and geos, with facts that do not count.
 */
import { describe, expect, it } from 'vitest';
import { allBig, run } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { unpricedUsage } from '../../electron/engine/pricing/facts-store';
import { testEngine } from '../helpers/engine';

describe('unpriced usage', () => {
  it("is the facts' own sums per model, provider and tier, the least raw name, host, geo and start, over any range", () => {
    const { engine } = testEngine();
    const db = engine.ctx.db;
    run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'crafted.csv', 'x', 'crafted')`);
    const rows: [string, string, string | null, string | null, string | null, string | null, string, number, number, string, 0 | 1, 'usage' | 'cost'][] = [
      // start, provider, model, model_raw, host, geo, tier, input, output, price status, counts, line type
      ['2025-09-02T10:00:00Z', 'openrouter', null, 'mystery-b', 'h2', null, 'standard', 100, 10, 'unpriced', 1, 'usage'],
      ['2025-09-01T09:00:00Z', 'openrouter', null, 'mystery-b', 'h1', 'eu', 'standard', 50, 5, 'unpriced', 1, 'usage'],
      ['2025-09-02T11:00:00Z', 'openrouter', null, 'mystery-b', 'h5', null, 'standard', 40, 0, 'unpriced', 1, 'usage'],
      ['2025-09-03T08:00:00Z', 'openrouter', null, 'mystery-a', null, 'us', 'standard', 7, 0, 'not_applicable', 1, 'usage'],
      ['2025-09-03T08:30:00Z', 'openrouter', 'm-1', 'm-1-2025', 'h9', null, 'flex', 30, 3, 'unpriced', 1, 'usage'],
      ['2025-09-01T23:00:00Z', 'openrouter', 'm-1', 'm-1-alt', 'h3', null, 'flex', 20, 2, 'not_applicable', 1, 'usage'],
      ['2025-09-02T12:00:00Z', 'deepseek', 'm-1', null, null, null, 'flex', 5, 1, 'unpriced', 1, 'usage'],
      ['2025-09-02T13:00:00Z', 'deepseek', 'm-1', null, 'h0', null, 'flex', 999, 0, 'unpriced', 0, 'usage'],
      ['2025-09-02T14:00:00Z', 'deepseek', 'm-1', null, 'h0', null, 'flex', 999, 0, 'unpriced', 1, 'cost'],
      ['2025-10-01T00:00:00Z', 'openrouter', null, 'mystery-b', 'a0', 'ap', 'standard', 1, 1, 'unpriced', 1, 'usage'],
    ];
    rows.forEach(([at, provider, model, raw, host, geo, tier, input, output, status, counts, line], i) => {
      const start = Date.parse(at);
      run(
        db,
        sql`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, model_raw, host, inference_geo, service_tier,
              line_type, input, output, requests, counts_tokens, price_status)
            VALUES (1, 'crafted', ${`u${i}`}, ${start}, ${start}, ${at.slice(0, 10)}, 'request', ${provider}, ${model}, ${raw}, ${host}, ${geo}, ${tier},
              ${line}, ${input}, ${output}, 1, ${counts}, ${status})`,
      );
    });
    // The facts grouped at once: the definition the two-step sums must equal.
    const own = (from: string, to: string) =>
      allBig(
        db,
        sql`SELECT coalesce(model, model_raw, '(no model)') AS model, provider, service_tier AS tier,
                   sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens,
                   sum(CASE WHEN price_status = 'not_applicable' THEN input + cache_read + cache_write_5m + cache_write_1h + output ELSE 0 END) AS billed_tokens,
                   count(*) AS facts, min(model_raw) AS model_raw, min(host) AS host, min(inference_geo) AS inference_geo, min(start_ms) AS start_ms,
                   sum(input) AS input, sum(cache_read) AS cache_read, sum(cache_write_5m) AS cache_write_5m, sum(cache_write_1h) AS cache_write_1h, sum(output) AS output
            FROM usage_facts WHERE line_type = 'usage' AND counts_tokens = 1 AND estimated_nano IS NULL AND day >= ${from} AND day <= ${to}
            GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 3`,
      );
    for (const [from, to] of [['2025-09-01', '2025-09-30'], ['2025-09-02', '2025-09-03'], ['2025-01-01', '2025-12-31']] as const) {
      expect(unpricedUsage(db, { from, to }), `${from}..${to}`).toEqual(own(from, to));
    }
    expect(unpricedUsage(db)).toEqual(own('0000-01-01', '9999-12-31'));
    // By hand, September: mystery-b, three facts over two days (the least host and geo of any, the first start).
    expect(unpricedUsage(db, { from: '2025-09-01', to: '2025-09-30' })).toEqual([
      { model: 'mystery-b', provider: 'openrouter', tier: 'standard', tokens: 205n, billed_tokens: 0n, facts: 3n, model_raw: 'mystery-b', host: 'h1', inference_geo: 'eu', start_ms: BigInt(Date.parse('2025-09-01T09:00:00Z')), input: 190n, cache_read: 0n, cache_write_5m: 0n, cache_write_1h: 0n, output: 15n },
      { model: 'm-1', provider: 'openrouter', tier: 'flex', tokens: 55n, billed_tokens: 22n, facts: 2n, model_raw: 'm-1-2025', host: 'h3', inference_geo: null, start_ms: BigInt(Date.parse('2025-09-01T23:00:00Z')), input: 50n, cache_read: 0n, cache_write_5m: 0n, cache_write_1h: 0n, output: 5n },
      { model: 'mystery-a', provider: 'openrouter', tier: 'standard', tokens: 7n, billed_tokens: 7n, facts: 1n, model_raw: 'mystery-a', host: null, inference_geo: 'us', start_ms: BigInt(Date.parse('2025-09-03T08:00:00Z')), input: 7n, cache_read: 0n, cache_write_5m: 0n, cache_write_1h: 0n, output: 0n },
      { model: 'm-1', provider: 'deepseek', tier: 'flex', tokens: 6n, billed_tokens: 0n, facts: 1n, model_raw: null, host: null, inference_geo: null, start_ms: BigInt(Date.parse('2025-09-02T12:00:00Z')), input: 5n, cache_read: 0n, cache_write_5m: 0n, cache_write_1h: 0n, output: 1n },
    ]);
  });
});
