/**
 * The coding agents' own model names, priced through the real import of their samples: each row names the
 * tool, the model id its log writes, the book's model and route, a token class, an instant, the price per
 * million tokens and its source; and what the row says of its plan. Usage a plan includes is a value at list
 * price (notional), never spend; a free tier's model is a stated zero price; a tool's own router model with
 * no vendor list is the cost the tool recorded. None of them is left unpriced.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient } from '../../shared/contract/client';
import { createEngine, type Engine } from '../../electron/engine';
import { allBig } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { builtinBook } from '../../shared/domain/pricing/price-fact';
import { pricesFor } from '../../shared/domain/pricing/tiers';
import type { TokenPrices } from '../../shared/domain/pricing/price-book';
import { tempDir } from '../helpers/tmp';
import { AGENTS } from '../importers/agents-helpers';

interface AgentModel {
  tool: string;
  raw: string;
  model: string;
  route: string;
  cls: keyof TokenPrices;
  at: string;
  /** Per million tokens, USD; null: the book has no price (the tool's recorded cost stands). */
  price: string | null;
  status: 'priced' | 'not_applicable';
  /** What the rows say of their plan (null: silent, the tool's setting decides). */
  plans: Array<'included' | 'payg' | null>;
  source: string;
}

const AGENT_MODELS: AgentModel[] = [
  { tool: 'qwen-code-log', raw: 'coder-model', model: 'coder-model', route: 'direct', cls: 'input', at: '2025-09-20T11:12:16Z', price: '0', status: 'priced', plans: ['included'], source: 'Qwen OAuth free tier (coder-model: the only OAuth model, no per-token charge; the vendor names no priced model it routes to)' },
  { tool: 'qwen-code-log', raw: 'coder-model', model: 'coder-model', route: 'direct', cls: 'output', at: '2025-09-20T11:12:16Z', price: '0', status: 'priced', plans: ['included'], source: 'Qwen OAuth free tier' },
  { tool: 'qwen-code-log', raw: 'qwen-plus-2025-09-11', model: 'qwen-plus-2025-09-11', route: 'direct', cls: 'cache_read', at: '2025-09-23T22:50:55Z', price: '0.08', status: 'priced', plans: [null], source: 'Model Studio: an implicit-cache hit at 20 % of the input price ($0.40), the ratio of the mainland qwen-plus list' },
  { tool: 'copilot-cli-log', raw: 'claude-sonnet-4', model: 'claude-sonnet-4', route: 'direct', cls: 'input', at: '2025-09-26T15:12:09Z', price: '3', status: 'priced', plans: ['included'], source: 'Anthropic list of claude-sonnet-4-20250514, the snapshot claude-sonnet-4-0 points to' },
  { tool: 'copilot-cli-log', raw: 'claude-sonnet-4', model: 'claude-sonnet-4', route: 'direct', cls: 'cache_read', at: '2025-09-26T15:12:09Z', price: '0.3', status: 'priced', plans: ['included'], source: 'Anthropic list of claude-sonnet-4-20250514' },
  { tool: 'copilot-cli-log', raw: 'claude-sonnet-4', model: 'claude-sonnet-4', route: 'direct', cls: 'output', at: '2025-09-26T15:12:09Z', price: '15', status: 'priced', plans: ['included'], source: 'Anthropic list of claude-sonnet-4-20250514' },
  { tool: 'cursor', raw: 'auto', model: 'auto', route: 'direct', cls: 'input', at: '2025-09-22T18:06:38Z', price: null, status: 'not_applicable', plans: ['included', 'payg'], source: "Cursor's own router model: no vendor list in the reference data; the export's Cost column is its figure" },
  { tool: 'cursor', raw: 'claude-4-sonnet', model: 'claude-sonnet-4', route: 'direct', cls: 'cache_write_5m', at: '2025-09-22T16:58:08Z', price: '3.75', status: 'priced', plans: ['included', 'payg'], source: 'Anthropic list of claude-sonnet-4-20250514' },
  { tool: 'cursor', raw: 'claude-4-sonnet-thinking', model: 'claude-sonnet-4-thinking', route: 'direct', cls: 'output', at: '2025-09-22T22:07:35Z', price: '15', status: 'priced', plans: ['included', 'payg'], source: 'Anthropic: thinking tokens are billed as output tokens of the same model' },
  { tool: 'cursor', raw: 'claude-4.1-opus', model: 'claude-opus-4-1', route: 'direct', cls: 'input', at: '2025-09-22T20:28:33Z', price: '15', status: 'priced', plans: ['included', 'payg'], source: 'Anthropic list of claude-opus-4-1' },
  { tool: 'cursor', raw: 'gpt-5-high', model: 'gpt-5-high', route: 'direct', cls: 'cache_read', at: '2025-09-22T22:41:01Z', price: '0.125', status: 'priced', plans: ['included'], source: 'OpenAI list of gpt-5 (reasoning effort is a request parameter)' },
  { tool: 'cursor', raw: 'gpt-5', model: 'gpt-5', route: 'direct', cls: 'output', at: '2025-09-22T19:26:47Z', price: '10', status: 'priced', plans: ['included'], source: 'OpenAI list of gpt-5' },
  { tool: 'cursor', raw: 'grok-code-fast-1', model: 'grok-code-fast-1', route: 'direct', cls: 'input', at: '2025-09-23T00:03:16Z', price: '0.2', status: 'priced', plans: ['included'], source: 'xAI list of grok-code-fast-1' },
];

interface FactRow {
  provider: string;
  model_raw: string;
  model: string;
  price_status: string;
  plan: string | null;
  estimated_nano: bigint | null;
  estimated_currency: string | null;
  recorded_nano: bigint | null;
}

