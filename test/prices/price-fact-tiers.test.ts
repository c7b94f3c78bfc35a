/**
 * The ledger's pricing of one fact (priceFact, the function an import and a re-price both call): the row's
 * own region picks the regional list, request-level tiers apply per request, and an aggregate of requests
 * is priced at the band of its average request with the range its tokens allow.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBig } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { emptyTokens } from '../../shared/domain/fact';
import { builtinBook, priceFact, resolveForLedger, type PricingInput } from '../../shared/domain/pricing/price-fact';
import { testEngine } from '../helpers/engine';

const SEPT = Date.parse('2025-09-02T00:00:00Z');

function glm(tokens: Partial<ReturnType<typeof emptyTokens>>, requests: number): PricingInput {
  return {
    lineType: 'usage',
    provider: 'zhipu',
    model: 'glm-4.5',
    route: 'direct',
    start: SEPT,
    end: SEPT + 86_400_000,
    tokens: { ...emptyTokens(), ...tokens },
    serviceTier: 'standard',
    contextTier: null,
    requests,
    billedCurrency: null,
  };
}

describe('the row region of a cloud bill', () => {
  it('resolves a CUR row of eu-central-1 to that region and a row without region to the plain Bedrock route', () => {
    expect(resolveForLedger('amazon.nova-pro-v1:0', 'aws-bedrock', null, 'eu-central-1')?.route.priceRoute).toBe('bedrock@eu-central-1');
    expect(resolveForLedger('amazon.nova-pro-v1:0', 'aws-bedrock', null, null)?.route.priceRoute).toBe('bedrock');
  });

  it("prices the CUR file's eu-central-1 Nova Pro rows at that region's list ($1.05/$4.20), exactly their bill", async () => {
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [join(import.meta.dirname, '../fixtures/exports/aws-cur-bedrock.csv')] });
    const rows = allBig<{ billed: bigint; estimated: bigint }>(
      engine.ctx.db,
      sql`SELECT billed_nano AS billed, estimated_nano AS estimated FROM usage_facts WHERE inference_geo = 'eu-central-1' ORDER BY id`,
    );
    // 812,400 input x $1.05 = $0.85302; 95,020 output x $4.20 = $0.399084.
    expect(rows).toEqual([
      { billed: 853_020_000n, estimated: 853_020_000n },
      { billed: 399_084_000n, estimated: 399_084_000n },
    ]);
  });
});

describe('request tiers in the ledger price', () => {
  const book = builtinBook();

  it('prices one GLM-4.5 request writing more than 200 tokens at ¥3/¥14, one writing 200 at ¥2/¥8', () => {
    // 10,000 x ¥3 + 1,000 x ¥14 per million = ¥0.044; 10,000 x ¥2 + 200 x ¥8 = ¥0.0216.
    expect(priceFact(glm({ input: 10_000, output: 1_000 }, 1), book)).toEqual({ estimated: { nano: 44_000_000n, currency: 'CNY' }, priceStatus: 'priced', reason: null });
    expect(priceFact(glm({ input: 10_000, output: 200 }, 1), book)).toEqual({ estimated: { nano: 21_600_000n, currency: 'CNY' }, priceStatus: 'priced', reason: null });
  });

  it('prices a day of 100 GLM-4.5 requests at the band of its average request and states what any split could cost', () => {
    // Average request: 10,000 prompt, 1,000 output -> ¥3/¥14: 1M x ¥3 + 100K x ¥14 = ¥4.40.
    // Cheapest split ¥2/¥8 (1M x 2 + 100K x 8 = ¥2.80); dearest ¥4/¥16 (all in one request above 32K: ¥5.60).
    const a = priceFact(glm({ input: 1_000_000, output: 100_000 }, 100), book);
    expect(a).toEqual({ estimated: { nano: 4_400_000_000n, currency: 'CNY' }, priceStatus: 'priced', reason: null, range: { low: 2_800_000_000n, high: 5_600_000_000n } });
  });

  it('moves a day of long Gemini 2.5 Pro requests to the long-context band by their average prompt', () => {
    const f: PricingInput = { ...glm({ input: 2_500_000, output: 10_000 }, 10), provider: 'google-gemini-api', model: 'gemini-2.5-pro' };
    // 250K average prompt > 200K: $2.50 in, $15 out -> 2.5M x 2.5 + 10K x 15 = $6.40; the range starts at the base band ($1.25/$10: $3.225).
    expect(priceFact(f, book)).toEqual({ estimated: { nano: 6_400_000_000n, currency: 'USD' }, priceStatus: 'priced', reason: null, range: { low: 3_225_000_000n, high: 6_400_000_000n } });
  });
});
