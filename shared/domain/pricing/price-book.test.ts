import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { emptyTokens, type TokenCounts } from '../fact';
import { formatNano } from '../money';
import { resolveModel } from '../models';
import builtin from './builtin-book.json';
import { estimateCost, mergePriceOverrides, parsePriceBook, priceAt, type CostInput } from './price-book';
import { builtinBook } from './price-fact';

const book = parsePriceBook(builtin);
const at = (iso: string) => Date.parse(iso);
const M = 1_000_000;
const fact = (model: string, iso: string, tokens: Partial<TokenCounts>, extra: Partial<CostInput> = {}): CostInput => ({
  model, start: at(iso), tokens: { ...emptyTokens(), ...tokens }, serviceTier: 'standard', contextTier: null, requests: 10, ...extra,
});
function money(f: CostInput, b = book): string {
  const r = estimateCost(f, b);
  if (r.status !== 'priced') throw new Error(r.reason);
  return `${formatNano(r.money.nano)} ${r.money.currency}`;
}

describe('the built-in book', () => {
  it('is what the schema accepts, as it is: builtinBook() uses it unchecked', () => {
    expect(parsePriceBook(builtin)).toStrictEqual(builtin);
    expect(builtinBook()).toBe(builtin);
    // Checked: a book the schema refuses fails here.
    expect(() => parsePriceBook({ ...builtin, entries: [{ ...builtin.entries[0], currency: 12 }] })).toThrow();
  });
});

