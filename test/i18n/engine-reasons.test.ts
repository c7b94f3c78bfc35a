/**
 * The engine's reasons beside its figures (why a fact has no price, why a price change is held, why an FX
 * line is left out, why a column mapping cannot be saved) carry a message of the engine catalog beside the
 * English text scripts read: each id is in both catalogs, reads in Chinese with no English sentence left, and
 * (where the English is built from the catalog) says exactly the English text.
 */
import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { english } from '../../shared/i18n/english';
import { sayWith, type Said } from '../../shared/i18n/said';
import enEngine from '../../shared/i18n/en/engine.json';
import zhEngine from '../../shared/i18n/zh-CN/engine.json';
import { estimateCost } from '../../shared/domain/pricing/price-book';
import { builtinBook, priceFact, type PricingInput } from '../../shared/domain/pricing/price-fact';
import { diffPriceSources } from '../../shared/domain/pricing/sources';
import { fxRateProblems, parseFxCsv } from '../../shared/domain/fx';
import { mappingProblems, suggestRoles } from '../../shared/domain/csv-mapping';

const zh = createIntl<string>({
  locale: 'zh-CN',
  messages: zhEngine,
  onError: (e) => {
    throw e;
  },
});

/** Chinese with only names, ids and figures left in Latin letters (no run of two English words). */
function readsInChinese(s: Said | undefined | null): string {
  expect(s, 'a said').toBeTruthy();
  expect(Object.keys(enEngine)).toContain(s!.id);
  const text = sayWith(zh, s!);
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  const rest = text.replace(/\b[A-Za-z0-9]+(?:[-_.:/][A-Za-z0-9]+)+\b/g, ' ');
  expect(rest, text).not.toMatch(/[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}/);
  return text;
}

const TOKENS = { input: 1000, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0, output: 10, reasoning: 0 };
const AT = Date.parse('2025-09-10T12:00:00Z');
const fact = (over: Partial<PricingInput>): PricingInput => ({
  lineType: 'usage',
  provider: 'openai',
  model: 'gpt-4o-mini-2024-07-18',
  route: 'direct',
  start: AT,
  end: AT,
  tokens: TOKENS,
  serviceTier: 'standard',
  contextTier: null,
  requests: 1,
  billedCurrency: null,
  ...over,
});

describe('reasons the engine gives carry a message', () => {
  const book = builtinBook();

  it('why a fact has no price: no model, an unknown model, a date before the first price, a missing tier', () => {
    const noModel = estimateCost({ model: null, start: AT, tokens: TOKENS, serviceTier: 'standard' } as Parameters<typeof estimateCost>[0], book);
    expect(noModel).toMatchObject({ status: 'unpriced', reason: 'no model id' });
    expect(readsInChinese(noModel.status === 'unpriced' ? noModel.reasonSaid : null)).toBe('缺少模型 ID');

    const unknown = priceFact(fact({ model: 'acme-mystery-9' }), book);
    expect(unknown.reason).toBe('no price for acme-mystery-9 on direct at 2025-09-10T12:00:00.000Z');
    expect(readsInChinese(unknown.reasonSaid)).toBe('价目表中没有 acme-mystery-9 在 direct 上 2025年9月10日 的价格');

    const early = priceFact(fact({ start: Date.parse('1999-06-01T00:00:00Z'), end: Date.parse('1999-06-01T00:00:00Z') }), book);
    expect(early.reason).toMatch(/: its first price is from /);
    expect(early.reasonSaid?.id).toBe('engine.unpriced.notYet');
    expect(readsInChinese(early.reasonSaid)).toMatch(/最早的价格始于/);

    const priority = priceFact(fact({ model: 'gpt-5-nano-2025-08-07', serviceTier: 'priority' }), book);
    expect(priority.reason).toBe('no priority price for gpt-5-nano-2025-08-07');
    expect(readsInChinese(priority.reasonSaid)).toBe('价目表中没有 gpt-5-nano-2025-08-07 的优先价格');
  });

  it('why a loaded price change is held', () => {
    const current = book.entries.filter((e) => e.model === 'gpt-4o-mini-2024-07-18' && e.route === 'direct' && e.currency === 'USD');
    const last = current[current.length - 1]!;
    const [held] = diffPriceSources(current, [{ ...last, prices: { ...last.prices, input: '150' } }]);
    expect(held).toMatchObject({ held: true, heldReason: `input moves from ${last.prices.input} to 150 per million (100x or more)` });
    expect(readsInChinese(held!.heldSaid)).toBe(`输入价格从每百万 ${last.prices.input} 变为 150（变动 100 倍或以上）`);
  });

  it('why an FX rate or line is refused, in English exactly as the catalog says it', () => {
    const problems = fxRateProblems({ currency: 'EURO', date: '2025-02-30', perUsd: '0' });
    expect(problems.map(english)).toEqual(['date "2025-02-30" is not a day as YYYY-MM-DD', 'currency "EURO" is not a 3-letter code', 'per_usd must be more than 0']);
    expect(problems.map(readsInChinese)).toEqual(['日期“2025-02-30”不是 YYYY-MM-DD 格式的日期', '币种“EURO”不是 3 位字母代码', 'per_usd 必须大于 0']);
    const { skipped } = parseFxCsv('date,currency,per_usd\n2025-09-01,EUR,0.85\n2025-09-01,EUR,0.86\n');
    expect(skipped).toHaveLength(1);
    expect(english(skipped[0]!.said)).toBe(skipped[0]!.reason);
    expect(readsInChinese(skipped[0]!.said)).toBe('第 2 行已有 EUR 在 2025-09-01 的汇率');
  });

  it('why a column mapping cannot be saved', () => {
    const header = ['timestamp', 'model', 'prompt_tokens', 'completion_tokens'];
    const roles = suggestRoles(header, [['2025-09-01T00:00:00Z', 'm', '1', '2']], ',');
    const problems = mappingProblems({ name: ' ', header, delimiter: ',', roles: { ...roles, provider: 'Not Valid', currency: 'EURO' } });
    expect(problems.map(english)).toEqual([
      'Give the profile a name.',
      'Name the provider in lower case letters, digits, dots or dashes (e.g. internal-gateway).',
      '"EURO" is not a 3-letter currency code.',
    ]);
    for (const p of problems) readsInChinese(p);
  });
});