let engine: Engine;
let client: ApiClient;
let facts: FactRow[];

beforeAll(async () => {
  engine = createEngine({ dbPath: join(tempDir(), 'ledger.sqlite') });
  client = createClient({ invoke: (m, i) => engine.dispatch(m, i), on: () => () => undefined });
  await client.call('imports.commit', { paths: ['codex', 'copilot-cli', 'cursor', 'gemini-cli', 'opencode', 'qwen-code', 'roo-code'].map((d) => join(AGENTS, d)) });
  facts = allBig<FactRow>(
    engine.ctx.db,
    sql`SELECT provider, model_raw, model, price_status, plan, estimated_nano, estimated_currency, recorded_nano FROM usage_facts ORDER BY id`,
  );
});
afterAll(() => engine.close());

describe("the agents' model names, priced", () => {
  it.each(AGENT_MODELS.map((m) => [`${m.tool} ${m.raw} -> ${m.model} on ${m.route}, ${m.cls} at ${m.at}`, m] as const))('%s', (_name, m) => {
    const rows = facts.filter((f) => f.provider === m.tool && f.model_raw === m.raw);
    expect(rows.length, `${m.tool} logs ${m.raw} in its sample`).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set([m.model]));
    expect(new Set(rows.map((r) => r.price_status)), m.source).toEqual(new Set([m.status]));
    expect(new Set(rows.map((r) => r.plan))).toEqual(new Set(m.plans));
    const got = pricesFor(builtinBook(), { model: m.model, at: Date.parse(m.at), route: m.route });
    if (m.price === null) {
      expect(got, m.source).toBeNull();
      // Its figure is the cost the tool recorded, on every row.
      expect(rows.every((r) => r.estimated_nano === null && r.recorded_nano !== null)).toBe(true);
      return;
    }
    expect(got, `${m.model}: no price (${m.source})`).not.toBeNull();
    expect(got!.entry.currency).toBe('USD');
    expect(Number(got!.prices[m.cls]), m.source).toBe(Number(m.price));
    expect(rows.every((r) => r.estimated_nano !== null && r.estimated_currency === 'USD')).toBe(true);
  });

  it('leaves none of these models unpriced in Reconcile', async () => {
    const rec = await client.call('reconcile.report', {});
    const unpriced = new Set(rec.unpriced.models.filter((u) => u.billedTokens < u.tokens).map((u) => `${u.provider} ${u.model}`));
    for (const m of AGENT_MODELS) expect(unpriced.has(`${m.tool} ${m.model}`), `${m.tool} ${m.model}`).toBe(false);
  });

  it("prices Copilot's claude-sonnet-4 call at Anthropic's list as a value included in the Copilot plan, never spend, whatever the tool's setting", async () => {
    // 142,842 input x $3 + 77,440 cache read x $0.30 + 4,054 output x $15 per million = $0.512568.
    const copilot = facts.filter((f) => f.provider === 'copilot-cli-log' && f.model === 'claude-sonnet-4');
    expect(copilot.map((f) => f.estimated_nano)).toEqual([512_568_000n]);
    const day = { from: '2025-09-26', to: '2025-09-26' };
    const before = await client.call('report.totals', day);
    // That day's two Copilot rows: claude-sonnet-4 $0.512568 and gpt-5 $0.1929945, both a value at list price.
    expect(facts.filter((f) => f.provider === 'copilot-cli-log').map((f) => f.plan)).toEqual(Array(5).fill('included'));
    expect(before.totals.notional.USD).toBe('0.7055625');
    expect(before.totals.spend).toEqual({});
    // Copilot bills premium requests, never tokens: a pay-as-you-go setting does not turn its rows into spend.
    await client.call('plans.set', { tool: 'copilot-cli-log', plan: 'payg' });
    expect((await client.call('report.totals', day)).totals).toEqual(before.totals);
    await client.call('plans.set', { tool: 'copilot-cli-log', plan: null });
  });

  it("prices qwen-plus-2025-09-11's cache hits at a fifth of its input, and says why gpt-5-codex calls dated before its release have no price", async () => {
    // 2,857 input x $0.40 + 10,752 cache read x $0.08 + 549 output x $1.20 per million = $0.00266176.
    const qwen = facts.filter((f) => f.model === 'qwen-plus-2025-09-11' && f.estimated_nano === 2_661_760n);
    expect(qwen).toHaveLength(1);
    const rec = await client.call('reconcile.report', {});
    const codex = rec.unpriced.models.find((u) => u.model === 'gpt-5-codex')!;
    // The sample's gpt-5-codex calls are dated 2025-09-09 and 09-11; GPT-5-Codex was released on 2025-09-15.
    expect([codex.provider, codex.tokens, codex.facts]).toEqual(['codex-log', 107_769, 8]);
    expect(codex.reason).toBe('no price for gpt-5-codex on direct at 2025-09-09T16:43:52.955Z: its first price is from 2025-09-15');
    expect(rec.unpriced.models.map((u) => u.model).sort()).toEqual(['auto', 'gpt-5-codex']);
  });

  it("counts Qwen's free tier as included at a zero price, and Cursor's auto at the cost Cursor recorded", async () => {
    const qwen = facts.filter((f) => f.model === 'coder-model');
    expect(qwen).toHaveLength(5);
    expect(qwen.every((f) => f.estimated_nano === 0n && f.plan === 'included')).toBe(true);
    // The sample's two auto rows: $0.20 Included (a value at list price) and $0.12 On-Demand (spend).
    const auto = facts.filter((f) => f.model === 'auto').map((f) => [f.plan, f.recorded_nano]);
    expect(auto.sort()).toEqual([
      ['included', 200_000_000n],
      ['payg', 120_000_000n],
    ]);
  });
});
