/**
 * One spend rule across overlapping sources: a provider's usage export and its cost export (or two of
 * either) describe one bill, counted once whichever is imported first, and the preview names the days
 * and models they share. Figures are the fixtures' own (expected-totals.json), through a real ledger.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatNano, parseDecimalToNano } from '../../shared/domain/money';
import { EXPECTED, fixture, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

const six = (v: string | undefined) => formatNano(parseDecimalToNano(v ?? '0'), 6);
const cost = (name: string) => EXPECTED[name]!.cost;

async function commit(l: TestLedger, ...names: string[]) {
  return l.api.call('imports.commit', { paths: names.map(fixture), onError: 'abort' });
}

/** Spend and billed per provider, in one currency, rounded to the fixtures' 6 decimals. */
async function byProvider(l: TestLedger, currency: string): Promise<Record<string, { spend: string; billed: string }>> {
  const view = await l.api.call('report.explore', { groupBy: ['provider'] });
  return Object.fromEntries(view.rows.map((r) => [r.keys[0], { spend: six(r.spend[currency]), billed: six(r.billed[currency]) }]));
}

/**
 * The Google bill of the two Google files together: the GCP billing export (Vertex AI and three Gemini API
 * rows of 2025-09-02) plus the Gemini API report's rows of 2025-09-03; its 2025-09-02 rows are the same
 * three SKUs the billing export carries.
 */
const GOOGLE_BOTH = formatNano(parseDecimalToNano(cost('gcp-billing-vertex.csv')) + parseDecimalToNano('1.225142') + parseDecimalToNano('1.209980'), 6);

/** Pairs of one provider's exports and the bill they make together (null: no bill, only usage). */
const PAIRS: Array<[string, string, string, string | null]> = [
  ['deepseek', 'deepseek-usage-amount-2025-9.csv', 'deepseek-usage-cost-2025-9.csv', cost('deepseek-usage-cost-2025-9.csv')],
  ['anthropic', 'anthropic-usage-report.json', 'anthropic-cost-report.json', cost('anthropic-cost-report.json')],
  ['anthropic', 'anthropic-console-usage.csv', 'anthropic-cost-report.json', cost('anthropic-cost-report.json')],
  ['anthropic', 'anthropic-usage-report.json', 'anthropic-console-cost.csv', cost('anthropic-console-cost.csv')],
  ['anthropic', 'anthropic-console-usage.csv', 'anthropic-console-cost.csv', cost('anthropic-console-cost.csv')],
  ['anthropic', 'anthropic-cost-report.json', 'anthropic-console-cost.csv', cost('anthropic-cost-report.json')],
  ['openai', 'openai-usage-completions.json', 'openai-costs.json', cost('openai-costs.json')],
  ['openai', 'openai-dashboard-usage-export.csv', 'openai-dashboard-cost-export.csv', cost('openai-dashboard-cost-export.csv')],
  ['openai', 'openai-usage-completions.json', 'openai-dashboard-cost-export.csv', cost('openai-dashboard-cost-export.csv')],
  ['openrouter', 'openrouter-activity.csv', 'openrouter-activity-api.json', cost('openrouter-activity.csv')],
  ['openrouter', 'openrouter-activity.csv', 'openrouter-generation.jsonl', cost('openrouter-activity.csv')],
  ['openrouter', 'openrouter-activity-api.json', 'openrouter-generation.jsonl', cost('openrouter-activity-api.json')],
];

