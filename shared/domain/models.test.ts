import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { familyOf, resolveModel, type ResolveHints } from './models';
import { createVendorRegistry, BUILTIN_VENDORS } from './vendors';

// Every model id in test/fixtures/exports/* (as the importer will pass it), with the expected result.
type Row = [raw: string, hints: ResolveHints, model: string | null, vendor?: string, priceRoute?: string, geo?: string | null];
const FIXTURE_IDS: Row[] = [
  ['Claude Haiku 3.5', { provider: 'anthropic' }, 'claude-3-5-haiku', 'anthropic', 'direct'],
  ['Claude Opus 4.1', { provider: 'anthropic' }, 'claude-opus-4-1', 'anthropic', 'direct'],
  ['Claude Sonnet 4', { provider: 'anthropic' }, 'claude-sonnet-4', 'anthropic', 'direct'],
  ['claude-3-5-haiku-20241022', { provider: 'anthropic' }, 'claude-3-5-haiku-20241022', 'anthropic', 'direct'],
  ['claude-opus-4-1-20250805', { provider: 'claude-code-log' }, 'claude-opus-4-1-20250805', 'anthropic', 'direct'],
  ['claude-sonnet-4-20250514', { provider: 'claude-code-log' }, 'claude-sonnet-4-20250514', 'anthropic', 'direct'],
  ['<synthetic>', { provider: 'claude-code-log' }, null],
  ['arn:aws:bedrock:us-west-2:444455556666:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0', { provider: 'aws-bedrock' }, 'claude-sonnet-4-5-20250929', 'anthropic', 'bedrock-geo', 'us'],
  ['arn:aws:bedrock:us-east-1:444455556666:inference-profile/global.anthropic.claude-sonnet-4-20250514-v1:0', { provider: 'aws-bedrock' }, 'claude-sonnet-4-20250514', 'anthropic', 'bedrock-global', 'global'],
  ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0', { provider: 'aws-bedrock' }, 'nova-lite', 'amazon', 'bedrock'],
  ['arn:aws:bedrock:eu-central-1::foundation-model/amazon.nova-pro-v1:0', { provider: 'aws-bedrock' }, 'nova-pro', 'amazon', 'bedrock'],
  ['USE1-Claude4Sonnet-input-tokens-cross-region-global', { provider: 'aws-bedrock' }, 'claude-sonnet-4', 'anthropic', 'bedrock-global', 'global'],
  ['USW2-Claude4.5Sonnet-output-tokens', { provider: 'aws-bedrock' }, 'claude-sonnet-4-5', 'anthropic', 'bedrock'],
  ['USE1-NovaLite-input-tokens-batch', { provider: 'aws-bedrock' }, 'nova-lite', 'amazon', 'bedrock'],
  ['EUC1-NovaPro-output-tokens', { provider: 'aws-bedrock' }, 'nova-pro', 'amazon', 'bedrock'],
  ['USW2-qwen.qwen3-next-80b-a3b-instruct-mantle-input-tokens-standard', { provider: 'aws-bedrock' }, 'qwen3-next-80b-a3b-instruct', 'alibaba', 'bedrock'],
  ['USE1-BoxUsage:m7i.large', { provider: 'aws-bedrock' }, null],
  ['gpt 4o 0513 Input global Tokens', { provider: 'azure-openai' }, 'gpt-4o-2024-05-13', 'openai', 'azure-global', 'global'],
  ['gpt 4o 0513 Output global Tokens', { provider: 'azure-openai' }, 'gpt-4o-2024-05-13', 'openai', 'azure-global', 'global'],
  ['gpt-4o-mini-0718-Inp-glbl Tokens', { provider: 'azure-openai' }, 'gpt-4o-mini-2024-07-18', 'openai', 'azure-global', 'global'],
  ['gpt-4o-mini-0718-Outp-glbl Tokens', { provider: 'azure-openai' }, 'gpt-4o-mini-2024-07-18', 'openai', 'azure-global', 'global'],
  ['gpt-4o-mini-0718-Batch-Inp-glbl Tokens', { provider: 'azure-openai' }, 'gpt-4o-mini-2024-07-18', 'openai', 'azure-global', 'global'],
  ['gpt 4.1 mini Inp glbl Tokens', { provider: 'azure-openai' }, 'gpt-4.1-mini', 'openai', 'azure-global', 'global'],
  ['gpt 4.1 mini cached Inp glbl Tokens', { provider: 'azure-openai' }, 'gpt-4.1-mini', 'openai', 'azure-global', 'global'],
  ['gpt 4.1 mini Outp glbl Tokens', { provider: 'azure-openai' }, 'gpt-4.1-mini', 'openai', 'azure-global', 'global'],
  ['gpt 4o 1120 Inp Data Zone Tokens', { provider: 'azure-openai' }, 'gpt-4o-2024-11-20', 'openai', 'azure-datazone', 'data-zone'],
  ['gpt 4o 1120 Outp Data Zone Tokens', { provider: 'azure-openai' }, 'gpt-4o-2024-11-20', 'openai', 'azure-datazone', 'data-zone'],
  ['GPT 5 Inpt Glbl Tokens', { provider: 'azure-openai' }, 'gpt-5', 'openai', 'azure-global', 'global'],
  ['GPT 5 Outp Glbl Tokens', { provider: 'azure-openai' }, 'gpt-5', 'openai', 'azure-global', 'global'],
  ['R1 Inp glbl Tokens', { provider: 'azure-openai' }, 'deepseek-r1', 'deepseek', 'azure-global', 'global'],
  ['Hot LRS Data Stored', { provider: 'azure-openai' }, null],
  ['deepseek-chat', { provider: 'deepseek' }, 'deepseek-chat', 'deepseek', 'direct'],
  ['deepseek-reasoner', { provider: 'deepseek' }, 'deepseek-reasoner', 'deepseek', 'direct'],
  ['Generate content input token count gemini 2.5 flash short input text', { provider: 'gemini' }, 'gemini-2.5-flash', 'google', 'direct'],
  ['Generate content output token count gemini 2.5 pro short input text', { provider: 'gemini' }, 'gemini-2.5-pro', 'google', 'direct'],
  ['Generate_content image output token count for Gemini 2.5 Flash Native Image Generation', { provider: 'gemini' }, 'gemini-2.5-flash-image', 'google', 'direct'],
  ['Gemini 2.5 Flash GA Text Input - Predictions', { provider: 'gcp-vertex' }, 'gemini-2.5-flash', 'google', 'vertex'],
  ['Gemini 2.5 Flash Lite Text Output - Predictions', { provider: 'gcp-vertex' }, 'gemini-2.5-flash-lite', 'google', 'vertex'],
  ['Gemini 2.5 Pro Input Text Caching', { provider: 'gcp-vertex' }, 'gemini-2.5-pro', 'google', 'vertex'],
  ['Gemini 2.5 Pro Thinking Text Output - Predictions', { provider: 'gcp-vertex' }, 'gemini-2.5-pro', 'google', 'vertex'],
  ['Sales tax', { provider: 'gcp-vertex' }, null],
  ['azure/gpt-4o-mini', { provider: 'litellm' }, 'gpt-4o-mini', 'openai', 'azure-global'],
  ['us.anthropic.claude-sonnet-4-20250514-v1:0', { provider: 'bedrock' }, 'claude-sonnet-4-20250514', 'anthropic', 'bedrock-geo', 'us'],
  ['gemini-2.5-pro', { provider: 'litellm' }, 'gemini-2.5-pro', 'google', 'direct'],
  ['gpt-4o-2024-08-06', { provider: 'openai' }, 'gpt-4o-2024-08-06', 'openai', 'direct'],
  ['qwen-plus', { provider: 'litellm' }, 'qwen-plus', 'alibaba', 'direct'],
  ['gpt-4.1-mini-2025-04-14', { provider: 'openai' }, 'gpt-4.1-mini-2025-04-14', 'openai', 'direct'],
  ['gpt-4o-mini-2024-07-18', { provider: 'openai' }, 'gpt-4o-mini-2024-07-18', 'openai', 'direct'],
  ['gpt-5-2025-08-07', { provider: 'openai' }, 'gpt-5-2025-08-07', 'openai', 'direct'],
  ['o4-mini-2025-04-16', { provider: 'openai' }, 'o4-mini-2025-04-16', 'openai', 'direct'],
  ['anthropic/claude-sonnet-4', { provider: 'openrouter', host: 'Google Vertex' }, 'claude-sonnet-4', 'anthropic', 'openrouter:google-vertex'],
  ['anthropic/claude-4-sonnet-20250522', { provider: 'openrouter', host: 'Anthropic' }, 'claude-sonnet-4', 'anthropic', 'openrouter:anthropic'],
  ['deepseek/deepseek-chat-v3-0324', { provider: 'openrouter' }, 'deepseek-v3-0324', 'deepseek', 'openrouter'],
  ['google/gemini-2.5-pro', { provider: 'openrouter' }, 'gemini-2.5-pro', 'google', 'openrouter'],
  ['moonshotai/kimi-k2', { provider: 'openrouter' }, 'kimi-k2', 'moonshot', 'openrouter'],
  ['openai/gpt-4.1', { provider: 'openrouter' }, 'gpt-4.1', 'openai', 'openrouter'],
  ['openai/gpt-4.1-2025-04-14', { provider: 'openrouter' }, 'gpt-4.1-2025-04-14', 'openai', 'openrouter'],
  ['openai/gpt-oss-120b', { provider: 'openrouter' }, 'gpt-oss-120b', 'openai', 'openrouter'],
  ['qwen/qwen3-coder', { provider: 'openrouter' }, 'qwen3-coder', 'alibaba', 'openrouter'],
  ['qwen/qwen3-coder-480b-a35b-07-25', { provider: 'openrouter' }, 'qwen3-coder-480b-a35b-07-25', 'alibaba', 'openrouter'],
  ['z-ai/glm-4.5', { provider: 'openrouter' }, 'glm-4.5', 'zhipu', 'openrouter'],
  ['glm-4.5', { provider: 'zhipu' }, 'glm-4.5', 'zhipu', 'direct'],
  ['glm-4.5-air', { provider: 'zhipu' }, 'glm-4.5-air', 'zhipu', 'direct'],
  ['GLM-4.5-Air', { provider: 'zhipu' }, 'glm-4.5-air', 'zhipu', 'direct'],
  ['embedding-3', { provider: 'zhipu' }, 'embedding-3', 'zhipu', 'direct'],
];

