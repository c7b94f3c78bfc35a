/**
 * Tokens follow the spend rule: an agent's or a gateway's log describes calls the provider's own usage
 * source also counts. Where that source covers the same provider, day and model, the log's tokens do not
 * add to it, whichever was imported first. Real fixtures through a real ledger; the covered calls are
 * worked out from the facts apart from the engine's coverage rule.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenTotal } from '../../shared/domain/aggregate';
import { tempDir } from '../helpers/tmp';
import { fixture, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

interface Row { day: string; family: string; billed_by: string; provider: string; tokens: number }

/** Every usage fact with its tokens, read raw (no counts_tokens). */
function facts(l: TestLedger): Row[] {
  return l.engine.ctx.db
    .prepare(
      `SELECT day, model_family AS family, billed_by, provider, input + cache_read + cache_write_5m + cache_write_1h + output AS tokens
       FROM usage_facts WHERE line_type = 'usage'`,
    )
    .all() as Row[];
}

/** The log's tokens on (day, model family) the provider's own usage source does not name. */
function uncoveredLogTokens(rows: Row[], log: string, provider: string): { covered: number; uncovered: number } {
  const named = new Set(rows.filter((r) => r.provider === provider).map((r) => `${r.day} ${r.family}`));
  const logRows = rows.filter((r) => r.provider === log && r.billed_by === provider);
  const sum = (xs: Row[]) => xs.reduce((s, r) => s + r.tokens, 0);
  return { covered: sum(logRows.filter((r) => named.has(`${r.day} ${r.family}`))), uncovered: sum(logRows.filter((r) => !named.has(`${r.day} ${r.family}`))) };
}

async function totalTokens(l: TestLedger): Promise<number> {
  return tokenTotal((await l.api.call('report.explore', { groupBy: [] })).totals.tokens);
}

async function rowsTokens(l: TestLedger, by: 'model' | 'provider' | 'project'): Promise<number> {
  const v = await l.api.call('report.explore', { groupBy: [by] });
  return v.rows.reduce((s, r) => s + tokenTotal(r.tokens), 0);
}

const CASES = [
  { name: "Claude Code's session over Anthropic's usage report", log: 'claude-code-session.jsonl', source: 'anthropic-usage-report.json', logProvider: 'claude-code', provider: 'anthropic' },
  { name: "LiteLLM's spend logs over OpenAI's usage API", log: 'litellm-spend-logs.csv', source: 'openai-usage-completions.json', logProvider: 'litellm', provider: 'openai' },
];

describe("a log's tokens do not add to the provider's usage source that covers them", () => {
  for (const c of CASES) {
    for (const order of ['log first', 'source first'] as const) {
      it(`${c.name}, ${order}: the total is the provider's tokens plus the log's uncovered calls, and equals its rows`, async () => {
        ledger = tempLedger();
        await ledger.api.call('imports.commit', { paths: [fixture(c.source)] });
        const sourceAlone = await totalTokens(ledger);
        ledger.close();

        ledger = tempLedger();
        await ledger.api.call('imports.commit', { paths: [fixture(c.log)] });
        const logAlone = await totalTokens(ledger);
        ledger.close();

        ledger = tempLedger();
        const paths = order === 'log first' ? [c.log, c.source] : [c.source, c.log];
        for (const p of paths) await ledger.api.call('imports.commit', { paths: [fixture(p)] });
        const { covered, uncovered } = uncoveredLogTokens(facts(ledger), c.logProvider, c.provider);
        expect(covered).toBeGreaterThan(0);
        expect(covered + uncovered).toBeLessThan(logAlone + 1);

        const total = await totalTokens(ledger);
        expect(total).toBe(sourceAlone + (logAlone - covered));
        expect(await rowsTokens(ledger, 'model')).toBe(total);
        expect(await rowsTokens(ledger, 'provider')).toBe(total);
        expect((await ledger.api.call('report.totals', {})).totals.tokens).toEqual((await ledger.api.call('report.explore', { groupBy: [] })).totals.tokens);
      });
    }
  }

  it('undoing the provider source gives the log its tokens back', async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('claude-code-session.jsonl')] });
    const logAlone = await totalTokens(ledger);
    const r = await ledger.api.call('imports.commit', { paths: [fixture('anthropic-usage-report.json')] });
    const batchId = r.files[0]!.batchId!;
    const both = await totalTokens(ledger);
    const { covered } = uncoveredLogTokens(facts(ledger), 'claude-code', 'anthropic');
    await ledger.api.call('imports.undo', { batchId });
    expect(both - (await totalTokens(ledger))).toBe(both - logAlone);
    expect(covered).toBeGreaterThan(0);
    expect(await totalTokens(ledger)).toBe(logAlone);
  });
});

describe('the log still attributes the calls its provider counts', () => {
  it("Claude Code's sessions keep their tokens once Anthropic's usage report covers them", async () => {
    ledger = tempLedger();
    await ledger.api.call('imports.commit', { paths: [fixture('claude-code-session.jsonl')] });
    const alone = await ledger.api.call('agents.sessions', {});
    expect(alone.length).toBeGreaterThan(0);
    await ledger.api.call('imports.commit', { paths: [fixture('anthropic-usage-report.json')] });
    expect(uncoveredLogTokens(facts(ledger), 'claude-code', 'anthropic').covered).toBeGreaterThan(0);
    const after = await ledger.api.call('agents.sessions', {});
    expect(after.map((s) => [s.session, s.tokens, s.requests])).toEqual(alone.map((s) => [s.session, s.tokens, s.requests]));
  });
});

describe('the match is on the model as served, not its spelling', () => {
  it("a usage report naming the alias (claude-sonnet-4) covers the log's dated snapshot (claude-sonnet-4-20250514)", async () => {
    const dir = tempDir();
    const aliased = join(dir, 'anthropic-usage-report.json');
    writeFileSync(aliased, readFileSync(fixture('anthropic-usage-report.json'), 'utf8').replaceAll('"claude-sonnet-4-20250514"', '"claude-sonnet-4"'));
    const totalWith = async (source: string) => {
      ledger = tempLedger();
      await ledger.api.call('imports.commit', { paths: [fixture('claude-code-session.jsonl')] });
      await ledger.api.call('imports.commit', { paths: [source] });
      const t = await totalTokens(ledger);
      const models = new Set(facts(ledger).filter((r) => r.provider === 'anthropic').map((r) => r.family));
      ledger.close();
      ledger = undefined;
      return { t, models };
    };
    const dated = await totalWith(fixture('anthropic-usage-report.json'));
    const alias = await totalWith(aliased);
    expect(alias.models).toEqual(dated.models);
    expect(alias.t).toBe(dated.t);
  });
});
