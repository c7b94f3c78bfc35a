/**
 * The audit of the built-in book against public sources (price-data audit of December 2026), finding by finding:
 * each row names a model, a route, a token class, an instant and the price per million tokens the public source
 * gives, with that source. A row whose expected price is null asserts the book has NO price there (a tier the
 * vendor does not offer), so the usage stays unpriced rather than priced at a copied number.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceTier, TokenCounts } from '../../shared/domain/fact';
import { builtinBook } from '../../shared/domain/pricing/price-fact';
import { pricesFor } from '../../shared/domain/pricing/tiers';
import type { TokenPrices } from '../../shared/domain/pricing/price-book';

interface Finding {
  finding: string;
  model: string;
  route: string;
  cls: keyof TokenPrices;
  at: string;
  /** Per million tokens in `currency`; null: the book must have no price. */
  price: string | null;
  source: string;
  currency?: string;
  tier?: ServiceTier;
  /** The request's shape where the price depends on it (prompt/output length, thinking mode). */
  request?: Partial<TokenCounts>;
  thinking?: boolean;
}

const LONG = { input: 250_000 }; // a prompt above 200K tokens
const SEPT = '2025-09-15T12:00:00Z';

const FINDINGS: Finding[] = [
  // a. DeepSeek V3.1 list from 2025-09-05 16:00 UTC (00:00 Beijing 09-06), in both currencies.
  { finding: 'a', model: 'deepseek-chat', route: 'direct', cls: 'input', at: '2025-09-05T15:59:59Z', price: '0.27', source: 'api-docs.deepseek.com/quick_start/pricing (old list until 16:00 UTC 2025-09-05)' },
  { finding: 'a', model: 'deepseek-chat', route: 'direct', cls: 'input', at: '2025-09-05T16:00:00Z', price: '0.56', source: 'api-docs.deepseek.com/quick_start/pricing' },
  { finding: 'a', model: 'deepseek-chat', route: 'direct', cls: 'output', at: '2025-09-08T12:00:00Z', price: '12', currency: 'CNY', source: 'api-docs.deepseek.com/zh-cn/quick_start/pricing (¥4/¥12/¥0.5)' },
  { finding: 'a', model: 'deepseek-chat', route: 'direct', cls: 'cache_read', at: '2025-09-08T12:00:00Z', price: '0.5', currency: 'CNY', source: 'api-docs.deepseek.com/zh-cn/quick_start/pricing' },
  { finding: 'a', model: 'deepseek-reasoner', route: 'direct', cls: 'output', at: '2025-09-01T12:00:00Z', price: '16', currency: 'CNY', source: 'price_history.csv deepseek-reasoner ¥4/¥16/¥1 (2025-01-20)' },
  // DeepSeek's aliases point at V4 Flash from 2026-04-24.
  { finding: 'deepseek-v4', model: 'deepseek-chat', route: 'direct', cls: 'input', at: '2026-05-01T00:00:00Z', price: '0.14', source: 'DeepSeek changelog 2026-04-24 (deepseek-chat = deepseek-v4-flash)' },
  { finding: 'deepseek-v4', model: 'deepseek-reasoner', route: 'direct', cls: 'output', at: '2026-05-01T00:00:00Z', price: '0.28', source: 'DeepSeek changelog 2026-04-24 (deepseek-reasoner = deepseek-v4-flash thinking)' },
  { finding: 'deepseek-v3.2', model: 'deepseek-v3.2', route: 'direct', cls: 'output', at: '2026-01-01T00:00:00Z', price: '0.42', source: 'DeepSeek pricing page (V3.2: $0.28/$0.42/$0.028)' },
  // b. Azure: Global = OpenAI list; Data Zone and Regional +10 %; batch 50 % of Global.
  { finding: 'b', model: 'gpt-4o-mini', route: 'azure-global', cls: 'input', at: SEPT, price: '0.15', source: 'LiteLLM azure/global-standard/gpt-4o-mini; litellm #7004; Azure export' },
  { finding: 'b', model: 'gpt-4o-mini-2024-07-18', route: 'azure-global', cls: 'input', at: SEPT, price: '0.15', source: 'Azure OpenAI pricing (Global gpt-4o-mini 0718 $0.15/$0.075/$0.60)' },
  { finding: 'b', model: 'gpt-4o-mini-2024-07-18', route: 'azure-global', cls: 'output', at: SEPT, price: '0.6', source: 'Azure OpenAI pricing (Global)' },
  { finding: 'b', model: 'gpt-4o-mini-2024-07-18', route: 'azure-global', cls: 'input', at: SEPT, tier: 'batch', price: '0.075', source: 'Azure OpenAI pricing (Global Batch $0.075/$0.30); Azure export' },
  { finding: 'b', model: 'gpt-4o-mini-2024-07-18', route: 'azure-datazone', cls: 'cache_read', at: SEPT, price: '0.083', source: 'LiteLLM azure/eu/gpt-4o-mini-2024-07-18; nOps' },
  { finding: 'b', model: 'gpt-4o-mini-2024-07-18', route: 'azure-regional', cls: 'input', at: SEPT, price: '0.165', source: 'Azure OpenAI pricing (Regional +10 %)' },
  { finding: 'b', model: 'gpt-4o-2024-11-20', route: 'azure-global', cls: 'input', at: SEPT, price: '2.5', source: 'LiteLLM azure/global-standard/gpt-4o-2024-11-20' },
  { finding: 'b', model: 'gpt-4o-2024-11-20', route: 'azure-global', cls: 'output', at: SEPT, price: '10', source: 'LiteLLM azure/global-standard/gpt-4o-2024-11-20' },
  { finding: 'b', model: 'gpt-4o-2024-11-20', route: 'azure-datazone', cls: 'cache_read', at: SEPT, price: '1.375', source: 'litellm issue #37823; Azure OpenAI pricing (Data Zone)' },
  { finding: 'b', model: 'gpt-4o-2024-11-20', route: 'azure-regional', cls: 'output', at: SEPT, price: '11', source: 'Azure OpenAI pricing (Regional $2.75/$1.375/$11)' },
  { finding: 'b', model: 'gpt-4o-2024-08-06', route: 'azure-regional', cls: 'input', at: SEPT, price: '2.75', source: 'Azure OpenAI pricing (Regional +10 % from 2024-08-06)' },
  { finding: 'b', model: 'gpt-4o-2024-05-13', route: 'azure-regional', cls: 'input', at: SEPT, price: '5', source: 'Azure OpenAI pricing (gpt-4o-2024-05-13 $5/$15, no uplift)' },
  // c. Bedrock: batch 50 %; CUR display names; per-geo profile prices; Claude 4.5+ regional premium.
  { finding: 'c', model: 'nova-lite', route: 'bedrock', cls: 'input', at: SEPT, tier: 'batch', price: '0.03', source: 'AWS Bedrock batch = 50 % of on-demand; CUR export $0.00003/1K' },
  { finding: 'c', model: 'nova-lite', route: 'bedrock', cls: 'output', at: SEPT, tier: 'batch', price: '0.12', source: 'AWS Bedrock batch = 50 % of on-demand' },
  { finding: 'c', model: 'claude-3-5-sonnet', route: 'bedrock@us-east-1', cls: 'input', at: SEPT, price: '3', source: 'LiteLLM anthropic.claude-3-5-sonnet-* (both snapshots $3/$15); CUR export' },
  { finding: 'c', model: 'claude-3-5-sonnet', route: 'bedrock', cls: 'cache_write_5m', at: SEPT, price: '3.75', source: 'LiteLLM anthropic.claude-3-5-sonnet-*' },
  { finding: 'c', model: 'claude-3-7-sonnet', route: 'bedrock', cls: 'cache_read', at: SEPT, price: '0.3', source: 'LiteLLM anthropic.claude-3-7-sonnet-20250219-v1:0; CUR export' },
  { finding: 'c', model: 'claude-3-7-sonnet', route: 'bedrock', cls: 'output', at: SEPT, price: '15', source: 'LiteLLM anthropic.claude-3-7-sonnet-20250219-v1:0' },
  { finding: 'bedrock-geo', model: 'nova-lite', route: 'bedrock-geo', cls: 'input', at: SEPT, price: '0.06', source: 'LiteLLM us.amazon.nova-lite-v1:0; genai-prices aws.yml' },
  { finding: 'bedrock-geo', model: 'nova-lite', route: 'bedrock-geo:eu', cls: 'input', at: SEPT, price: '0.078', source: 'LiteLLM eu.amazon.nova-lite-v1:0' },
  { finding: 'bedrock-geo', model: 'nova-lite', route: 'bedrock-geo:apac', cls: 'output', at: SEPT, price: '0.252', source: 'LiteLLM apac.amazon.nova-lite-v1:0' },
  { finding: 'bedrock-geo', model: 'nova-micro', route: 'bedrock-geo', cls: 'output', at: SEPT, price: '0.14', source: 'LiteLLM us.amazon.nova-micro-v1:0' },
  { finding: 'bedrock-geo', model: 'nova-pro', route: 'bedrock-geo', cls: 'input', at: SEPT, price: '0.8', source: 'LiteLLM us.amazon.nova-pro-v1:0' },
  { finding: 'bedrock-geo', model: 'nova-pro', route: 'bedrock@eu-central-1', cls: 'input', at: SEPT, price: '1.05', source: 'LiteLLM eu.amazon.nova-pro-v1:0; CUR export (eu-central-1 in-region $1.05/$4.20)' },
  { finding: 'bedrock-geo', model: 'deepseek-v3.2', route: 'bedrock-geo', cls: 'output', at: '2026-01-01T00:00:00Z', price: '1.85', source: 'LiteLLM us.deepseek.v3.2' },
  { finding: 'bedrock-geo', model: 'deepseek-v3.2', route: 'bedrock-geo:eu', cls: 'input', at: '2026-01-01T00:00:00Z', price: '0.74', source: 'LiteLLM eu.deepseek.v3.2' },
  { finding: 'bedrock-geo', model: 'claude-3-5-haiku-20241022', route: 'bedrock-geo', cls: 'input', at: SEPT, price: '0.8', source: 'LiteLLM us.anthropic.claude-3-5-haiku-20241022-v1:0; Anthropic Bedrock table' },
  { finding: 'bedrock-geo', model: 'claude-3-5-haiku-20241022', route: 'bedrock-geo', cls: 'cache_read', at: SEPT, price: '0.08', source: 'LiteLLM us.anthropic.claude-3-5-haiku-20241022-v1:0' },
  { finding: 'bedrock-geo', model: 'claude-3-5-haiku-20241022', route: 'bedrock-geo:eu', cls: 'output', at: SEPT, price: '4', source: 'no eu. profile exists: the us. price, never the $1.25 of LiteLLM eu. key' },
  { finding: 'bedrock-geo', model: 'claude-opus-4-5-20251101', route: 'bedrock-geo', cls: 'output', at: '2026-01-01T00:00:00Z', price: '27.5', source: 'LiteLLM us.anthropic.claude-opus-4-5-20251101-v1:0; genai-prices aws.yml' },
  { finding: 'bedrock-geo', model: 'claude-opus-4-5-20251101', route: 'bedrock-geo:eu', cls: 'cache_write_5m', at: '2026-01-01T00:00:00Z', price: '6.875', source: 'genai-prices aws.yml (geo +10 %)' },
  { finding: 'bedrock-geo', model: 'claude-opus-4-5-20251101', route: 'bedrock-geo:eu', cls: 'cache_read', at: '2026-01-01T00:00:00Z', price: '0.55', source: 'genai-prices aws.yml (geo +10 %)' },
  { finding: 'bedrock-geo', model: 'claude-sonnet-4-5-20250929', route: 'bedrock-geo', cls: 'cache_write_1h', at: '2025-10-01T00:00:00Z', price: '6.6', source: 'genai-prices aws.yml; CUR export' },
  { finding: 'regional', model: 'claude-sonnet-4-5-20250929', route: 'bedrock', cls: 'input', at: '2025-10-01T00:00:00Z', price: '3.3', source: "Anthropic: regional endpoints +10 %; genai-prices aws.yml regional.*" },
  { finding: 'regional', model: 'claude-sonnet-4-5-20250929', route: 'bedrock@us-west-2', cls: 'output', at: '2025-10-01T00:00:00Z', price: '16.5', source: 'Anthropic: regional endpoints +10 % (once, not on top of the geo price)' },
  { finding: 'regional', model: 'claude-haiku-4-5-20251001', route: 'bedrock', cls: 'output', at: '2025-11-01T00:00:00Z', price: '5.5', source: 'genai-prices aws.yml regional.*' },
  { finding: 'regional', model: 'claude-opus-4-5-20251101', route: 'bedrock', cls: 'input', at: '2026-01-01T00:00:00Z', price: '5.5', source: 'genai-prices aws.yml regional.*' },
  { finding: 'regional', model: 'claude-sonnet-4-5-20250929', route: 'bedrock-global', cls: 'input', at: '2025-10-01T00:00:00Z', price: '3', source: 'LiteLLM global.anthropic.claude-sonnet-4-5-20250929-v1:0' },
  { finding: 'regional', model: 'claude-sonnet-4-5-20250929', route: 'vertex@us-east5', cls: 'input', at: '2025-10-01T00:00:00Z', price: '3.3', source: "docs.claude.com 'Claude on Vertex AI' (regional endpoints +10 % from Sonnet 4.5)" },
  { finding: 'regional', model: 'claude-sonnet-4-5-20250929', route: 'vertex', cls: 'input', at: '2025-10-01T00:00:00Z', price: '3', source: "docs.claude.com 'Claude on Vertex AI' (global endpoint)" },
  { finding: 'regional', model: 'gemini-2.5-pro', route: 'vertex@us-central1', cls: 'input', at: SEPT, price: '1.25', source: 'cloud.google.com Vertex pricing (no regional premium for Gemini)' },
  // d. Gemini Flash-Lite list price on both routes (the sample's $0.095 is a committed-use credit).
  { finding: 'd', model: 'gemini-2.5-flash-lite', route: 'vertex', cls: 'input', at: SEPT, price: '0.1', source: 'genai-prices google.yml; Portkey-AI/models PR #626' },
  { finding: 'd', model: 'gemini-2.5-flash-lite', route: 'direct', cls: 'output', at: SEPT, price: '0.4', source: 'genai-prices google.yml' },
  // Dated snapshots follow their family's history where the vendor says they are the same model.
  { finding: 'history', model: 'o3-2025-04-16', route: 'direct', cls: 'input', at: '2025-05-01T00:00:00Z', price: '10', source: 'price_history.csv o3 2025-04-16; genai-prices openai.yml' },
  { finding: 'history', model: 'o3-2025-04-16', route: 'direct', cls: 'output', at: '2025-05-01T00:00:00Z', price: '40', source: 'price_history.csv o3 2025-04-16' },
  { finding: 'history', model: 'o3-2025-04-16', route: 'direct', cls: 'input', at: '2025-06-10T00:00:00Z', price: '2', source: 'genai-prices openai.yml constraint start_date 2025-06-10' },
  { finding: 'history', model: 'gpt-4o-mini-2024-07-18', route: 'direct', cls: 'cache_read', at: '2024-08-01T00:00:00Z', price: null, source: 'price_history.csv gpt-4o-mini: cached input billed from 2024-10-01' },
  { finding: 'history', model: 'gpt-4o-mini-2024-07-18', route: 'direct', cls: 'cache_read', at: '2024-10-01T00:00:00Z', price: '0.075', source: 'price_history.csv gpt-4o-mini 2024-10-01' },
  { finding: 'history', model: 'gemini-2.0-flash', route: 'vertex', cls: 'input', at: SEPT, price: '0.15', source: 'litellm PR #8320 quoting the Vertex table; LiteLLM gemini-2.0-flash-001' },
  { finding: 'history', model: 'gemini-2.0-flash', route: 'vertex', cls: 'output', at: SEPT, price: '0.6', source: 'litellm PR #8320' },
  { finding: 'history', model: 'gemini-2.0-flash', route: 'direct', cls: 'input', at: SEPT, price: '0.1', source: 'genai-prices google.yml (AI Studio)' },
  { finding: 'history', model: 'claude-3-5-haiku', route: 'vertex', cls: 'input', at: SEPT, price: '0.8', source: 'genai-prices google.yml' },
  { finding: 'history', model: 'claude-3-5-haiku-20241022', route: 'vertex', cls: 'cache_read', at: SEPT, price: '0.08', source: 'genai-prices google.yml' },
  { finding: 'history', model: 'claude-3-5-haiku-20241022', route: 'vertex', cls: 'cache_write_5m', at: SEPT, price: '1', source: 'genai-prices google.yml' },
  { finding: 'history', model: 'gemini-2.5-pro', route: 'direct', cls: 'cache_read', at: '2025-07-01T00:00:00Z', request: LONG, price: '0.625', source: 'genai-prices google.yml (gemini-2.5-pro >200K cached, before 2025-10-25)' },
  { finding: 'history', model: 'gemini-2.5-pro', route: 'vertex', cls: 'cache_write_5m', at: SEPT, request: LONG, price: null, source: 'Gemini has no per-token cache write; the $0.25 is the >200K cached-input price' },
  // Anthropic 1-hour cache writes = 2x input, in every band.
  { finding: '1h', model: 'claude-3-haiku-20240307', route: 'direct', cls: 'cache_write_1h', at: SEPT, price: '0.5', source: 'platform.claude.com pricing (Haiku 3)' },
  { finding: '1h', model: 'claude-3-opus-20240229', route: 'direct', cls: 'cache_write_1h', at: SEPT, price: '30', source: 'platform.claude.com pricing (Opus 3)' },
  { finding: '1h', model: 'claude-3-5-haiku-20241022', route: 'direct', cls: 'cache_write_1h', at: SEPT, price: '1.6', source: 'platform.claude.com pricing (Haiku 3.5)' },
  { finding: '1h', model: 'claude-sonnet-4-20250514', route: 'direct', cls: 'cache_write_1h', at: SEPT, price: '6', source: 'platform.claude.com pricing (Sonnet 4)' },
  { finding: '1h', model: 'claude-sonnet-4-20250514', route: 'direct', cls: 'cache_write_1h', at: SEPT, request: LONG, price: '12', source: 'platform.claude.com pricing (>200K: 2x $6)' },
  { finding: '1h', model: 'claude-sonnet-4-5-20250929', route: 'vertex', cls: 'cache_write_1h', at: '2025-10-01T00:00:00Z', request: LONG, price: '12', source: 'platform.claude.com pricing (>200K: 2x $6)' },
  { finding: '1h', model: 'claude-sonnet-4-6', route: 'direct', cls: 'cache_write_1h', at: '2026-03-01T00:00:00Z', request: LONG, price: '12', source: 'platform.claude.com pricing (>200K surcharge until 2026-03-13)' },
  // f. Chinese step tiers: output-length sub-tiers, prompt-length bands, thinking-mode output.
  { finding: 'f', model: 'glm-4.5', route: 'direct', currency: 'CNY', cls: 'output', at: SEPT, request: { input: 10_000, output: 150 }, price: '8', source: 'genai-prices zhipuai.yml; bigmodel.cn/pricing (≤32K in, ≤200 out)' },
  { finding: 'f', model: 'glm-4.5', route: 'direct', currency: 'CNY', cls: 'input', at: SEPT, request: { input: 10_000, output: 1_000 }, price: '3', source: 'bigmodel.cn/pricing (≤32K in, >200 out: ¥3/¥14)' },
  { finding: 'f', model: 'glm-4.5', route: 'direct', currency: 'CNY', cls: 'output', at: SEPT, request: { input: 10_000, output: 1_000 }, price: '14', source: 'bigmodel.cn/pricing (≤32K in, >200 out)' },
  { finding: 'f', model: 'glm-4.5', route: 'direct', currency: 'CNY', cls: 'cache_read', at: SEPT, request: { input: 40_000, output: 1_000 }, price: '0.8', source: 'bigmodel.cn/pricing (32K+: ¥4/¥16/¥0.8)' },
  { finding: 'f', model: 'glm-4.6', route: 'direct', currency: 'CNY', cls: 'output', at: '2025-10-01T00:00:00Z', request: { input: 10_000, output: 1_000 }, price: '14', source: 'bigmodel.cn/pricing (GLM-4.6 as GLM-4.5)' },
  { finding: 'f', model: 'glm-4.5-air', route: 'direct', currency: 'CNY', cls: 'output', at: SEPT, request: { input: 10_000, output: 1_000 }, price: '6', source: 'genai-prices zhipuai.yml (>200 out ¥6)' },
  { finding: 'f', model: 'glm-4.5-air', route: 'direct', currency: 'CNY', cls: 'input', at: SEPT, request: { input: 40_000, output: 1_000 }, price: '1.2', source: 'genai-prices zhipuai.yml (32-128K ¥1.2/¥8)' },
  { finding: 'f', model: 'doubao-seed-1.6', route: 'direct', currency: 'CNY', cls: 'output', at: SEPT, request: { input: 10_000, output: 1_000 }, price: '8', source: 'volcengine.com/docs/82379/1330310 (≤32K: ¥8 above 200 output tokens)' },
  { finding: 'f', model: 'doubao-seed-1.6', route: 'direct', currency: 'CNY', cls: 'output', at: SEPT, request: { input: 200_000, output: 1_000 }, price: '24', source: 'volcengine.com/docs/82379/1330310 (128K+ ¥2.4/¥24)' },
  { finding: 'f', model: 'qwen-plus', route: 'direct', currency: 'CNY', cls: 'output', at: SEPT, request: { input: 10_000, output: 1_000 }, thinking: true, price: '8', source: 'help.aliyun.com/zh/model-studio/models (qwen-plus thinking ¥8)' },
  { finding: 'f', model: 'qwen-plus', route: 'direct', currency: 'CNY', cls: 'input', at: SEPT, request: { input: 300_000, output: 1_000 }, price: '4.8', source: 'help.aliyun.com (256K-1M ¥4.8)' },
  { finding: 'f', model: 'qwen-plus', route: 'direct', currency: 'CNY', cls: 'output', at: SEPT, request: { input: 300_000, output: 1_000 }, thinking: true, price: '64', source: 'help.aliyun.com (256K-1M thinking ¥64)' },
  { finding: 'f', model: 'qwen3-max', route: 'direct', currency: 'CNY', cls: 'output', at: '2025-10-01T00:00:00Z', request: { input: 100_000, output: 1_000 }, price: '40', source: 'help.aliyun.com (32-128K ¥10/¥40)' },
  { finding: 'f', model: 'qwen3-max', route: 'direct', currency: 'USD', cls: 'input', at: '2025-10-01T00:00:00Z', request: { input: 150_000, output: 1_000 }, price: '3', source: 'LiteLLM dashscope/qwen3-max tiered_pricing (>128K $3/$15)' },
  { finding: 'f', model: 'qwen-flash', route: 'direct', currency: 'CNY', cls: 'input', at: SEPT, request: { input: 200_000, output: 1_000 }, price: '0.6', source: 'help.aliyun.com (qwen-flash 128-256K ¥0.6)' },
  // gpt-5-nano's priority price is a copy of gpt-5's: no priority tier at all.
  { finding: 'priority', model: 'gpt-5-nano', route: 'direct', cls: 'input', at: SEPT, tier: 'priority', price: null, source: 'openai.com/api-priority-processing (gpt-5 and gpt-5-mini, no gpt-5-nano)' },
  { finding: 'priority', model: 'gpt-5-2025-08-07', route: 'direct', cls: 'output', at: SEPT, tier: 'priority', price: '20', source: 'openai.com/api-priority-processing (GPT-5 $2.50/$0.25/$20)' },
  { finding: 'priority', model: 'gpt-4o-mini', route: 'direct', cls: 'input', at: SEPT, tier: 'priority', price: '0.25', source: 'openai.com/api-priority-processing (GPT-4o mini $0.25/$0.125/$1)' },
  { finding: 'flex', model: 'o4-mini-2025-04-16', route: 'direct', cls: 'output', at: SEPT, tier: 'flex', price: '2.2', source: 'OpenAI Flex processing (o4-mini $0.55/$2.20)' },
  { finding: 'flex', model: 'gpt-4o-mini-2024-07-18', route: 'direct', cls: 'input', at: SEPT, tier: 'flex', price: '0.075', source: 'developers.openai.com/api/docs/guides/flex-processing: Flex tokens are priced at Batch API rates (gpt-4o-mini batch $0.075/$0.30)' },
  { finding: 'flex', model: 'gpt-4o-mini-2024-07-18', route: 'direct', cls: 'output', at: SEPT, tier: 'flex', price: '0.3', source: 'developers.openai.com/api/docs/guides/flex-processing (Batch API rates)' },
  { finding: 'flex', model: 'gpt-5', route: 'direct', cls: 'input', at: SEPT, tier: 'flex', price: '0.625', source: 'OpenAI Flex processing (gpt-5 $0.625/$5): its own flex price is kept' },
  // Coding agents' model names.
  { finding: 'agents', model: 'gpt-5-codex', route: 'direct', cls: 'output', at: '2025-09-20T00:00:00Z', price: '10', source: 'LiteLLM gpt-5-codex (mode responses); platform.openai.com/docs/models/gpt-5-codex' },
  { finding: 'agents', model: 'gpt-5-codex', route: 'direct', cls: 'input', at: '2025-09-09T00:00:00Z', price: null, source: 'GPT-5-Codex was released on 2025-09-15 (openai.com/index/introducing-upgrades-to-codex)' },
  { finding: 'agents', model: 'deepseek-v3.1', route: 'direct', cls: 'input', at: '2025-09-25T00:00:00Z', price: '0.56', source: 'api-docs.deepseek.com/news/news250821: deepseek-chat is DeepSeek-V3.1; V3.1 list $0.56/$1.68/$0.07' },
  // Models of the samples that had no price.
  { finding: 'samples', model: 'embedding-3', route: 'direct', currency: 'CNY', cls: 'input', at: SEPT, price: '0.5', source: 'bigmodel.cn/pricing (Embedding-3 0.5 元/百万tokens)' },
  { finding: 'samples', model: 'gemini-2.5-flash-image', route: 'direct', cls: 'output', at: SEPT, price: '30', source: 'ai.google.dev/gemini-api/docs/pricing (image output $30 per 1M tokens, $0.039 per image)' },
  { finding: 'samples', model: 'gemini-2.5-flash-image', route: 'vertex', cls: 'output', at: SEPT, price: '30', source: 'cloud.google.com Vertex pricing (image output $30 per 1M tokens)' },
  { finding: 'samples', model: 'glm-4.5', route: 'direct', cls: 'cache_read', at: SEPT, price: '0.11', source: 'docs.z.ai/guides/overview/pricing; OpenRouter z-ai/glm-4.5' },
  // OpenRouter bills the serving provider's own list; its own model list from the day it was loaded.
  { finding: 'openrouter', model: 'kimi-k2', route: 'openrouter:moonshot-ai', cls: 'cache_read', at: SEPT, price: '0.15', source: 'platform.moonshot.ai pricing (kimi-k2-0711-preview $0.60/$0.15/$2.50)' },
  { finding: 'openrouter', model: 'glm-4.5', route: 'openrouter:z-ai', cls: 'output', at: SEPT, price: '2.2', source: 'docs.z.ai pricing; OpenRouter activity sample (Z.AI)' },
  { finding: 'openrouter', model: 'deepseek-v3-0324', route: 'openrouter:deepseek', cls: 'input', at: '2025-09-01T23:59:58Z', price: '0.27', source: "DeepSeek's standard list: OpenRouter bills a fixed price per provider, no off-peak window" },
  { finding: 'openrouter', model: 'deepseek-v3-0324', route: 'direct', cls: 'input', at: '2025-09-01T23:59:58Z', price: '0.135', source: "DeepSeek's own API: the off-peak window 16:30-00:30 UTC" },
  { finding: 'openrouter', model: 'kimi-k2', route: 'openrouter', cls: 'output', at: '2026-08-01T00:00:00Z', price: '2.3', source: 'OpenRouter GET /api/v1/models (copy of 2026-08-01: moonshotai/kimi-k2 $0.57/$2.30)' },
  { finding: 'openrouter', model: 'gpt-oss-120b', route: 'openrouter-free', cls: 'input', at: SEPT, price: '0', source: "OpenRouter: a ':free' variant costs 0" },
  { finding: 'openrouter', model: 'kimi-k2', route: 'openrouter:groq', cls: 'input', at: SEPT, price: '1', source: 'groq.com/pricing Kimi K2 $1.00/$3.00; OpenRouter activity sample (Groq row: $0.03163)' },
  { finding: 'openrouter', model: 'kimi-k2', route: 'openrouter:groq', cls: 'output', at: SEPT, price: '3', source: 'groq.com/pricing Kimi K2 $1.00/$3.00' },
];