describe('a usage export and a cost export of one provider are one bill', () => {
  for (const [provider, a, b, bill] of PAIRS) {
    it(`${a} + ${b}: ${provider} bills ${bill} once, in either order`, async () => {
      for (const order of [
        [a, b],
        [b, a],
      ]) {
        ledger = tempLedger();
        await commit(ledger, order[0]!);
        await commit(ledger, order[1]!);
        const currency = provider === 'deepseek' ? 'CNY' : 'USD';
        expect((await byProvider(ledger, currency))[provider], order.join(' then ')).toEqual({ spend: bill, billed: bill });
        ledger.close();
        ledger = undefined;
      }
    });
  }

  it(`the GCP billing export and the Gemini API report: Google bills ${GOOGLE_BOTH} once, in either order`, async () => {
    for (const order of [
      ['gcp-billing-vertex.csv', 'gcp-billing-reports-gemini-api.csv'],
      ['gcp-billing-reports-gemini-api.csv', 'gcp-billing-vertex.csv'],
    ]) {
      ledger = tempLedger();
      await commit(ledger, order[0]!);
      await commit(ledger, order[1]!);
      const t = (await ledger.api.call('report.totals', {})).totals;
      expect(six(t.billed.USD), order.join(' then ')).toBe(GOOGLE_BOTH);
      expect(six(t.spend.USD)).toBe(GOOGLE_BOTH);
      ledger.close();
      ledger = undefined;
    }
  });

  it('DeepSeek: the cost CSV after the amount CSV is named in the preview (days, models, counted once), and an undo brings its bill back', async () => {
    ledger = tempLedger();
    const amount = await commit(ledger, 'deepseek-usage-amount-2025-9.csv');
    const preview = await ledger.api.call('imports.preview', { paths: [fixture('deepseek-usage-cost-2025-9.csv')] });
    expect(preview.files[0]!.overlaps).toEqual([
      {
        batchId: amount.files[0]!.batchId,
        file: fixture('deepseek-usage-amount-2025-9.csv'),
        format: 'deepseek-usage-amount-csv',
        kind: 'bill',
        winner: 'earlier',
        days: ['2025-09-08', '2025-09-09', '2025-09-10'],
        models: ['deepseek-chat', 'deepseek-reasoner'],
        facts: EXPECTED['deepseek-usage-cost-2025-9.csv']!.rows,
      },
    ]);
    const committed = await ledger.api.call('imports.commit', { previewId: preview.previewId });
    const t = (await ledger.api.call('report.totals', {})).totals;
    // The granted-wallet line (10 CNY paid from the free balance) is part of that bill, not spend on top of it.
    expect(six(t.billed.CNY)).toBe(cost('deepseek-usage-amount-2025-9.csv'));
    expect(six(t.spend.CNY)).toBe(cost('deepseek-usage-amount-2025-9.csv'));
    expect(t.tokens.cache_read).toBe(EXPECTED['deepseek-usage-amount-2025-9.csv']!.cache_read);
    expect(t.requests).toBe(EXPECTED['deepseek-usage-amount-2025-9.csv']!.requests);

    await ledger.api.call('imports.undo', { batchId: amount.files[0]!.batchId! });
    const alone = (await ledger.api.call('report.totals', {})).totals;
    expect(six(alone.billed.CNY)).toBe(cost('deepseek-usage-cost-2025-9.csv'));
    expect(alone.tokens.cache_read).toBe(0);
    expect(committed.files[0]!.batchId).toBeTypeOf('number');
  });
});

describe('every sample export in one ledger', () => {
  it('each provider bills exactly its bill, DeepSeek once', async () => {
    ledger = tempLedger();
    const all = Object.keys(EXPECTED).filter((n) => !n.startsWith('agents/')).concat('openrouter-generation.jsonl');
    await commit(ledger, ...all);
    const usd = await byProvider(ledger, 'USD');
    const cny = await byProvider(ledger, 'CNY');
    expect(cny.deepseek).toEqual({ spend: cost('deepseek-usage-amount-2025-9.csv'), billed: cost('deepseek-usage-cost-2025-9.csv') });
    expect(cny.zhipu).toEqual({ spend: cost('zhipu-bill-detail.csv'), billed: cost('zhipu-bill-detail.csv') });
    expect(usd.anthropic).toEqual({ spend: cost('anthropic-cost-report.json'), billed: cost('anthropic-cost-report.json') });
    expect(usd.openai).toEqual({ spend: cost('openai-costs.json'), billed: cost('openai-costs.json') });
    expect(usd.openrouter).toEqual({ spend: cost('openrouter-activity.csv'), billed: cost('openrouter-activity.csv') });
    expect(usd['aws-bedrock']).toEqual({ spend: six(cost('aws-cur-bedrock.csv')), billed: six(cost('aws-cur-bedrock.csv')) });
    expect(usd['azure-openai']).toEqual({ spend: cost('azure-cost-export.csv'), billed: cost('azure-cost-export.csv') });
    const google = parseDecimalToNano(usd['gcp-vertex']!.billed) + parseDecimalToNano(usd['google-gemini-api']!.billed);
    expect(formatNano(google, 6)).toBe(GOOGLE_BOTH);
  });
});
