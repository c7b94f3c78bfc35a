/**
 * For every sample that states both tokens and its own cost, the price book's estimate (through the real
 * import pipeline into a real ledger) matches the stated cost (the bill; for a gateway log, the cost it recorded)
 * within 0.5 % per file, once the rows whose gap
 * the test explains are set apart. Every explained gap names the rows it covers and must still match at least
 * one of them, so an explanation cannot outlive its cause; no explanation keeps a price the book has wrong.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBig } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { testEngine } from '../helpers/engine';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');

interface Row {
  day: string;
  start_ms: bigint;
  model: string | null;
  model_raw: string | null;
  host: string | null;
  geo: string | null;
  tier: string;
  input: bigint;
  output: bigint;
  /** The cost the row states: billed, or recorded by the tool (LiteLLM). */
  billed: bigint | null;
  billed_currency: string | null;
  estimated: bigint | null;
  estimated_currency: string | null;
}

interface Gap {
  rows: (r: Row) => boolean;
  why: string;
}

async function ledgerRows(files: string[]): Promise<Row[]> {
  const { engine, client } = testEngine();
  await client.call('imports.commit', { paths: files.map((f) => join(EXPORTS, f)), onError: 'skip' });
  return allBig<Row>(
    engine.ctx.db,
    sql`SELECT day, start_ms, model, model_raw, host, inference_geo AS geo, service_tier AS tier, input, output,
               coalesce(billed_nano, recorded_nano) AS billed, coalesce(billed_currency, recorded_currency) AS billed_currency, estimated_nano AS estimated, estimated_currency
        FROM usage_facts WHERE line_type = 'usage' AND counts_tokens = 1 ORDER BY id`,
  );
}

/** Estimate and bill of the rows no gap explains; the gaps that matched. */
function compare(rows: Row[], gaps: Gap[]) {
  let billed = 0n;
  let estimated = 0n;
  const used = new Set<string>();
  let compared = 0;
  for (const r of rows) {
    const gap = gaps.find((g) => g.rows(r));
    if (gap) {
      used.add(gap.why);
      continue;
    }
    if (r.billed === null) continue;
    expect(r.estimated, `${r.model_raw} on ${r.day} has a bill but no estimate and no explanation`).not.toBeNull();
    expect(r.estimated_currency).toBe(r.billed_currency);
    billed += r.billed;
    estimated += r.estimated!;
    compared++;
  }
  return { billed, estimated, compared, unused: gaps.map((g) => g.why).filter((w) => !used.has(w)) };
}

function withinHalfPercent(estimated: bigint, billed: bigint): boolean {
  const d = estimated - billed;
  return (d < 0n ? -d : d) * 200n <= (billed < 0n ? -billed : billed);
}

const utcTime = (r: Row) => new Date(Number(r.start_ms)).toISOString().slice(11, 16);

/** Files whose rows state tokens and their own cost. */
const SAME_ROW: Array<{ file: string; gaps: Gap[] }> = [
  {
    file: 'openrouter-activity.csv',
    gaps: [
      {
        rows: (r) => r.estimated === null && r.host === 'Alibaba' && r.model === 'qwen3-coder-480b-a35b-07-25',
        why: "OpenRouter bills the serving provider's own price. Missing from the reference data: Alibaba's prompt and completion price per token for qwen/qwen3-coder on OpenRouter in force on 2025-09-02 (and whether it steps up above 32K prompt tokens; the row has 64,000). LiteLLM's openrouter/qwen/qwen3-coder ($0.22/$0.95) is the model page's price, not Alibaba's endpoint, and names another id: unpriced, the row's bill is its spend",
      },
      {
        rows: (r) => r.host === 'Chutes' && r.model === 'deepseek-v3-0324',
        why: "Missing from the reference data: Chutes' prompt and completion price per token for deepseek/deepseek-chat-v3-0324 on OpenRouter in force on 2025-09-02 (no per-provider endpoints list is in it). The book falls back to OpenRouter's model-page price ($0.14/$0.28, LiteLLM), under the row's bill",
      },
    ],
  },
  { file: 'openrouter-generation.jsonl', gaps: [] },
  {
    file: 'litellm-spend-logs.csv',
    gaps: [
      {
        rows: (r) => r.model === 'deepseek-chat',
        why: `LiteLLM recorded DeepSeek's standard rate at 00:00 UTC, inside DeepSeek's 16:30-00:30 UTC off-peak window; the book applies the 50 % off-peak price DeepSeek bills (half LiteLLM's figure exactly)`,
      },
    ],
  },
  { file: 'aws-cur-bedrock.csv', gaps: [] },
  { file: 'azure-cost-export.csv', gaps: [] },
  { file: 'gcp-billing-vertex.csv', gaps: [] },
  { file: 'gcp-billing-reports-gemini-api.csv', gaps: [] },
  { file: 'zhipu-bill-detail.csv', gaps: [] },
];

