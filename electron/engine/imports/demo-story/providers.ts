/**
 * The demo's provider exports, written in the formats the importers read: OpenAI's usage and costs API
 * JSON (USD), DeepSeek's monthly amount CSV (CNY, daily rows), OpenRouter's activity CSV (USD) and an AWS
 * CUR of Bedrock (USD).
 */
import { formatNano } from '../../../../shared/domain/money';
import { builtinBook, priceFact, resolveForLedger } from '../../../../shared/domain/pricing/price-fact';
import { tokens as tokenCounts } from '../../importers/kit/common';
import { chinaShare, DAY_MS, DEEPSEEK_PRICES, isoDay, jitter, KEYS, PEOPLE, PROJECTS, type StoryCalendar, weekdayFactor } from './story';

export interface DemoFile {
  name: string;
  text: string;
}

/** Support bot requests a day (every day), and what one asks and answers. */
export const SUPPORT = { requests: 3000, prompt: 12_000, cached: 1000, output: 150 } as const;
const SUPPORT_CN_DIRECT = 0.7;

const money = (tokens: number, perMillion: number): number => Number(((tokens * perMillion) / 1e6).toFixed(6));

interface OpenAiRow {
  project: string;
  key: string;
  user: string | null;
  model: string;
  requests: number;
  input: number;
  cached: number;
  output: number;
}

const OPENAI_PRICES: Record<string, { input: number; cached: number; output: number }> = {
  'gpt-4o-2024-08-06': { input: 2.5, cached: 1.25, output: 10 },
  'gpt-4.1-2025-04-14': { input: 2, cached: 0.5, output: 8 },
};

function openAiRows(cal: StoryCalendar, day: number, rand: () => number): OpenAiRow[] {
  const rows: OpenAiRow[] = [];
  const us = Math.round(SUPPORT.requests * (1 - chinaShare(cal, day)));
  const req = jitter(rand, us);
  rows.push({ project: PROJECTS.support.openai, key: KEYS[0].id, user: null, model: 'gpt-4o-2024-08-06', requests: req, input: req * SUPPORT.prompt, cached: req * SUPPORT.cached, output: req * SUPPORT.output });
  // Checkout's prompts grow by 45 % this month (a longer system prompt and more retrieved context).
  const prompt = day >= cal.currentMonth ? 4350 : 3000;
  for (const user of [PEOPLE[0].id, PEOPLE[1].id]) {
    const n = jitter(rand, 80 * weekdayFactor(day));
    rows.push({ project: PROJECTS.checkout.openai, key: KEYS[3].id, user, model: 'gpt-4.1-2025-04-14', requests: n, input: n * prompt, cached: n * 300, output: n * 420 });
  }
  for (const user of [PEOPLE[3].id, PEOPLE[4].id]) {
    const n = jitter(rand, 150 * weekdayFactor(day));
    rows.push({ project: PROJECTS.pipeline.openai, key: KEYS[4].id, user, model: 'gpt-4.1-2025-04-14', requests: n, input: n * 9000, cached: 0, output: n * 700 });
  }
  return rows;
}

function bucket<T>(day: number, results: T[]) {
  return { object: 'bucket', start_time: day / 1000, end_time: (day + DAY_MS) / 1000, results };
}

/** OpenAI's usage (completions) and costs pages for the whole demo. */
export function openAiFiles(cal: StoryCalendar, rand: () => number): DemoFile[] {
  const usage = [];
  const costs = [];
  for (const day of cal.days) {
    const rows = openAiRows(cal, day, rand);
    usage.push(
      bucket(
        day,
        rows.map((r) => ({
          object: 'organization.usage.completions.result',
          input_tokens: r.input,
          output_tokens: r.output,
          input_cached_tokens: r.cached,
          input_audio_tokens: 0,
          output_audio_tokens: 0,
          num_model_requests: r.requests,
          project_id: r.project,
          user_id: r.user,
          api_key_id: r.key,
          model: r.model,
          batch: false,
          service_tier: 'default',
        })),
      ),
    );
    // The bill: one line per project, model and direction (OpenAI's costs do not split by user or key).
    const lines = new Map<string, { project: string; item: string; value: number; quantity: number }>();
    for (const r of rows) {
      const p = OPENAI_PRICES[r.model]!;
      for (const [dir, tokens, price] of [
        ['input', r.input - r.cached, p.input],
        ['cached input', r.cached, p.cached],
        ['output', r.output, p.output],
      ] as const) {
        if (tokens === 0) continue;
        const k = `${r.project}|${r.model}|${dir}`;
        const line = lines.get(k) ?? { project: r.project, item: `${r.model}, ${dir}`, value: 0, quantity: 0 };
        line.value = Number((line.value + money(tokens, price)).toFixed(6));
        line.quantity += tokens;
        lines.set(k, line);
      }
    }
    costs.push(
      bucket(
        day,
        [...lines.values()].map((l) => ({
          object: 'organization.costs.result',
          amount: { value: l.value, currency: 'usd' },
          line_item: l.item,
          project_id: l.project,
          quantity: l.quantity,
          quantity_unit: 'tokens',
        })),
      ),
    );
  }
  const page = (data: unknown[]) => JSON.stringify({ object: 'page', data, has_more: false, next_page: null }, null, 1);
  return [
    { name: 'openai-usage-completions.json', text: page(usage) },
    { name: 'openai-costs.json', text: page(costs) },
  ];
}

