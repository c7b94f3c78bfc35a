import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffPriceSources, loadLiteLlmPrices, loadOpenRouterPrices } from './sources';

const opts = { checkedOn: '2026-08-01', effectiveFrom: '2026-08-01', source: 'test' };
const LITELLM_EXCERPT = {
  sample_spec: { mode: 'chat' },
  'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5, cache_read_input_token_cost: 1.25e-6, input_cost_per_token_batches: 1.25e-6, output_cost_per_token_batches: 5e-6 },
  'us.anthropic.claude-sonnet-4-5-20250929-v1:0': { litellm_provider: 'bedrock_converse', mode: 'chat', input_cost_per_token: 3.3e-6, output_cost_per_token: 1.65e-5, input_cost_per_token_above_200k_tokens: 6.6e-6, output_cost_per_token_above_200k_tokens: 2.475e-5 },
  'wandb/deepseek-ai/DeepSeek-R1-0528': { litellm_provider: 'wandb', mode: 'chat', input_cost_per_token: 0.135, output_cost_per_token: 0.54 },
  'text-embedding-3-small': { litellm_provider: 'openai', mode: 'embedding', input_cost_per_token: 2e-8 },
};

describe('loadLiteLlmPrices', () => {
  it('turns per-token floats into exact per-million decimals with tiers', () => {
    const { entries } = loadLiteLlmPrices(LITELLM_EXCERPT, opts);
    const gpt = entries.find((e) => e.model === 'gpt-4o')!;
    expect(gpt.prices).toEqual({ input: '2.5', output: '10', cache_read: '1.25' });
    expect(gpt.tiers?.batch?.prices).toEqual({ input: '1.25', output: '5' });
    const geo = entries.find((e) => e.route === 'bedrock-geo')!;
    expect(geo.model).toBe('claude-sonnet-4-5-20250929');
    expect(geo.prices.input).toBe('3.3');
    expect(geo.tiers?.longContext).toEqual([{ aboveInputTokens: 200000, prices: { input: '6.6', output: '24.75' } }]);
    expect(entries.some((e) => e.model.startsWith('text-embedding'))).toBe(false);
  });
});

describe('loadOpenRouterPrices', () => {
  it('reads the /api/v1/models sample with long-context overrides', () => {
    const json = JSON.parse(readFileSync('test/fixtures/pricing/openrouter_models_sample.json', 'utf8'));
    const { entries } = loadOpenRouterPrices(json, opts);
    const sonnet = entries.find((e) => e.model === 'claude-sonnet-4-5')!;
    expect(sonnet.route).toBe('openrouter');
    expect(sonnet.prices).toEqual({ input: '3', output: '15', cache_read: '0.3', cache_write_5m: '3.75', cache_write_1h: '6' });
    expect(sonnet.tiers?.longContext?.[0]).toEqual({ aboveInputTokens: 200000, prices: { input: '6', output: '22.5', cache_read: '0.6', cache_write_5m: '7.5', cache_write_1h: '12' } });
    expect(entries.find((e) => e.model === 'deepseek-v4-flash-0731')?.prices.cache_read).toBe('0.0028');
  });
});

describe('diffPriceSources', () => {
  it('holds a price that moves 100x or more and passes a normal change', () => {
    const { entries: current } = loadLiteLlmPrices({ 'wandb/deepseek-ai/DeepSeek-R1-0528': { litellm_provider: 'wandb', mode: 'chat', input_cost_per_token: 1.35e-6, output_cost_per_token: 5.4e-6 }, 'gpt-4o': LITELLM_EXCERPT['gpt-4o'] }, { ...opts, effectiveFrom: '2026-01-01' });
    const { entries: proposed } = loadLiteLlmPrices({ ...LITELLM_EXCERPT, 'gpt-4o': { ...LITELLM_EXCERPT['gpt-4o'], input_cost_per_token: 2e-6 } }, opts);
    const changes = diffPriceSources(current, proposed);
    const wandb = changes.find((c) => c.route === 'host:wandb')!;
    expect(wandb.held).toBe(true);
    expect(wandb.fields.input).toEqual(['1.35', '135000']);
    const gpt = changes.find((c) => c.model === 'gpt-4o')!;
    expect(gpt.held).toBe(false);
    expect(gpt.fields.input).toEqual(['2.5', '2']);
  });

  it('holds a new entry with an implausible price', () => {
    const { entries } = loadLiteLlmPrices(LITELLM_EXCERPT, opts);
    expect(diffPriceSources([], entries).find((c) => c.route === 'host:wandb')?.held).toBe(true);
  });
});
