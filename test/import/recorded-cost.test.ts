/**
 * Recorded vs billed: a gateway's or an agent's own cost is "recorded by the tool", never billed; where the
 * provider's bill covers the same day and model, the bill is the spend and the log adds nothing to it.
 * Real fixtures through a real ledger; the expected figures are read from the fixtures themselves.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { formatNano, parseDecimalToNano } from '../../shared/domain/money';
import { EXPECTED, fixture, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

const nano = (v: string | undefined) => parseDecimalToNano(v ?? '0');
const six = (n: bigint) => formatNano(n, 6);

async function byProvider(l: TestLedger) {
  const view = await l.api.call('report.explore', { groupBy: ['provider'] });
  return Object.fromEntries(view.rows.map((r) => [r.keys[0], r]));
}

/** LiteLLM's spend of its rows routed to one upstream, summed from the CSV. */
function litellmSpend(upstream: string): bigint {
  const [head, ...rows] = readFileSync(fixture('litellm-spend-logs.csv'), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  // The rows' metadata JSON holds commas inside quotes, after the columns read here.
  return rows
    .map((r) => r.split(','))
    .filter((c) => c[cols.indexOf('custom_llm_provider')] === upstream)
    .reduce((s, c) => s + nano(c[cols.indexOf('spend')]), 0n);
}

describe('a gateway log records its cost, it does not bill it', () => {
  it('LiteLLM alone: recorded (per currency) beside billed and estimated in the totals, and that is the spend', async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('litellm-spend-logs.csv')] });
    const t = (await ledger.api.call('report.totals', {})).totals;
    expect(t.billed).toEqual({});
    expect(six(nano(t.recorded.USD))).toBe(EXPECTED['litellm-spend-logs.csv']!.cost);
    expect(t.spend).toEqual(t.recorded);
    expect(Object.keys(t.estimated).length).toBeGreaterThan(0);
    const facts = await ledger.api.call('report.facts', { limit: 10 });
    expect(facts.rows.every((f) => f.billed === null && f.recordedCurrency === 'USD')).toBe(true);
  });

  it('with the OpenAI costs: the row LiteLLM routed to OpenAI on a billed day and model adds nothing to the bill', async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('litellm-spend-logs.csv'), fixture('openai-costs.json')] });
    const p = await byProvider(ledger);
    const toOpenAi = litellmSpend('openai');
    expect(toOpenAi).toBeGreaterThan(0n);
    expect(six(nano(p.openai!.spend.USD))).toBe(EXPECTED['openai-costs.json']!.cost);
    expect(six(nano(p.litellm!.recorded.USD))).toBe(EXPECTED['litellm-spend-logs.csv']!.cost);
    expect(nano(p.litellm!.spend.USD)).toBe(nano(p.litellm!.recorded.USD) - toOpenAi);
    const t = (await ledger.api.call('report.totals', {})).totals;
    expect(nano(t.spend.USD)).toBe(nano(p.openai!.billed.USD) + nano(p.litellm!.recorded.USD) - toOpenAi);
  });
});

describe('an agent log attributes the bill that covers it', () => {
  it("Claude Code with Anthropic's cost report: calls on a billed day and model add nothing; the others keep their estimate", async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('claude-code-session.jsonl')] });
    const alone = (await byProvider(ledger))['claude-code']!;
    await ledger.api.call('imports.commit', { paths: [fixture('anthropic-cost-report.json')] });
    const p = await byProvider(ledger);
    // What the bill covers, worked out apart from the engine: (day, model family) of Anthropic's cost lines.
    const db = ledger.engine.ctx.db;
    const billed = new Set((db.prepare("SELECT DISTINCT day || ' ' || model_family FROM usage_facts WHERE provider = 'anthropic' AND line_type = 'cost'").pluck().all() as string[]));
    const cc = db.prepare("SELECT day, model_family AS family, estimated_nano AS est FROM usage_facts WHERE provider = 'claude-code'").safeIntegers(true).all() as Array<{ day: string; family: string; est: bigint }>;
    const uncovered = cc.filter((f) => !billed.has(`${f.day} ${f.family}`)).reduce((s, f) => s + f.est, 0n);
    expect(cc.some((f) => billed.has(`${f.day} ${f.family}`))).toBe(true);
    expect(uncovered).toBeLessThan(nano(alone.spend.USD));
    expect(nano(p['claude-code']!.spend.USD)).toBe(uncovered);
    expect(six(nano(p.anthropic!.spend.USD))).toBe(EXPECTED['anthropic-cost-report.json']!.cost);
    // Its tokens and estimate stay, for attribution (project, session).
    expect(p['claude-code']!.estimated).toEqual(alone.estimated);
    expect(p['claude-code']!.tokens).toEqual(alone.tokens);
  });
});
