import { describe, expect, it } from 'vitest';
import { builtinBook, priceFact, slowPriceFact, type PricingInput } from '../../shared/domain/pricing/price-fact';
import { mergePriceOverrides } from '../../shared/domain/pricing/price-book';
import { seeded } from '../../shared/domain/random';

const rng = seeded;

function inputs(book: ReturnType<typeof builtinBook>, n: number, seed: number): PricingInput[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const models = [...new Set(book.entries.map((e) => e.model))];
  const routes = [...new Set(book.entries.map((e) => e.route)), 'bedrock-geo', 'azure-datazone', 'openrouter:Together', 'direct'];
  const out: PricingInput[] = [];
  for (let i = 0; i < n; i++) {
    const start = Date.UTC(2023, 0, 1) + Math.floor(r() * 4 * 365 * 86_400_000);
    const big = () => Math.floor(r() * r() * (r() < 0.2 ? 1_500_000 : 50_000));
    const output = big();
    const entry = pick(book.entries);
    const own = r() < 0.8;
    out.push({
      lineType: 'usage',
      provider: pick(['openrouter', 'anthropic', 'openai', 'deepseek', 'claude-code', 'aws-bedrock', 'moonshot']),
      model: r() < 0.03 ? null : r() < 0.05 ? 'no-such-model-x' : own ? entry.model : pick(models),
      route: own ? entry.route : pick(routes),
      start,
      end: start + (r() < 0.5 ? 1 : 3_600_000),
      tokens: { input: big(), cache_read: r() < 0.5 ? big() : 0, cache_write_5m: r() < 0.3 ? big() : 0, cache_write_1h: r() < 0.1 ? big() : 0, output, reasoning: r() < 0.3 ? Math.floor(output * r()) : 0 },
      serviceTier: r() < 0.85 ? 'standard' : pick(['batch', 'priority', 'flex'] as const),
      contextTier: r() < 0.9 ? null : pick(['>200k', '0-200k', '200k-1M']),
      requests: r() < 0.8 ? 1 : 1 + Math.floor(r() * 50),
      billedCurrency: r() < 0.6 ? null : pick(['USD', 'CNY', 'EUR']),
    });
  }
  return out;
}

describe('the cached price path of the import', () => {
  it('gives exactly the estimate, currency, status and reason of the general path for 20,000 random facts of the built-in book', () => {
    const book = builtinBook();
    const facts = inputs(book, 20_000, 11);
    let priced = 0;
    for (const f of facts) {
      const want = slowPriceFact(f, book);
      expect(priceFact(f, book)).toEqual(want);
      if (want.priceStatus === 'priced') priced++;
    }
    expect(priced).toBeGreaterThan(5_000); // the comparison covers many priced facts, not only fallbacks
  });

  it('follows user overrides with their own start and end instants inside an hour', () => {
    const base = builtinBook();
    const book = mergePriceOverrides(base, [
      { model: 'gpt-4o', route: 'direct', currency: 'USD', effectiveFrom: '2025-03-01T10:17:00Z', effectiveTo: '2025-03-01T10:43:30Z', prices: { input: '1', output: '2', cache_read: '0.5' } },
    ]);
    for (const at of ['2025-03-01T10:16:59.999Z', '2025-03-01T10:17:00Z', '2025-03-01T10:43:29.999Z', '2025-03-01T10:43:30Z']) {
      const start = Date.parse(at);
      const f: PricingInput = { lineType: 'usage', provider: 'openai', model: 'gpt-4o', route: 'direct', start, end: start + 1, tokens: { input: 1_000_000, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0, output: 1_000_000, reasoning: 0 }, serviceTier: 'standard', contextTier: null, requests: 1, billedCurrency: null };
      expect(priceFact(f, book)).toEqual(slowPriceFact(f, book));
    }
    const inside = Date.parse('2025-03-01T10:20:00Z');
    const f: PricingInput = { lineType: 'usage', provider: 'openai', model: 'gpt-4o', route: 'direct', start: inside, end: inside + 1, tokens: { input: 1_000_000, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0, output: 1_000_000, reasoning: 0 }, serviceTier: 'standard', contextTier: null, requests: 1, billedCurrency: null };
    expect(priceFact(f, book).estimated).toEqual({ nano: 3_000_000_000n, currency: 'USD' });
  });
});
