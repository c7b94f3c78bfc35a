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
    // Embedding models are priced too (input only).
    expect(entries.find((e) => e.model === 'text-embedding-3-small')?.prices).toEqual({ input: '0.02', output: '0' });
  });

  it("files LiteLLM's bare Azure key as the Regional price where a Global key or the Data Zone price says so", () => {
    const azure = (i: number, o: number) => ({ litellm_provider: 'azure', mode: 'chat', input_cost_per_token: i, output_cost_per_token: o });
    const { entries } = loadLiteLlmPrices(
      {
        'azure/gpt-4o-mini': azure(1.65e-7, 6.6e-7),
        'azure/global-standard/gpt-4o-mini': azure(1.5e-7, 6e-7),
        'azure/gpt-4o-mini-2024-07-18': azure(1.65e-7, 6.6e-7),
        'azure/eu/gpt-4o-mini-2024-07-18': azure(1.65e-7, 6.6e-7),
        'azure/gpt-4.1-2025-04-14': azure(2e-6, 8e-6),
        'azure/eu/gpt-4.1-2025-04-14': azure(2.2e-6, 8.8e-6),
      },
      opts,
    );
    const at = (model: string, route: string) => entries.find((e) => e.model === model && e.route === route)?.prices.input;
    expect(at('gpt-4o-mini', 'azure-global')).toBe('0.15');
    expect(at('gpt-4o-mini', 'azure-regional')).toBe('0.165');
    // No Global key and the bare price equals the Data Zone one: Regional, and Global falls back to OpenAI's list.
    expect(at('gpt-4o-mini-2024-07-18', 'azure-regional')).toBe('0.165');
    expect(at('gpt-4o-mini-2024-07-18', 'azure-global')).toBeUndefined();
    // The usual case: the bare key is the Global price.
    expect(at('gpt-4.1-2025-04-14', 'azure-global')).toBe('2');
    expect(at('gpt-4.1-2025-04-14', 'azure-datazone')).toBe('2.2');
  });

  it('keeps entries that carry only tiered prices, their bands as long-context tiers and the reasoning price as thinking mode', () => {
    const { entries } = loadLiteLlmPrices(
      {
        'dashscope/qwen-plus-2025-07-28': {
          litellm_provider: 'dashscope',
          mode: 'chat',
          tiered_pricing: [
            { input_cost_per_token: 4e-7, output_cost_per_reasoning_token: 4e-6, output_cost_per_token: 1.2e-6, range: [0, 256000] },
            { input_cost_per_token: 1.2e-6, output_cost_per_reasoning_token: 1.2e-5, output_cost_per_token: 3.6e-6, range: [256000, 1000000] },
          ],
        },
      },
      opts,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      model: 'qwen-plus-2025-07-28',
      prices: { input: '0.4', output: '1.2' },
      tiers: { thinking: { prices: { output: '4' } }, longContext: [{ aboveInputTokens: 256000, prices: { input: '1.2', output: '3.6' }, thinking: { output: '12' } }] },
    });
  });

  it("prices an image model's output as image tokens", () => {
    const { entries } = loadLiteLlmPrices(
      { 'gemini/gemini-2.5-flash-image': { litellm_provider: 'gemini', mode: 'image_generation', input_cost_per_token: 3e-7, output_cost_per_token: 2.5e-6, output_cost_per_image_token: 3e-5, output_cost_per_reasoning_token: 2.5e-6 } },
      opts,
    );
    expect(entries[0]).toMatchObject({ model: 'gemini-2.5-flash-image', route: 'direct', prices: { input: '0.3', output: '30' } });
    expect(entries[0]!.prices.reasoning).toBeUndefined();
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
