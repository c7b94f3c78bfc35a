/**
 * Each tip rule on a crafted ledger: the saving computed by hand from the book's prices, and a ledger
 * where the rule must stay silent. Figures come through the real contract (tips.list) on a real SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';
import { insertFacts, type CraftedFact } from './ledger';
import type { Tip, TipsReport } from '../../shared/contract/api/tips';
import { createTranslator } from '../../shared/i18n';
import { sayWith } from '../../shared/i18n/said';

const M = 1_000_000;

function setup(facts: CraftedFact[]) {
  const t = testEngine();
  const ids = insertFacts(t.engine.ctx.db, facts);
  return { ...t, ids };
}

async function tips(t: ReturnType<typeof setup>, period = '2025-09'): Promise<TipsReport> {
  return t.client.call('tips.list', { period });
}

const of = (r: TipsReport, rule: Tip['rule']) => r.tips.filter((x) => x.rule === rule);

describe('rule 1, prompt caching', () => {
  it('prices half the prompt from cache, one write per ten reads, for a cache-capable model with no cache reads', async () => {
    const t = setup([
      { at: '2025-09-10T00:00:00Z', provider: 'anthropic', modelRaw: 'claude-3-5-haiku-20241022', model: 'claude-3-5-haiku-20241022', apiKey: 'k1', input: 10 * M, requests: 1000 },
    ]);
    const [tip] = of(await tips(t), 'caching');
    // Haiku 3.5 from 2024-12-03: input 0.8, cache read 0.08, cache write 1 USD/M. 5M tokens move: 454,545 (=5M/11) writes, 4,545,455 reads.
    // 5,000,000 x 0.8 / M - 4,545,455 x 0.08 / M - 454,545 x 1 / M = 4 - 0.3636364 - 0.454545
    expect(tip!.saving).toEqual({ USD: '3.1818186' });
    expect(tip!.evidence.factIds).toEqual(t.ids);
    expect(tip!.evidence.prices.map((p) => [p.model, p.route, p.prices.input, p.prices.cache_read])).toEqual([['claude-3-5-haiku-20241022', 'direct', '0.8', '0.08']]);
  });

  it('states a cell of another service tier at that tier\'s prices and names the tier in the reader\'s language', async () => {
    const t = setup([{ at: '2025-09-10T00:00:00Z', provider: 'openai', modelRaw: 'gpt-5-2025-08-07', model: 'gpt-5-2025-08-07', tier: 'priority', apiKey: 'kr', input: 10 * M, requests: 1000 }]);
    const [tip] = of(await tips(t), 'caching');
    // Priority: input 2.50, cache read 0.25 USD/M; 5M tokens move: 12.50 - 1.25 = 11.25 USD. The rule states the tier's prices.
    expect(tip!.summary).toBe('10,000,000 uncached input tokens and a cache-read share of 0% on a model that reads cache at 0.25 vs 2.5 USD/M.');
    expect(tip!.evidence.arithmetic.at(-1)).toBe('openai gpt-5-2025-08-07 (direct, priority) key kr: 25.00 USD at book prices now, 13.75 USD after: saves 11.25 USD');
    expect(sayWith(createTranslator('zh-CN').intl, tip!.evidence.savings.at(-1)!)).toBe('openai gpt-5-2025-08-07（direct，优先） 密钥 kr：按价目表现为 25.00 USD，调整后 13.75 USD：节省 11.25 USD');
  });
  it('stays silent when a third of the prompt is already read from cache', async () => {
    const t = setup([
      { at: '2025-09-10T00:00:00Z', provider: 'anthropic', modelRaw: 'claude-3-5-haiku-20241022', model: 'claude-3-5-haiku-20241022', apiKey: 'k1', input: 10 * M, cacheRead: 5 * M, requests: 1000 },
    ]);
    expect(of(await tips(t), 'caching')).toEqual([]);
  });
});

describe('rule 2, right-sizing', () => {
  it('reprices short-output gpt-4o work on gpt-4o-mini', async () => {
    const t = setup([{ at: '2025-09-10T00:00:00Z', provider: 'openai', modelRaw: 'gpt-4o-2024-08-06', model: 'gpt-4o-2024-08-06', apiKey: 'k2', input: M, output: 100_000, requests: 200 }]);
    const [tip] = of(await tips(t), 'right-sizing');
    // gpt-4o: 2.5 in / 10 out; gpt-4o-mini: 0.15 / 0.6. (2.5 + 1.0) - (0.15 + 0.06)
    expect(tip!.saving).toEqual({ USD: '3.290000' });
    expect(tip!.title).toBe('Try gpt-4o-mini instead of gpt-4o-2024-08-06 for key k2');
  });

  it('stays silent when answers are long (1,000 output tokens per request)', async () => {
    const t = setup([{ at: '2025-09-10T00:00:00Z', provider: 'openai', modelRaw: 'gpt-4o-2024-08-06', model: 'gpt-4o-2024-08-06', apiKey: 'k2', input: M, output: 200_000, requests: 200 }]);
    expect(of(await tips(t), 'right-sizing')).toEqual([]);
  });
});

describe('rule 3, batch', () => {
  const nightly = (hour: string): CraftedFact => ({
    at: `2025-09-10T${hour}:00:00Z`, granularity: 'request', provider: 'openai', modelRaw: 'gpt-4o-mini-2024-07-18', model: 'gpt-4o-mini-2024-07-18', apiKey: 'nightly', input: 2 * M, output: 500_000, requests: 1,
  });
  it('prices night-time work of a key at the batch price', async () => {
    const t = setup([nightly('02')]);
    const [tip] = of(await tips(t), 'batch');
    // standard 0.15 / 0.6, batch 0.075 / 0.3: (0.3 + 0.3) - (0.15 + 0.15)
    expect(tip!.saving).toEqual({ USD: '0.300000' });
  });
  it('stays silent for the same work in the afternoon', async () => {
    const t = setup([nightly('14')]);
    expect(of(await tips(t), 'batch')).toEqual([]);
  });
});

describe("rule 4, off-peak (DeepSeek's discount window)", () => {
  const at = (hour: string): CraftedFact => ({
    at: `2025-03-10T${hour}:00:00Z`, granularity: 'request', provider: 'deepseek', modelRaw: 'deepseek-chat', model: 'deepseek-chat', vendor: 'deepseek', region: 'CN', apiKey: 'ds', input: M, output: M, requests: 1,
  });
  it('moves half of the peak-hour usage into the window', async () => {
    const t = setup([at('10')]);
    const [tip] = of(await tips(t, '2025-03'), 'off-peak');
    // CNY list from 2025-02-26: 2 in / 8 out, off-peak 1 / 4. Half moves: 0.5 x (2 - 1) + 0.5 x (8 - 4)
    expect(tip!.saving).toEqual({ CNY: '2.500000' });
  });
  it('stays silent for usage already inside the window', async () => {
    const t = setup([at('17')]);
    expect(of(await tips(t, '2025-03'), 'off-peak')).toEqual([]);
  });
  it('stays silent in a month during which the window closed (2025-09-05 16:00 UTC): peak-hour usage before the end, or after it', async () => {
    const september = (day: string): CraftedFact => ({ ...at('10'), at: `2025-09-${day}T10:00:00Z` });
    for (const days of [['01'], ['01', '08'], ['08']]) {
      const t = setup(days.map(september));
      expect(of(await tips(t, '2025-09'), 'off-peak'), days.join(', ')).toEqual([]);
    }
  });
});

describe('rule 5, deployment', () => {
  it('prices the Bedrock geo profile on the global one, Azure Data Zone on Global, and OpenRouter hosts at the cheapest', async () => {
    const t = setup([
      { at: '2025-09-10T00:00:00Z', provider: 'aws-bedrock', modelRaw: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', model: 'claude-sonnet-4-5-20250929', input: M, output: 100_000 },
      { at: '2025-09-10T00:00:00Z', provider: 'azure-openai', modelRaw: 'gpt-4o-2024-08-06', model: 'gpt-4o-2024-08-06', geo: 'data-zone-eu', input: M, output: 100_000 },
      { at: '2025-09-10T08:00:00Z', granularity: 'request', provider: 'openrouter', modelRaw: 'anthropic/claude-4-sonnet-20250522', model: 'claude-sonnet-4', host: 'Anthropic', input: 1000, output: 1000, requests: 1, billed: '0.018' },
      { at: '2025-09-10T09:00:00Z', granularity: 'request', provider: 'openrouter', modelRaw: 'anthropic/claude-4-sonnet-20250522', model: 'claude-sonnet-4', host: 'Amazon Bedrock', input: 1000, output: 1000, requests: 1, billed: '0.0216' },
    ]);
    const r = of(await tips(t), 'deployment');
    const by = (s: string) => r.find((x) => x.title.includes(s))!.saving;
    // geo 3.3 / 16.5 vs global 3 / 15: 4.95 - 4.5
    expect(by('Bedrock global')).toEqual({ USD: '0.450000' });
    // Data Zone 2.75 / 11 vs Global 2.5 / 10: 3.85 - 3.5
    expect(by('Azure Global')).toEqual({ USD: '0.350000' });
    // book 3 / 15 per M: 0.018 for both; index 1.0 vs 1.2, so Bedrock's 0.018 becomes 0.018 x 1.0 / 1.2 = 0.015
    expect(by('OpenRouter')).toEqual({ USD: '0.003000' });
  });
  it('stays silent on the global profile and a single OpenRouter host', async () => {
    const t = setup([
      { at: '2025-09-10T00:00:00Z', provider: 'aws-bedrock', modelRaw: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', model: 'claude-sonnet-4-5-20250929', input: M, output: 100_000 },
      { at: '2025-09-10T08:00:00Z', granularity: 'request', provider: 'openrouter', modelRaw: 'anthropic/claude-4-sonnet-20250522', model: 'claude-sonnet-4', host: 'Anthropic', input: 1000, output: 1000, requests: 1, billed: '0.018' },
    ]);
    expect(of(await tips(t), 'deployment')).toEqual([]);
  });
});

describe('rule 6, price changes', () => {
  it('states what a rise costs (DeepSeek, 2025-09-05) and saves by moving an old snapshot to the cheaper one', async () => {
    const t = setup([
      { at: '2025-09-10T00:00:00Z', provider: 'deepseek', modelRaw: 'deepseek-chat', model: 'deepseek-chat', region: 'CN', input: M, output: M, billed: '2.24', currency: 'USD' },
      { at: '2025-09-10T00:00:00Z', provider: 'openai', modelRaw: 'gpt-4o-2024-05-13', model: 'gpt-4o-2024-05-13', input: M, output: 100_000 },
    ]);
    const r = of(await tips(t), 'price-change');
    const rise = r.find((x) => x.title.startsWith('deepseek-chat got dearer'))!;
    // new 0.56 / 1.68, old 0.27 / 1.10: 2.24 - 1.37
    expect(rise.impact).toEqual({ USD: '0.870000' });
    expect(rise.saving).toEqual({});
    const cut = r.find((x) => x.title.startsWith('Move gpt-4o-2024-05-13'))!;
    // 5 / 15 vs 2.5 / 10: 6.5 - 3.5
    expect(cut.saving).toEqual({ USD: '3.000000' });
  });
  it('stays silent for a rise that went back before the period ended: its premise no longer holds', async () => {
    const t = setup([{ at: '2025-09-10T00:00:00Z', provider: 'deepseek', modelRaw: 'deepseek-chat', model: 'deepseek-chat', region: 'CN', input: M, output: M, billed: '2.24', currency: 'USD' }]);
    expect(of(await tips(t), 'price-change').map((x) => x.title)).toContain('deepseek-chat got dearer on 2025-09-05 16:00 UTC');
    // The old list (0.27 / 1.10) back from 2025-09-20: the September rise is over by the month's end.
    await t.client.call('prices.set', { model: 'deepseek-chat', currency: 'USD', effectiveFrom: '2025-09-20T00:00:00Z', prices: { input: '0.27', output: '1.1' } });
    expect(of(await tips(t), 'price-change').filter((x) => x.title.startsWith('deepseek-chat got dearer'))).toEqual([]);
  });
  it('stays silent for a model whose price did not change near the period', async () => {
    const t = setup([{ at: '2025-09-10T00:00:00Z', provider: 'anthropic', modelRaw: 'claude-3-5-haiku-20241022', model: 'claude-3-5-haiku-20241022', input: M, output: M }]);
    expect(of(await tips(t), 'price-change')).toEqual([]);
  });
});

describe('rule 7, prompt bloat', () => {
  const month = (day: string, input: number): CraftedFact => ({
    at: `${day}T00:00:00Z`, provider: 'openai', modelRaw: 'gpt-4o-mini-2024-07-18', model: 'gpt-4o-mini-2024-07-18', apiKey: 'kb', input, output: 20_000, requests: 100,
  });
  it('prices prompts back at last month’s size per request', async () => {
    const t = setup([month('2025-08-10', 100_000), month('2025-09-10', 300_000)]);
    const [tip] = of(await tips(t), 'prompt-bloat');
    // 1,000 -> 3,000 prompt tokens per request; back to 1,000: 200,000 fewer input tokens x 0.15 / M
    expect(tip!.saving).toEqual({ USD: '0.030000' });
  });
  it('stays silent when prompts grew 10%', async () => {
    const t = setup([month('2025-08-10', 100_000), month('2025-09-10', 110_000)]);
    expect(of(await tips(t), 'prompt-bloat')).toEqual([]);
  });
});

describe('rule 8, reasoning share', () => {
  const g = (reasoning: number): CraftedFact => ({
    at: '2025-09-10T00:00:00Z', provider: 'google', modelRaw: 'gemini-2.5-pro', model: 'gemini-2.5-pro', apiKey: 'kr', output: M, reasoning, requests: 100,
  });
  it('prices half of the reasoning tokens away and states the cost of the share', async () => {
    const t = setup([g(800_000)]);
    const [tip] = of(await tips(t), 'reasoning-share');
    // output 10 USD/M: 400,000 fewer reasoning tokens = 4; the whole share is 800,000 x 10 / M = 8
    expect(tip!.saving).toEqual({ USD: '4.000000' });
    expect(tip!.summary).toContain('costing 8.00 USD');
  });
  it('stays silent at a 40% share', async () => {
    const t = setup([g(400_000)]);
    expect(of(await tips(t), 'reasoning-share')).toEqual([]);
  });
});

describe('rule 9, region mix', () => {
  const days = (month: string, n: number, f: (d: string) => CraftedFact[]) =>
    Array.from({ length: n }, (_, i) => f(`${month}-${String(i + 1).padStart(2, '0')}`)).flat();
  const day = (us: [number, string], cn: [number, string]) => (d: string): CraftedFact[] => [
    { at: `${d}T00:00:00Z`, provider: 'openrouter', modelRaw: 'openai/gpt-4o-mini', model: 'gpt-4o-mini', region: 'US', input: us[0], billed: us[1] },
    { at: `${d}T00:00:00Z`, provider: 'openrouter', modelRaw: 'deepseek/deepseek-chat', model: 'deepseek-chat', region: 'CN', input: cn[0], billed: cn[1] },
  ];
  it('splits the change into volume, mix and price effects', async () => {
    const t = setup([...days('2025-08', 8, day([M, '1'], [M, '0.25'])), ...days('2025-09', 8, day([M, '1'], [3 * M, '0.6'])) ]);
    const [tip] = of(await tips(t), 'region-mix');
    // V0 16M, S0 10; V1 32M, S1 12.8. volume (32-16)/16 x 10 = 10; mix: US (8M - 16M) x 1/M + CN (24M - 16M) x 0.25/M = -6;
    // price 2.8 - 10 + 6 = -1.2 (CN got cheaper per token: 0.25 -> 0.2 per M)
    expect(tip!.summary).toBe('From August 2025 to September 2025 (USD): volume 10.00 USD, mix -6.00 USD, price -1.20 USD; total change 2.80 USD.');
    expect(sayWith(createTranslator('zh-CN').intl, tip!.said.summary)).toBe('从 2025年8月 到 2025年9月（USD）：用量变化 10.00 USD，构成变化 -6.00 USD，价格变化 -1.20 USD；总变化 2.80 USD。');
    expect(sayWith(createTranslator('zh-CN').intl, tip!.said.title)).toBe('USD 支出在地区之间发生转移');
    expect(tip!.impact).toEqual({ USD: '2.800000' });
  });
  it('stays silent when the previous month has a single day of data', async () => {
    const t = setup([...days('2025-08', 1, day([M, '1'], [M, '0.25'])), ...days('2025-09', 8, day([M, '1'], [3 * M, '0.6']))]);
    expect(of(await tips(t), 'region-mix')).toEqual([]);
  });
});

describe('overlapping tips', () => {
  const cell: CraftedFact = { at: '2025-09-10T00:00:00Z', provider: 'openai', modelRaw: 'gpt-4o-2024-08-06', model: 'gpt-4o-2024-08-06', apiKey: 'k2', input: M, output: 100_000, requests: 200 };
  it('count a cell once: caching saves only on what right-sizing leaves', async () => {
    const t = setup([cell]);
    const r = await tips(t);
    const size = of(r, 'right-sizing')[0]!;
    const cache = of(r, 'caching')[0]!;
    // alone: right-sizing 3.29; caching 500,000 x (2.5 - 1.25) / M = 0.625
    expect(size.saving).toEqual({ USD: '3.290000' });
    expect(cache.saving).toEqual({ USD: '0.625000' });
    // combined: caching after right-sizing, on gpt-4o-mini: 500,000 x (0.15 - 0.075) / M = 0.0375
    expect(cache.combinedSaving).toEqual({ USD: '0.037500' });
    expect(r.totalSaving).toEqual({ USD: '3.327500' });
    expect(r.standaloneSum).toEqual({ USD: '3.915000' });
  });

  it('recombine without a dismissed tip, and remember the dismissal for that month only', async () => {
    const t = setup([cell]);
    const size = of(await tips(t), 'right-sizing')[0]!;
    await t.client.call('tips.dismiss', { period: '2025-09', tipId: size.id, dismissed: true });
    const r = await tips(t);
    expect(of(r, 'right-sizing')[0]!.dismissed).toBe(true);
    expect(of(r, 'caching')[0]!.combinedSaving).toEqual({ USD: '0.625000' });
    expect(r.totalSaving).toEqual({ USD: '0.625000' });
    expect(r.tips.at(-1)!.id).toBe(size.id);
    const other = await tips(t, '2025-10');
    expect(other.tips).toEqual([]);
    await t.client.call('tips.dismiss', { period: '2025-09', tipId: size.id, dismissed: false });
    expect((await tips(t)).totalSaving).toEqual({ USD: '3.327500' });
  });
});