describe('resolveModel on every model id in the export fixtures', () => {
  it.each(FIXTURE_IDS)('resolves %s', (raw, hints, model, vendor, priceRoute, geo) => {
    const r = resolveModel(raw, hints);
    if (model === null) return expect(r).toBeNull();
    expect(r).not.toBeNull();
    expect(r!.model).toBe(model);
    expect(r!.vendor).toBe(vendor);
    expect(r!.route.priceRoute).toBe(priceRoute);
    if (geo !== undefined) expect(r!.route.geo).toBe(geo);
  });
});

describe('resolveModel on other route spellings', () => {
  it.each([
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['~anthropic/claude-sonnet-latest', 'claude-sonnet-latest'],
    ['anthropic/claude-3.5-sonnet', 'claude-3-5-sonnet'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022'],
    ['apac.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet-20241022'],
    ['claude-opus-4-6@default', 'claude-opus-4-6'],
    ['ft:gpt-4o-2024-08-06:acme::abc123', 'gpt-4o-2024-08-06'],
    ['ERNIE-4.0-8K', 'ernie-4.0-8k'],
    ['hunyuan-turbos-latest', 'hunyuan-turbos-latest'],
    ['doubao-seed-1.6', 'doubao-seed-1.6'],
    ['kimi-k2-0711-preview', 'kimi-k2-0711-preview'],
    ['fireworks_ai/accounts/fireworks/models/glm-4p6', 'glm-4.6'],
  ])('folds %s to %s', (raw, model) => {
    expect(resolveModel(raw)?.model).toBe(model);
  });

  it('keeps the snapshot date in model and drops it in family', () => {
    expect(familyOf('gpt-4o-2024-08-06')).toBe('gpt-4o');
    expect(familyOf('claude-sonnet-4-20250514')).toBe('claude-sonnet-4');
    expect(familyOf('deepseek-v3-0324')).toBe('deepseek-v3');
  });

  it('treats a first-party platform reselling another maker as a host route', () => {
    expect(resolveModel('tencent/deepseek-v4-pro', { provider: 'tencent' })?.route.priceRoute).toBe('host:tencent');
  });

  it('reads the origin region from the vendor registry, with user overrides', () => {
    expect(resolveModel('deepseek-chat')?.originRegion).toBe('CN');
    expect(resolveModel('mistral-large-latest')?.originRegion).toBe('EU');
    expect(resolveModel('deepseek-chat', {}, createVendorRegistry({ deepseek: 'other' }))?.originRegion).toBe('other');
  });

  it('has at least 30 built-in vendors with a region each', () => {
    expect(BUILTIN_VENDORS.length).toBeGreaterThanOrEqual(30);
  });
});

// model_route_examples.csv: each LiteLLM route key resolves to the same family and vendor as its canonical model.
const routeRows = Papa.parse<Record<string, string>>(readFileSync('test/fixtures/pricing/model_route_examples.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
/** Where the reference file's "canonical" column and our policy disagree on purpose. */
const ROUTE_EXCEPTIONS: Record<string, string> = {
  'deepinfra/NousResearch/Hermes-3-Llama-3.1-70B': 'a Nous Research fine-tune of Llama, not Llama itself',
  'hyperbolic/NousResearch/Hermes-3-Llama-3.1-70B': 'a Nous Research fine-tune of Llama, not Llama itself',
  'deepseek-reasoner': 'deepseek-reasoner is a moving alias (R1 -> V3.x), kept as its own id',
  'deepseek/deepseek-reasoner': 'deepseek-reasoner is a moving alias (R1 -> V3.x), kept as its own id',
  'azure/mistral-large-latest': '-latest alias kept',
  'azure_ai/mistral-large-latest': '-latest alias kept',
  'mistral/mistral-large-latest': '-latest alias kept',
};
const strip = (s: string) => s.replace(/\s*\(.*\)$/, '').split(' / ')[0]!;
const coarse = (f: string) => f.replace(/-(instruct|turbo|fp8|maas|0528|thinking-\d+)$/g, '').replace(/-(instruct|turbo)$/g, '');

describe('resolveModel on every row of model_route_examples.csv', () => {
  it.each(routeRows.map((r) => [r['route_model_id (litellm key)']!, r.litellm_provider!, strip(r.canonical_model!)]))(
    '%s (%s) is %s',
    (key, provider, canonical) => {
      const r = resolveModel(key, { provider });
      const c = resolveModel(canonical)!;
      expect(r).not.toBeNull();
      expect(r!.vendor).toBe(c.vendor);
      if (ROUTE_EXCEPTIONS[key]) return;
      expect(coarse(r!.family).startsWith(coarse(c.family))).toBe(true);
    },
  );

  it('gives the geo profile and data zone routes their uplift route keys', () => {
    expect(resolveModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { provider: 'bedrock_converse' })?.route.priceRoute).toBe('bedrock-geo');
    expect(resolveModel('global.anthropic.claude-sonnet-4-5-20250929-v1:0', { provider: 'bedrock_converse' })?.route.priceRoute).toBe('bedrock-global');
    expect(resolveModel('us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', { provider: 'bedrock_converse' })?.route.priceRoute).toBe('bedrock-gov');
    expect(resolveModel('azure/eu/gpt-4o-2024-08-06', { provider: 'azure' })?.route.priceRoute).toBe('azure-datazone');
    expect(resolveModel('azure/global-standard/gpt-4o-2024-08-06', { provider: 'azure' })?.route.priceRoute).toBe('azure-global');
  });
});

describe('routes that carry their own price', () => {
  it.each([
    ['us.amazon.nova-lite-v1:0', 'bedrock-geo', 'us'],
    ['eu.amazon.nova-lite-v1:0', 'bedrock-geo:eu', 'eu'],
    ['apac.amazon.nova-pro-v1:0', 'bedrock-geo:apac', 'apac'],
    ['jp.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock-geo:jp', 'jp'],
    ['au.anthropic.claude-haiku-4-5-20251001-v1:0', 'bedrock-geo:au', 'au'],
    ['bedrock/eu-central-1/amazon.nova-pro-v1:0', 'bedrock@eu-central-1', 'eu-central-1'],
  ])('gives the Bedrock profile or region of %s its own route %s', (raw, route, geo) => {
    const r = resolveModel(raw, { provider: 'bedrock' })!;
    expect([r.route.priceRoute, r.route.geo]).toEqual([route, geo]);
  });

  it("narrows a Bedrock or Vertex row to the region the export names (the row's inference_geo)", () => {
    expect(resolveModel('amazon.nova-pro-v1:0', { provider: 'aws-bedrock', geo: 'eu-central-1' })?.route.priceRoute).toBe('bedrock@eu-central-1');
    expect(resolveModel('Claude 3.5 Sonnet (Amazon Bedrock Edition)', { provider: 'aws-bedrock', geo: 'us-east-1' })?.route.priceRoute).toBe('bedrock@us-east-1');
    expect(resolveModel('amazon.nova-pro-v1:0', { provider: 'aws-bedrock', geo: 'us-gov-west-1' })?.route.priceRoute).toBe('bedrock-gov');
    // A profile id already says where it runs; the region of the row does not override it.
    expect(resolveModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { provider: 'aws-bedrock', geo: 'us-west-2' })?.route.priceRoute).toBe('bedrock-geo');
    expect(resolveModel('claude-sonnet-4-5@20250929', { provider: 'gcp-vertex', geo: 'us-east5' })?.route.priceRoute).toBe('vertex@us-east5');
    expect(resolveModel('claude-sonnet-4-5@20250929', { provider: 'gcp-vertex', geo: 'global' })?.route.priceRoute).toBe('vertex');
  });

  it("reads Azure's month-day version as the OpenAI snapshot it names", () => {
    expect(resolveModel('gpt-4o-mini-0718', { provider: 'azure-openai' })?.model).toBe('gpt-4o-mini-2024-07-18');
    expect(resolveModel('azure/gpt-4o-mini-0718', { provider: 'azure' })?.model).toBe('gpt-4o-mini-2024-07-18');
    // Outside Azure an MMDD suffix is the vendor's own id (gpt-4-0613 is a real OpenAI id).
    expect(resolveModel('gpt-4-0613', { provider: 'openai' })?.model).toBe('gpt-4-0613');
  });

  it('prices an OpenRouter :free variant on its own route', () => {
    expect(resolveModel('openai/gpt-oss-120b:free', { provider: 'openrouter', host: 'Chutes' })?.route).toMatchObject({ priceRoute: 'openrouter-free', variant: 'free' });
    expect(resolveModel('openai/gpt-oss-120b', { provider: 'openrouter', host: 'Chutes' })?.route.priceRoute).toBe('openrouter:chutes');
  });

  it.each([
    ['databricks/databricks-gpt-5', 'gpt-5', 'openai'],
    ['databricks/databricks-gemini-2-5-flash', 'gemini-2.5-flash', 'google'],
    ['databricks/databricks-mpt-30b-instruct', 'mpt-30b-instruct', 'databricks'],
    ['gradient_ai/openai-gpt-4o-mini', 'gpt-4o-mini', 'openai'],
    ['gradient_ai/alibaba-qwen3-32b', 'qwen3-32b', 'alibaba'],
    ['snowflake/openai-gpt-5-nano', 'gpt-5-nano', 'openai'],
    ['snowflake/snowflake-arctic', 'snowflake-arctic', 'snowflake'],
    ['us.twelvelabs.pegasus-1-2-v1:0', 'pegasus-1-2', 'twelvelabs'],
    ['gigachat/GigaChat-2-Max', 'gigachat-2-max', 'sber'],
    ['fireworks_ai/accounts/fireworks/models/codegemma-7b', 'codegemma-7b', 'google'],
    ['fireworks_ai/accounts/fireworks/models/code-qwen-1p5-7b', 'code-qwen-1.5-7b', 'alibaba'],
    ['ovhcloud/mamba-codestral-7B-v0.1', 'mamba-codestral-7b-v0.1', 'mistral'],
    ['novita/paddlepaddle/paddleocr-vl', 'paddleocr-vl', 'baidu'],
    ['publicai/swiss-ai/apertus-70b-instruct', 'apertus-70b-instruct', 'swiss-ai'],
  ])('resolves the reseller spelling %s to %s by %s', (raw, model, vendor) => {
    const r = resolveModel(raw)!;
    expect([r.model, r.vendor]).toEqual([model, vendor]);
  });

  it('knows the region of every vendor the catalog can name', () => {
    const ids = new Set(BUILTIN_VENDORS.map((v) => v.id));
    for (const v of ['twelvelabs', 'databricks', 'sber', 'swiss-ai', 'black-forest-labs', 'shanghai-ai-lab']) expect(ids.has(v)).toBe(true);
    expect(resolveModel('gigachat/GigaChat-2-Max')?.originRegion).toBe('other');
    expect(resolveModel('fireworks_ai/accounts/fireworks/models/flux-1-dev')?.originRegion).toBe('EU');
  });
});