/** CNY per token, as DeepSeek's export states it. */
const perToken = (perMillion: string): string => (Number(perMillion) / 1e6).toFixed(9).replace(/0+$/, '');

/** DeepSeek's amount CSVs (one per month, as the console exports them): the support bot's DeepSeek share. */
export function deepseekFiles(cal: StoryCalendar, rand: () => number): DemoFile[] {
  const byMonth = new Map<string, string[]>();
  for (const day of cal.days) {
    const req = jitter(rand, SUPPORT.requests * chinaShare(cal, day) * SUPPORT_CN_DIRECT);
    // A daily row is billed at the list in force when its UTC day begins (the rise starts a day).
    const p = day < cal.priceRise ? DEEPSEEK_PRICES.before : DEEPSEEK_PRICES.after;
    const date = isoDay(day).replace(/-/g, '');
    const key = KEYS[1].id;
    const rows = [
      ['input_cache_hit_tokens', perToken(p.cache_read), req * SUPPORT.cached],
      ['input_cache_miss_tokens', perToken(p.input), req * (SUPPORT.prompt - SUPPORT.cached)],
      ['output_tokens', perToken(p.output), req * SUPPORT.output],
      ['request_count', '', req],
    ] as const;
    const month = isoDay(day).slice(0, 7);
    const lines = byMonth.get(month) ?? [];
    for (const [type, price, amount] of rows) lines.push(`7d3e9a41-2c5b-4f8e-9a1d-5b6c7d8e9f01,${date},deepseek-chat,${key},sk-3f1c****************b7e2,${type},${price},${amount}`);
    byMonth.set(month, lines);
  }
  return [...byMonth].map(([month, lines]) => ({
    name: `deepseek-usage-amount-${month.slice(0, 4)}-${Number(month.slice(5))}.csv`,
    text: `\ufeffuser_id,utc_date,model,api_key_name,api_key,type,price,amount\r\n${lines.join('\r\n')}\r\n`,
  }));
}

const OR_HEADER =
  'generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,finish_reason_normalized,generation_time_ms,time_to_first_token_ms,api_key_disabled,api_key_name,app_name';

interface OrRow {
  at: number;
  prompt: number;
  cached: number;
  output: number;
  slug: string;
  host: string;
  user: string;
  key: string;
  app: string;
}

/**
 * What OpenRouter charges for one generation: the list of the provider that served it, on the date it ran,
 * as the ledger's price book has it (the built-in book: the demo's own DeepSeek prices are the direct CNY
 * list, which OpenRouter's USD bills never use). The book follows DeepSeek's own USD list through its
 * changes, so the bill follows it too.
 */
function orCost(r: OrRow): string {
  const resolved = resolveForLedger(r.slug, 'openrouter', r.host, null);
  if (!resolved) throw new Error(`demo: no catalog entry for ${r.slug}`);
  const answer = priceFact(
    {
      lineType: 'usage',
      provider: 'openrouter',
      model: resolved.model,
      route: resolved.route.priceRoute,
      start: r.at,
      end: r.at + 1,
      tokens: tokenCounts({ input: r.prompt - r.cached, cache_read: r.cached, output: r.output }),
      serviceTier: 'standard',
      contextTier: null,
      requests: 1,
      billedCurrency: 'USD',
    },
    builtinBook(),
  );
  if (answer.estimated?.currency !== 'USD') throw new Error(`demo: no USD price for ${r.slug} from ${r.host}`);
  return formatNano(answer.estimated.nano, 7);
}