describe('estimateCost', () => {
  it('prices gpt-4o at the price in force in June 2024 and in December 2024', () => {
    expect(money(fact('gpt-4o', '2024-06-15T12:00:00Z', { input: M, output: M }))).toBe('20.000000000 USD');
    expect(money(fact('gpt-4o', '2024-12-15T12:00:00Z', { input: M, output: M }))).toBe('12.500000000 USD');
  });

  it('prices claude-sonnet-5 at the introductory price before 2026-09-01 and the list price after', () => {
    expect(money(fact('claude-sonnet-5', '2026-08-31T23:59:59Z', { input: M, output: M }))).toBe('12.000000000 USD');
    expect(money(fact('claude-sonnet-5', '2026-09-01T00:00:00Z', { input: M, output: M }))).toBe('18.000000000 USD');
  });

  it('prices cache reads and 5-minute and 1-hour cache writes apart', () => {
    // 0.30 + 3.75 + 6.00 per million
    expect(money(fact('claude-sonnet-4-20250514', '2025-09-01T00:00:00Z', { cache_read: M, cache_write_5m: M, cache_write_1h: M }))).toBe('10.050000000 USD');
  });

  it('applies the DeepSeek off-peak window (UTC 16:30-00:30) only inside the window', () => {
    expect(money(fact('deepseek-chat', '2025-03-01T17:00:00Z', { input: M, output: M }, { requests: 1 }))).toBe('0.685000000 USD');
    expect(money(fact('deepseek-chat', '2025-03-01T12:00:00Z', { input: M, output: M }, { requests: 1 }))).toBe('1.370000000 USD');
    expect(money(fact('deepseek-chat', '2025-03-01T17:00:00Z', { input: M, output: M }, { currency: 'CNY' }))).toBe('5.000000000 CNY');
    // A whole-day bucket is not inside the window: standard price.
    expect(money(fact('deepseek-chat', '2025-03-01T00:00:00Z', { input: M }, { end: at('2025-03-02T00:00:00Z') }))).toBe('0.270000000 USD');
    // The discount ended 2025-09-05 16:00 UTC.
    expect(money(fact('deepseek-chat', '2025-09-06T17:00:00Z', { input: M }))).toBe('0.560000000 USD');
  });

  it('charges the batch tier at 50%', () => {
    expect(money(fact('gpt-4o-2024-08-06', '2025-01-10T00:00:00Z', { input: M, output: M }, { serviceTier: 'batch' }))).toBe('6.250000000 USD');
    expect(money(fact('claude-3-5-haiku-20241022', '2025-09-01T00:00:00Z', { input: 8_800_000, output: 1_320_400 }, { serviceTier: 'batch' }))).toBe('6.160800000 USD');
  });

  it('charges the whole request at the long-context price above 200k', () => {
    expect(money(fact('claude-sonnet-4-20250514', '2025-09-01T00:00:00Z', { input: M, output: M }, { contextTier: '> 200k' }))).toBe('28.500000000 USD');
    expect(money(fact('claude-sonnet-4-20250514', '2025-09-01T00:00:00Z', { input: M, output: M }, { contextTier: '≤ 200k' }))).toBe('18.000000000 USD');
    // claude-sonnet-4-6 had a >200K surcharge from 2026-02-17 until 2026-03-13.
    expect(money(fact('claude-sonnet-4-6', '2026-03-01T00:00:00Z', { input: M }, { contextTier: '200k-1M' }))).toBe('6.000000000 USD');
    expect(money(fact('claude-sonnet-4-6', '2026-03-14T00:00:00Z', { input: M }, { contextTier: '200k-1M' }))).toBe('3.000000000 USD');
  });

  it('adds the Bedrock geo uplift and the Azure Data Zone uplift', () => {
    expect(money(fact('claude-sonnet-4-5-20250929', '2025-10-01T00:00:00Z', { input: M }, { route: 'bedrock-global' }))).toBe('3.000000000 USD');
    expect(money(fact('claude-sonnet-4-5-20250929', '2025-10-01T00:00:00Z', { input: M }, { route: 'bedrock-geo' }))).toBe('3.300000000 USD');
    expect(money(fact('gpt-4o-2024-08-06', '2025-01-10T00:00:00Z', { input: M }, { route: 'azure-datazone' }))).toBe('2.750000000 USD');
    // By rule, for a model with only a direct price.
    const custom = mergePriceOverrides(book, [
      { model: 'claude-sonnet-9', currency: 'USD', effectiveFrom: '2026-01-01', prices: { input: '10', output: '50' } },
      { model: 'gpt-9', currency: 'USD', effectiveFrom: '2026-01-01', prices: { input: '2', output: '8' } },
    ]);
    expect(money(fact('claude-sonnet-9', '2026-02-01T00:00:00Z', { input: M }, { route: 'bedrock-geo' }), custom)).toBe('11.000000000 USD');
    expect(money(fact('gpt-9', '2026-02-01T00:00:00Z', { input: M }, { route: 'azure-datazone' }), custom)).toBe('2.200000000 USD');
  });

  it('gives CNY money for a model priced in CNY', () => {
    expect(money(fact('hunyuan-turbos-latest', '2025-06-01T00:00:00Z', { input: M, output: M }))).toBe('2.800000000 CNY');
    expect(money(fact('deepseek-chat', '2025-09-10T00:00:00Z', { input: 3_200_114, cache_read: 41_205_760, output: 912_004 }, { currency: 'CNY', end: at('2025-09-11T00:00:00Z') }))).toBe('44.347384000 CNY');
  });

  it('returns unpriced for an unknown model, never zero', () => {
    const r = estimateCost(fact('no-such-model-7b', '2025-01-01T00:00:00Z', { input: 100 }), book);
    expect(r.status).toBe('unpriced');
    expect(estimateCost(fact('gpt-4o', '2020-01-01T00:00:00Z', { input: 100 }), book).status).toBe('unpriced');
  });

  it('does not charge reasoning tokens twice (they are inside output)', () => {
    expect(money(fact('o3', '2025-07-01T00:00:00Z', { output: M, reasoning: 600_000 }))).toBe('8.000000000 USD');
  });

  it('rounds once per fact, half away from zero', () => {
    // 3 x 0.0028/M = 0.0000000084 -> 8 nano; 5 x 0.0001/M (custom) = 0.0000000005 -> 1 nano
    expect(money(fact('deepseek-v4-flash', '2026-05-01T00:00:00Z', { cache_read: 3 }))).toBe('0.000000008 USD');
    const custom = mergePriceOverrides(book, [{ model: 'tiny', currency: 'USD', effectiveFrom: '2025-01-01', prices: { input: '0.0001' } }]);
    expect(money(fact('tiny', '2025-02-01T00:00:00Z', { input: 5 }), custom)).toBe('0.000000001 USD');
  });

  it('lets a user override win while in force, then falls back to the built-in price', () => {
    const b = mergePriceOverrides(book, [{ model: 'gpt-4o', currency: 'USD', effectiveFrom: '2024-06-01', effectiveTo: '2024-07-01', prices: { input: '1', output: '1' } }]);
    expect(money(fact('gpt-4o', '2024-06-15T00:00:00Z', { input: M, output: M }), b)).toBe('2.000000000 USD');
    expect(money(fact('gpt-4o', '2024-07-15T00:00:00Z', { input: M, output: M }), b)).toBe('20.000000000 USD');
    const w = mergePriceOverrides(book, [{ model: 'gpt-4o', currency: 'USD', effectiveFrom: '2024-06-01', prices: {}, withdrawn: true }]);
    expect(estimateCost(fact('gpt-4o', '2024-06-15T00:00:00Z', { input: M }), w).status).toBe('unpriced');
  });

  it('prices the canonical id of an export, and a snapshot only where the book declares its price', () => {
    const r = resolveModel('us.anthropic.claude-sonnet-4-20250514-v1:0', { provider: 'bedrock' })!;
    expect(priceAt(book, r.model, at('2025-09-01T00:00:00Z'), r.route.priceRoute)).not.toBeNull();
    // A snapshot the vendor never priced is not guessed from its family.
    expect(priceAt(book, 'gpt-4o-2099-01-01', at('2025-09-01T00:00:00Z'))).toBeNull();
    // A declared one says what it is priced as.
    expect(priceAt(book, 'o3-2025-04-16', at('2025-05-01T00:00:00Z'))?.evidence).toMatch(/^priced as o3, the alias it was served under/);
  });

  it('tries the routes a route falls back to, scaling by an uplift rule only from its base route', () => {
    // One request of 100,000 input tokens (below every long-context threshold).
    const input = (model: string, route: string, iso = '2025-10-01T00:00:00Z') => money(fact(model, iso, { input: 100_000 }, { route, requests: 1 }));
    // eu-central-1 in-region follows the eu. profile list.
    expect(input('nova-pro', 'bedrock@eu-central-1')).toBe('0.105000000 USD');
    expect(input('nova-pro', 'bedrock@us-east-1')).toBe('0.080000000 USD');
    // Claude 4.5: the geo price already carries the +10 %; an in-region route falling back to it is not scaled again.
    expect(input('claude-sonnet-4-5-20250929', 'bedrock@us-west-2')).toBe('0.330000000 USD');
    expect(input('claude-sonnet-4-5-20250929', 'bedrock')).toBe('0.330000000 USD');
    expect(input('claude-sonnet-4-5-20250929', 'vertex@europe-west1')).toBe('0.330000000 USD');
    // Azure Regional +10 % from Global; Global falls back to OpenAI's list.
    expect(input('gpt-4o-2024-11-20', 'azure-regional')).toBe('0.275000000 USD');
    expect(input('gpt-4o-mini-2024-07-18', 'azure-global')).toBe('0.015000000 USD');
  });

  it("prices OpenRouter usage at the serving provider's list, without the vendor's off-peak window", () => {
    const f = (route: string, iso: string, tokens: Partial<TokenCounts>) => money(fact('deepseek-v3-0324', iso, tokens, { route, requests: 1 }));
    // 2025-09-01 23:59 UTC is inside DeepSeek's 16:30-00:30 window: DeepSeek's own API halves the price, OpenRouter does not.
    expect(f('openrouter:deepseek', '2025-09-01T23:59:58Z', { input: 3_520, cache_read: 6_400, output: 1_480 })).toBe('0.003026400 USD');
    expect(f('direct', '2025-09-01T23:59:58Z', { input: 3_520, cache_read: 6_400, output: 1_480 })).toBe('0.001513200 USD');
    // Moonshot AI serving OpenRouter's kimi-k2 bills Moonshot's list ($0.60 / $0.15 cached / $2.50).
    expect(money(fact('kimi-k2', '2025-09-02T06:30:00Z', { input: 4_592, cache_read: 17_408, output: 3_100 }, { route: 'openrouter:moonshot-ai', requests: 1 }))).toBe('0.013116400 USD');
    // A :free variant costs nothing; an unknown model on it stays unpriced.
    expect(money(fact('gpt-oss-120b', '2025-09-02T00:00:00Z', { input: 3_400, output: 880 }, { route: 'openrouter-free', requests: 1 }))).toBe('0.000000000 USD');
    expect(estimateCost(fact('no-such-model-7b', '2025-09-02T00:00:00Z', { input: 1 }, { route: 'openrouter-free' }), book).status).toBe('unpriced');
  });
});

// Every dated (unqualified) row of price_history.csv: a synthetic fact of 1M input + 1M output on its date.
const history = Papa.parse<Record<string, string>>(readFileSync('data/pricing/price_history.csv', 'utf8'), { header: true, skipEmptyLines: true }).data
  .filter((r) => !r.model!.includes('('));
const cents = (a: string, b: string) => (Math.round((Number(a) + Number(b)) * 1e6) / 1e6).toString();
describe('every dated change in price_history.csv', () => {
  it.each(history.map((r) => [r.model!, r.effective_from!, r.currency!, cents(r.input_per_mtok!, r.output_per_mtok!)]))(
    '%s from %s in %s costs %s for 1M input + 1M output',
    (model, from, currency, expected) => {
      const m = resolveModel(model)?.model ?? model;
      const r = estimateCost(fact(m, `${from}T20:00:00Z`, { input: M, output: M }, { currency }), book);
      expect(r.status).toBe('priced');
      if (r.status === 'priced') {
        expect(r.money.currency).toBe(currency);
        expect(Number(formatNano(r.money.nano))).toBeCloseTo(Number(expected), 9);
      }
    },
  );
});
