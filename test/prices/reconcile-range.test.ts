/**
 * Reconcile states the range of an estimate made of aggregates: a Zhipu bill line of GLM-4.5 is one day of
 * requests whose price depends on each request's prompt and output length.
 */
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
      "2 usage facts aggregate requests whose price depends on each request's size: estimated at the band of the average request; any split of the requests gives 20.561006 to 41.122012 CNY.",
    );
    const embedding = r.details.find((l) => l.model === 'embedding-3')!;
    expect(embedding.estimatedRange).toBeNull();
  });
});