function orLine(r: OrRow, i: number): string {
  const ts = new Date(r.at).toISOString().replace('T', ' ').replace('Z', '');
  return `gen-${Math.floor(r.at / 1000)}-demo${String(i).padStart(6, '0')},${ts},${orCost(r)},0,0,,0,${r.prompt},${r.output},0,${r.cached},${r.slug},${r.host},standard,false,true,${r.user},stop,stop,4000,600,false,${r.key},"${r.app}"`;
}

/**
 * OpenRouter's activity: the support bot's routed DeepSeek share (one row per six hours: their
 * requests as one line) and the model lab of Chen and Fei on GLM-4.5 and DeepSeek, served by different hosts.
 */
export function openRouterFile(cal: StoryCalendar, rand: () => number): DemoFile {
  const rows: OrRow[] = [];
  const deepseek = { slug: 'deepseek/deepseek-chat' };
  for (const day of cal.days) {
    const perHour = (SUPPORT.requests * chinaShare(cal, day) * (1 - SUPPORT_CN_DIRECT)) / 4;
    for (let h = 0; h < 24; h += 6) {
      const n = jitter(rand, perHour);
      rows.push({ at: day + h * 3_600_000 + 120_000, prompt: n * SUPPORT.prompt, cached: n * SUPPORT.cached, output: n * SUPPORT.output, ...deepseek, host: 'DeepSeek', user: '', key: KEYS[2].id, app: PROJECTS.support.app });
    }
    if (weekdayFactor(day) < 1) continue;
    for (let i = 0; i < 4; i++) {
      const glm = i % 2 === 0;
      const host = glm ? (i === 0 ? 'Z.AI' : 'DeepInfra') : 'DeepSeek';
      const user = i < 2 ? PEOPLE[2].id : PEOPLE[5].id;
      rows.push({ at: day + (9 + i) * 3_600_000 + i * 60_000, prompt: jitter(rand, 72_000), cached: 0, output: jitter(rand, 5400), slug: glm ? 'z-ai/glm-4.5' : deepseek.slug, host, user, key: KEYS[5].id, app: 'Model lab' });
    }
  }
  return { name: 'openrouter-activity.csv', text: [OR_HEADER, ...rows.map(orLine)].join('\n') + '\n' };
}

const CUR_HEADER =
  'identity/LineItemId,identity/TimeInterval,bill/BillingEntity,bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/UsageType,lineItem/Operation,lineItem/ResourceId,lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedRate,lineItem/UnblendedCost,lineItem/LineItemDescription,product/ProductName,product/region,pricing/unit,resourceTags/user:team';

/** The data pipeline's Claude Sonnet 4.5 on Bedrock through the US geo profile, billed daily. */
export function awsCurFile(cal: StoryCalendar, rand: () => number): DemoFile {
  const lines: string[] = [];
  const arn = 'arn:aws:bedrock:us-west-2:444455556666:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  for (const day of cal.days) {
    const iso = (t: number) => new Date(t).toISOString().replace('.000', '');
    const period = iso(Date.UTC(new Date(day).getUTCFullYear(), new Date(day).getUTCMonth(), 1));
    const kInput = jitter(rand, 4200);
    const kOutput = jitter(rand, 380);
    for (const [dir, amount, rate] of [
      ['input', kInput, 0.0033],
      ['output', kOutput, 0.0165],
    ] as const) {
      const id = `demo${isoDay(day).replace(/-/g, '')}${dir}`;
      const cost = Number((amount * rate).toFixed(6));
      lines.push(
        `${id},${iso(day)}/${iso(day + DAY_MS)},AWS,111122223333,${period},444455556666,Usage,${iso(day)},${iso(day + DAY_MS)},AmazonBedrock,USW2-Claude4.5Sonnet-${dir}-tokens,InvokeModel,${arn},${amount},USD,${rate},${cost},Claude Sonnet 4.5 ${dir} tokens (regional),Amazon Bedrock,us-west-2,1K tokens,pipeline`,
      );
    }
  }
  return { name: 'aws-cur-bedrock.csv', text: [CUR_HEADER, ...lines].join('\n') + '\n' };
}
