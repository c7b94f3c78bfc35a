import { describe, expect, it } from 'vitest';
import { emptyTokens, type TokenCounts } from '../fact';
import { formatNano } from '../money';
import builtin from './builtin-book.json';
import { estimateCost, parsePriceBook, priceAt, type CostInput, type PriceEntry } from './price-book';
import { bandsOf, estimateAggregate, estimateFact, priceRequest } from './tiers';

const book = parsePriceBook(builtin);
const at = (iso: string) => Date.parse(iso);
const tokens = (t: Partial<TokenCounts>): TokenCounts => ({ ...emptyTokens(), ...t });
const entry = (model: string, currency: string, iso = '2025-09-15T00:00:00Z'): PriceEntry => {
  const e = priceAt(book, model, at(iso), 'direct', 'standard', { currency });
  if (!e) throw new Error(`no ${currency} price for ${model}`);
  return e;
};
const yuan = (nano: bigint) => `${formatNano(nano)}`;
function request(model: string, currency: string, t: Partial<TokenCounts>, thinking?: boolean): string {
  const r = priceRequest(entry(model, currency, '2025-10-01T00:00:00Z'), tokens(t), thinking === undefined ? {} : { thinking });
  if (r.status !== 'priced') throw new Error(r.reason);
  return `${yuan(r.nano)} ${r.currency} (${r.band})`;
}

describe('one request in its band', () => {
  it('prices GLM-4.5 at its output-length sub-tier: ¥2/¥8 up to 200 output tokens, ¥3/¥14 above, ¥4/¥16 above 32K prompt', () => {
    // 10,000 x ¥2 + 150 x ¥8 per million
    expect(request('glm-4.5', 'CNY', { input: 10_000, output: 150 })).toBe('0.021200000 CNY (prompt ≤ 32K, output ≤ 200)');
    // 10,000 x ¥3 + 1,000 x ¥14
    expect(request('glm-4.5', 'CNY', { input: 10_000, output: 1_000 })).toBe('0.044000000 CNY (prompt ≤ 32K, output > 200)');
    // 30,000 fresh + 10,000 cached = a 40,000-token prompt: 30,000 x ¥4 + 10,000 x ¥0.8 + 1,000 x ¥16
    expect(request('glm-4.5', 'CNY', { input: 30_000, cache_read: 10_000, output: 1_000 })).toBe('0.144000000 CNY (prompt > 32K)');
  });

  it('prices GLM-4.5-Air and Doubao-Seed-1.6 output above 200 tokens at their higher sub-tier', () => {
    // Air: input ¥0.8 in both sub-tiers, output ¥2 -> ¥6
    expect(request('glm-4.5-air', 'CNY', { input: 10_000, output: 1_000 })).toBe('0.014000000 CNY (prompt ≤ 32K, output > 200)');
    // Doubao: output ¥2 -> ¥8 above 200 tokens; 32-128K ¥1.2/¥16; above 128K ¥2.4/¥24
    expect(request('doubao-seed-1.6', 'CNY', { input: 10_000, output: 1_000 })).toBe('0.016000000 CNY (prompt ≤ 32K, output > 200)');
    expect(request('doubao-seed-1.6', 'CNY', { input: 50_000, output: 1_000 })).toBe('0.076000000 CNY (prompt > 32K)');
    expect(request('doubao-seed-1.6', 'CNY', { input: 200_000, output: 1_000 })).toBe('0.504000000 CNY (prompt > 128K)');
  });

  it("charges all of a thinking-mode request's output at Qwen's thinking price, band by band", () => {
    // qwen-plus CNY: ¥0.8 in; output ¥2, thinking ¥8 (for all 1,000 output tokens, not only the 600 reasoning ones)
    expect(request('qwen-plus', 'CNY', { input: 10_000, output: 1_000 })).toBe('0.010000000 CNY (prompt ≤ 128K)');
    expect(request('qwen-plus', 'CNY', { input: 10_000, output: 1_000, reasoning: 600 })).toBe('0.016000000 CNY (prompt ≤ 128K, thinking)');
    // 128-256K band: ¥2.4 in, ¥20 out, thinking ¥24
    expect(request('qwen-plus', 'CNY', { input: 200_000, output: 1_000 }, true)).toBe('0.504000000 CNY (prompt > 128K, thinking)');
  });

  it('moves a whole Qwen3-Max request to its prompt-length band', () => {
    // ≤32K ¥6/¥24; 32-128K ¥10/¥40; above 128K ¥15/¥60
    expect(request('qwen3-max', 'CNY', { input: 20_000, output: 1_000 })).toBe('0.144000000 CNY (prompt ≤ 32K)');
    expect(request('qwen3-max', 'CNY', { input: 100_000, output: 1_000 })).toBe('1.040000000 CNY (prompt > 32K)');
    expect(request('qwen3-max', 'CNY', { input: 200_000, output: 1_000 })).toBe('3.060000000 CNY (prompt > 128K)');
  });

  it('lists the bands of an entry without request tiers as one', () => {
    expect(bandsOf(entry('gpt-4o', 'USD')).map((b) => b.label)).toEqual(['base', 'base']);
  });
});