describe('the price book against the samples that state their own cost', () => {
  for (const { file, gaps } of SAME_ROW) {
    it(`estimates ${file} within 0.5 % of its bill, every other gap explained`, async () => {
      const rows = await ledgerRows([file]);
      const c = compare(rows, gaps);
      expect(c.unused).toEqual([]);
      expect(c.compared).toBeGreaterThan(0);
      expect(withinHalfPercent(c.estimated, c.billed), `estimated ${c.estimated} vs billed ${c.billed}`).toBe(true);
    });
  }

  it('prices the LiteLLM DeepSeek row at the off-peak rate because it ran at 00:00 UTC', async () => {
    const rows = await ledgerRows(['litellm-spend-logs.csv']);
    const ds = rows.find((r) => r.model === 'deepseek-chat')!;
    expect(utcTime(ds)).toBe('00:00');
    // 9,920 input x $0.135 + 1,480 output x $0.55 per million = $0.0021532, half the $0.0043064 LiteLLM recorded.
    expect([ds.estimated, ds.billed]).toEqual([2_153_200n, 4_306_400n]);
  });

  it('matches the DeepSeek amount file row by row: its days (8-10 September) are under the V3.1 list', async () => {
    const rows = await ledgerRows(['deepseek-usage-amount-2025-9.csv']);
    const billedRows = rows.filter((r) => r.billed !== null);
    expect(billedRows).toHaveLength(17); // 23 rows less the 6 request_count rows
    expect(billedRows.filter((r) => r.billed !== r.estimated)).toEqual([]);
  });

  it('estimates the Anthropic usage report within 0.5 % of the cost report of the same days', async () => {
    const usage = await ledgerRows(['anthropic-usage-report.json']);
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [join(EXPORTS, 'anthropic-cost-report.json')] });
    const [bill] = allBig<{ n: bigint }>(engine.ctx.db, sql`SELECT sum(billed_nano) AS n FROM usage_facts`);
    const est = usage.reduce((s, r) => s + (r.estimated ?? 0n), 0n);
    expect(usage.every((r) => r.estimated !== null)).toBe(true);
    expect(withinHalfPercent(est, bill!.n), `${est} vs ${bill!.n}`).toBe(true);
  });

  it('estimates the OpenAI usage within 0.5 % of the OpenAI costs, the flex row at Batch API rates', async () => {
    const usage = await ledgerRows(['openai-usage-completions.json']);
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [join(EXPORTS, 'openai-costs.json')] });
    const [bill] = allBig<{ n: bigint }>(engine.ctx.db, sql`SELECT sum(billed_nano) AS n FROM usage_facts`);
    // OpenAI prices Flex tokens at Batch API rates: gpt-4o-mini $0.075/$0.30, which is what the costs bill
    // (120,332 x $0.075 + 20,110 x $0.30 per million = $0.0090249 + $0.006033).
    const flex = usage.filter((r) => r.tier === 'flex');
    expect(flex.map((r) => [r.model, r.estimated])).toEqual([['gpt-4o-mini-2024-07-18', 15_057_900n]]);
    expect(usage.every((r) => r.estimated !== null)).toBe(true);
    const est = usage.reduce((s, r) => s + r.estimated!, 0n);
    expect(withinHalfPercent(est, bill!.n), `${est} vs ${bill!.n}`).toBe(true);
  });
});
