/**
 * Reconcile converts a period's amounts in another currency day by day, at each day's rate (the rule of
 * every report and budget), not at one rate for the month: a CNY bill of September 2 against a USD
 * estimate of September 28, with the rate moving from 7 to 8 CNY per USD on September 20.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../electron/engine/ledger/db';
import { rebuildDerived } from '../../electron/engine/ledger/derived';
import { sql } from '../../electron/engine/ledger/sql';
import { parseDecimalToNano } from '../../shared/domain/money';
import { testEngine } from '../helpers/engine';
import { createTranslator } from '../../shared/i18n';
import { sayWith } from '../../shared/i18n/said';

const UNIT = 1_000_000_000n;

describe('Reconcile in mixed currencies', () => {
  it('converts each day at its own rate', async () => {
    const { engine, client } = testEngine();
    const db = engine.ctx.db;
    run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'crafted.csv', 'x', 'crafted')`);
    const fact = (identity: string, start: string, granularity: string, lineType: string, billed: bigint | null, estimated: bigint | null) =>
      run(
        db,
        sql`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model_raw, model, model_family, vendor,
              origin_region, service_tier, line_type, input, output, requests, billed_nano, billed_currency, estimated_nano, estimated_currency, price_status)
            VALUES (1, 'crafted', ${identity}, ${Date.parse(start)}, ${Date.parse(start) + (granularity === 'day' ? 86_400_000 : 0)}, ${start.slice(0, 10)}, ${granularity},
              'zhipu', 'glm-4.5', 'glm-4.5', 'glm-4.5', 'zhipu', 'CN', 'standard', ${lineType}, 1000, 100, 1,
              ${billed}, ${billed === null ? null : 'CNY'}, ${estimated}, ${estimated === null ? null : 'USD'}, ${lineType === 'usage' ? 'priced' : 'not_applicable'})`,
      );
    fact('bill', '2025-09-02T00:00:00Z', 'day', 'cost', 100n * UNIT, null);
    fact('use', '2025-09-28T10:00:00Z', 'request', 'usage', null, 10n * UNIT);
    rebuildDerived(db);
    await client.call('fx.set', { currency: 'CNY', date: '2025-09-01', perUsd: '7' });
    await client.call('fx.set', { currency: 'CNY', date: '2025-09-20', perUsd: '8' });
    const r = await client.call('reconcile.report', { month: '2025-09' });
    const line = r.lines.find((l) => l.provider === 'zhipu' && l.period === '2025-09')!;
    expect(line.currency).toBe('CNY');
    expect(parseDecimalToNano(line.billed!)).toBe(100n * UNIT);
    expect(parseDecimalToNano(line.estimated!)).toBe(80n * UNIT);
    expect(line.explanations.find((e) => e.reason === 'currency')?.text).toBe("Another currency: 10.00 USD converted at each day's rate (8 CNY per USD, 1 day).");
    const zh = createTranslator('zh-CN').intl;
    expect(sayWith(zh, line.explanations.find((e) => e.reason === 'currency')!.said)).toBe('涉及其他货币：10.00 USD 按每日汇率换算（每 USD 8 CNY，1 天）。');
  });
});