describe('an aggregate of requests', () => {
  it('gives the input line of a Zhipu bill (no output on it) the base price as point and the range up to the 32K+ band', () => {
    // 2025-09-01: 18,204,331 input tokens over 1,203 requests, billed at ¥2 (the bill's unit price).
    const r = estimateAggregate(entry('glm-4.5', 'CNY'), tokens({ input: 18_204_331 }), 1_203);
    if (r.status !== 'priced') throw new Error(r.reason);
    expect([yuan(r.nano), yuan(r.low), yuan(r.high), r.exact]).toEqual(['36.408662000', '36.408662000', '72.817324000', false]);
    expect(r.bands).toEqual(['prompt ≤ 32K, output ≤ 200', 'prompt ≤ 32K, output > 200', 'prompt > 32K']);
  });

  it('gives the output line (no prompt, no request count) ¥8 as point, ¥8-¥16 as range', () => {
    const r = estimateAggregate(entry('glm-4.5', 'CNY'), tokens({ output: 1_402_210 }), 0);
    if (r.status !== 'priced') throw new Error(r.reason);
    expect([yuan(r.nano), yuan(r.low), yuan(r.high)]).toEqual(['11.217680000', '11.217680000', '22.435360000']);
  });

  it('prices a day with input and output at the band of its average request', () => {
    // 100 requests of 15,000 prompt and 1,000 output tokens on average: the > 200 output sub-tier, ¥3/¥14.
    const r = estimateAggregate(entry('glm-4.5', 'CNY'), tokens({ input: 1_500_000, output: 100_000 }), 100);
    if (r.status !== 'priced') throw new Error(r.reason);
    expect(r.band).toBe('prompt ≤ 32K, output > 200');
    // point 1.5M x ¥3 + 0.1M x ¥14 = ¥5.9; low 1.5M x ¥2 + 0.1M x ¥8 = ¥3.8; high 1.5M x ¥4 + 0.1M x ¥16 = ¥7.6
    expect([yuan(r.nano), yuan(r.low), yuan(r.high)]).toEqual(['5.900000000', '3.800000000', '7.600000000']);
  });

  it('is exact where the totals allow one band only', () => {
    // A single request of 100 output tokens: the ≤ 200 sub-tier and nothing else.
    const r = estimateAggregate(entry('glm-4.5', 'CNY'), tokens({ input: 10_000, output: 100 }), 1);
    expect(r).toMatchObject({ status: 'priced', exact: true });
    // Five requests can share 25,000 prompt tokens any way: none can pass 32K.
    const five = estimateAggregate(entry('qwen3-max', 'CNY', '2025-10-01T00:00:00Z'), tokens({ input: 25_000, output: 5_000 }), 5);
    expect(five).toMatchObject({ status: 'priced', exact: true });
  });
});

describe('estimateFact', () => {
  const fact = (model: string, iso: string, t: Partial<TokenCounts>, extra: Partial<CostInput> = {}): CostInput => ({
    model, start: at(iso), tokens: tokens(t), serviceTier: 'standard', contextTier: null, requests: 1, ...extra,
  });

  it("equals estimateCost's answer for every entry without request tiers", () => {
    const cases: CostInput[] = [
      fact('gpt-4o-2024-08-06', '2025-01-10T00:00:00Z', { input: 123_456, cache_read: 5_000, output: 7_890 }, { requests: 1 }),
      fact('gpt-4o-2024-08-06', '2025-01-10T00:00:00Z', { input: 1_000_000, output: 1_000_000 }, { serviceTier: 'batch', requests: 40 }),
      fact('deepseek-chat', '2025-03-01T17:00:00Z', { input: 1_000_000, output: 1_000_000 }, { requests: 1 }),
      fact('claude-sonnet-4-20250514', '2025-09-01T00:00:00Z', { input: 1_000_000, output: 1_000_000 }, { contextTier: '> 200k', requests: 12 }),
      fact('claude-sonnet-4-20250514', '2025-09-01T00:00:00Z', { input: 250_000, output: 1_000 }, { requests: 1 }),
    ];
    for (const c of cases) {
      const a = estimateCost(c, book);
      const b = estimateFact(c, book);
      expect(a.status).toBe('priced');
      if (a.status !== 'priced' || b.status !== 'priced') throw new Error('unpriced');
      expect(b.money).toEqual(a.money);
    }
  });

  it('prices one GLM request exactly in its band and a day of them with the range stated', () => {
    const one = estimateFact(fact('glm-4.5', '2025-09-15T08:00:00Z', { input: 10_000, output: 1_000 }, { currency: 'CNY' }), book);
    expect(one).toMatchObject({ status: 'priced', exact: true, money: { nano: 44_000_000n, currency: 'CNY' } });
    const day = estimateFact(fact('glm-4.5', '2025-09-15T00:00:00Z', { input: 1_500_000, output: 100_000 }, { currency: 'CNY', requests: 100, end: at('2025-09-16T00:00:00Z') }), book);
    if (day.status !== 'priced') throw new Error(day.reason);
    expect([day.money.nano, day.range.low, day.range.high, day.exact]).toEqual([5_900_000_000n, 3_800_000_000n, 7_600_000_000n, false]);
    expect(day.applied.at(-1)).toBe('average request: prompt ≤ 32K, output > 200; possible: prompt ≤ 32K, output ≤ 200 | prompt ≤ 32K, output > 200 | prompt > 32K');
  });

  it('applies a service tier to the band it found', () => {
    // qwen3-max has no batch tier: unpriced, with the reason; gpt-4o-mini batch halves the base band.
    expect(estimateFact(fact('qwen3-max', '2025-10-01T00:00:00Z', { input: 100_000, output: 1_000 }, { currency: 'CNY', serviceTier: 'batch' }), book)).toEqual({
      status: 'unpriced',
      reason: 'no batch price for qwen3-max',
      reasonSaid: { id: 'engine.unpriced.noTier', values: { tier: 'batch', model: 'qwen3-max' } },
    });
    const b = estimateFact(fact('gpt-4o-mini-2024-07-18', '2025-09-02T00:00:00Z', { input: 1_000_000, output: 1_000_000 }, { serviceTier: 'batch', requests: 7 }), book);
    expect(b).toMatchObject({ status: 'priced', money: { nano: 375_000_000n } });
  });
});
