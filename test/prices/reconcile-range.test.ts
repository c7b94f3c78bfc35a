/**
 * Reconcile states the range of an estimate made of aggregates: a Zhipu bill line of GLM-4.5 is one day of
 * requests whose price depends on each request's prompt and output length.
 */
import { createTranslator } from '../../shared/i18n';
import { sayWith } from '../../shared/i18n/said';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');

describe('the estimate range of aggregated requests', () => {
  it("states what any split of a day's GLM-4.5 requests could cost, and none for a model without request tiers", async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: [join(EXPORTS, 'zhipu-bill-detail.csv')] });
    const r = await client.call('reconcile.report', {});
    // The 2 September lines: 7,720,031 input tokens (¥15.440062 at ¥2) and 640,118 output tokens (¥5.120944 at ¥8), the
    // base band (the output line names no request count, the input line no output). Dearest split: every request above
    // the 32K prompt band, ¥4/¥16: ¥30.880124 + ¥10.241888 = ¥41.122012.
    const glm = r.details.find((l) => l.model === 'glm-4.5' && l.billed === '20.561006')!;
    expect([glm.estimated, glm.estimatedRange]).toEqual(['20.561006', { low: '20.561006', high: '41.122012' }]);
    expect(glm.explanations.find((e) => e.reason === 'range')?.text).toBe(
      "2 usage facts aggregate requests whose price depends on each request's size: estimated at the band of the average request; any split of the requests gives 20.56 CNY to 41.12 CNY.",
    );
    const embedding = r.details.find((l) => l.model === 'embedding-3')!;
    expect(embedding.estimatedRange).toBeNull();
  });
});

describe('the verdict of Reconcile', () => {
  it('counts the bills within 1 % and names the others with their delta', async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: ['openrouter-activity.csv', 'zhipu-bill-detail.csv', 'gcp-billing-vertex.csv'].map((f) => join(EXPORTS, f)) });
    const r = await client.call('reconcile.report', {});
    const off = r.lines.filter((l) => l.withinOnePercent === false);
    // OpenRouter still misses the Chutes and Alibaba lists (unpriced or priced at OpenRouter's own list).
    expect(off.map((l) => l.provider)).toEqual(['openrouter']);
    // Every other bill (Vertex's month, Zhipu's months) is within 1 %.
    const bills = r.lines.filter((l) => l.billed !== null && l.estimated !== null).length;
    expect(bills).toBeGreaterThanOrEqual(3);
    expect(r.verdict).toMatchObject({
      bills,
      within: bills - 1,
      text: `${bills - 1} of ${bills} bills within 1 % of the estimate; off by more: openrouter September 2025 (${off[0]!.deltaPercent} %).`,
      sign: 'Delta = estimate - billed: negative when the bill is above the price book, positive when below.',
    });
    expect(sayWith(createTranslator('zh-CN').intl, r.verdict.said)).toBe(`${bills} 份账单中有 ${bills - 1} 份与估算相差在 1% 以内；相差更多：openrouter 2025年9月（${off[0]!.deltaPercent}%）。`);
  });
});