describe('the built-in book against the audit of December 2026', () => {
  const book = builtinBook();
  it.each(FINDINGS.map((f) => [`${f.finding}: ${f.model} on ${f.route}, ${f.cls}${f.tier ? ` (${f.tier})` : ''}${f.request ? ` ${JSON.stringify(f.request)}` : ''}${f.thinking ? ' thinking' : ''} at ${f.at}`, f] as const))(
    '%s',
    (_name, f) => {
      const got = pricesFor(book, {
        model: f.model,
        at: Date.parse(f.at),
        route: f.route,
        ...(f.currency ? { currency: f.currency } : {}),
        ...(f.tier ? { serviceTier: f.tier } : {}),
        ...(f.request ? { request: f.request } : {}),
        ...(f.thinking ? { thinking: true } : {}),
      });
      const price = got?.prices[f.cls];
      if (f.price === null) return expect(price, f.source).toBeUndefined();
      expect(got, `${f.model} on ${f.route}: no price (${f.source})`).not.toBeNull();
      expect(got!.entry.currency).toBe(f.currency ?? 'USD');
      expect(price === undefined ? undefined : Number(price), f.source).toBe(Number(f.price));
    },
  );

  it('names its source, its replaced value and its reason for every correction, and every correction still applies', async () => {
    const { readFileSync } = await import('node:fs');
    const file = JSON.parse(readFileSync('data/pricing/corrections.json', 'utf8')) as { corrections: Array<{ id: string; op: string; source: string; why: string; expect?: unknown; model?: string }> };
    for (const c of file.corrections) {
      expect(c.source.length, c.id).toBeGreaterThan(10);
      expect(c.why.length, c.id).toBeGreaterThan(10);
      if (c.op === 'patch') expect(c.expect, `${c.id} names the value it replaces`).toBeDefined();
    }
    // Each corrected entry says so in its notes; each alias entry says what it is priced as.
    for (const c of file.corrections.filter((x) => x.op === 'patch')) expect(book.entries.some((e) => e.model === c.model && e.notes?.includes(`corrected (${c.id})`)), c.id).toBe(true);
    for (const c of file.corrections.filter((x) => x.op === 'alias')) expect(book.entries.some((e) => e.model === c.model && e.evidence?.startsWith('priced as ')), c.id).toBe(true);
  });
});
