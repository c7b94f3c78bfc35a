/**
 * The coding agents' samples through the real pipeline and ledger (imports.commit over each folder):
 * exactly the expected tokens, requests and facts; the same folder again adds nothing; and imported
 * together with every provider sample, nothing is claimed twice and nothing counts twice.
 */
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerTotals } from '../../shared/contract/types';
import { formatNano, parseDecimalToNano } from '../../shared/domain/money';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { AGENTS, AGENT_EXPECTED, jsonl, writeTree } from './agents-helpers';

const EXPORTS = join(AGENTS, '..');
const providerFiles = () => readdirSync(EXPORTS).filter((f) => statSync(join(EXPORTS, f)).isFile()).map((f) => join(EXPORTS, f));

const tokensOf = (t: LedgerTotals) => ({ ...t.tokens, requests: t.requests });

describe('every agent sample through the ledger', () => {
  for (const [key, want] of Object.entries(AGENT_EXPECTED)) {
    it(`${key}: exactly its expected tokens and facts, and a second import adds nothing`, async () => {
      const { client } = testEngine();
      const path = join(EXPORTS, key);
      const first = await client.call('imports.commit', { paths: [path], onError: 'abort' });
      expect(first.counts.error).toBe(0);
      expect(first.files.every((f) => f.batchId !== null)).toBe(true);
      const report = await client.call('report.totals', {});
      const t = report.totals;
      expect(report.factCount).toBe(want.rows);
      expect(t.tokens).toEqual({
        input: want.input_uncached,
        cache_read: want.cache_read,
        cache_write_5m: want.cache_write,
        cache_write_1h: 0,
        output: want.output,
        reasoning: want.reasoning_subset_of_output,
      });
      expect(t.requests).toBe(want.requests);
      // A cost an agent computed is not a bill: it is kept as recorded by the tool, and no bill covers it here.
      expect(t.billed).toEqual({});
      const recorded = Object.entries(t.recorded).map(([c, v]) => [c, formatNano(parseDecimalToNano(v), 6)]);
      expect(recorded).toEqual(parseDecimalToNano(want.cost) === 0n ? [] : [[want.currency, want.cost]]);
      // ... and it is the spend, but for usage a plan includes (Cursor's Included rows; Copilot, which bills a
      // subscription and premium requests, never tokens): notional, never spend.
      const cur = (m: Record<string, string>) => parseDecimalToNano(m[want.currency ?? 'USD'] ?? '0');
      if (parseDecimalToNano(want.cost) !== 0n) expect(cur(t.spend) + cur(t.notional)).toBe(cur(t.recorded));
      expect(cur(t.notional) > 0n).toBe(key.includes('cursor') || key.includes('copilot'));

      const again = await client.call('imports.commit', { paths: [path], onError: 'abort' });
      expect(again.counts.new).toBe(0);
      expect(again.counts.revised).toBe(0);
      // The files the ledger remembers (session logs, task folders, a CSV) are not read again while unchanged
      // (no batch); a database is read again: all duplicates.
      const unread = again.files.filter((f) => f.unchanged === true);
      expect(unread.every((f) => f.batchId === null && f.counts.duplicate === 0)).toBe(true);
      expect(again.files.filter((f) => f.unchanged !== true).every((f) => f.counts.new === 0)).toBe(true);
      if (unread.length < again.files.length) expect(again.counts.duplicate).toBeGreaterThan(0);
      const reread = again.files.filter((f) => f.unchanged !== true).map((f) => f.format);
      expect(reread).toEqual(again.files.filter((f) => f.format === 'opencode-db').map((f) => f.format));
      const after = await client.call('report.totals', {});
      expect(after.factCount).toBe(want.rows);
      expect(after.totals).toEqual(t);
    });
  }

  it("prices a log's own model ids at the vendor's list (a log names no host): Codex's gpt-5, Gemini CLI's models", async () => {
    const { client } = testEngine();
    await client.call('imports.commit', { paths: [join(EXPORTS, 'agents/codex'), join(EXPORTS, 'agents/gemini-cli')], onError: 'abort' });
    const models = await client.call('report.explore', { from: '2025-01-01', to: '2025-12-31', groupBy: ['provider', 'model'], bucket: 'none' });
    const rows = models.rows.map((r) => ({ key: r.keys.join(' '), estimated: Object.keys(r.estimated).length > 0 }));
    expect(rows.filter((r) => r.key === 'codex-log gpt-5')).toEqual([{ key: 'codex-log gpt-5', estimated: true }]);
    const gemini = rows.filter((r) => r.key.startsWith('gemini-cli-log '));
    expect(gemini.length).toBeGreaterThan(0);
    expect(gemini.filter((r) => !r.estimated)).toEqual([]);
  });

  it('imported with every provider sample in one go: each file claimed once, nothing counted twice', async () => {
    const agentsOnly = testEngine();
    await agentsOnly.client.call('imports.commit', { paths: [AGENTS], onError: 'abort' });
    const a = await agentsOnly.client.call('report.totals', {});
    const providersOnly = testEngine();
    await providersOnly.client.call('imports.commit', { paths: providerFiles(), onError: 'skip' });
    const p = await providersOnly.client.call('report.totals', {});

    const both = testEngine();
    const res = await both.client.call('imports.commit', { paths: [AGENTS, ...providerFiles()], onError: 'skip' });
    expect(res.files.filter((f) => f.format === 'claude-code-jsonl').map((f) => f.file)).toEqual([join(EXPORTS, 'claude-code-session.jsonl')]);
    const b = await both.client.call('report.totals', {});
    expect(b.factCount).toBe(a.factCount + p.factCount);
    const sum = { ...tokensOf(a.totals) };
    for (const [k, v] of Object.entries(tokensOf(p.totals))) sum[k as keyof typeof sum] += v;
    expect(tokensOf(b.totals)).toEqual(sum);
    expect(a.factCount).toBe(Object.values(AGENT_EXPECTED).reduce((n, e) => n + e.rows, 0));
  });

  it('attributes agent usage by model: GLM through Roo Code and DeepSeek through opencode are Chinese, Codex is US', async () => {
    const { client, engine } = testEngine();
    const dir = tempDir();
    cpSync(join(AGENTS, 'opencode'), join(dir, 'opencode'), { recursive: true });
    writeTree(dir, {
      'roo/User/globalStorage/rooveterinaryinc.roo-cline/tasks/t-glm/api_conversation_history.json': JSON.stringify([{ role: 'user', content: [{ type: 'text', text: '<environment_details><model>glm-4.6</model></environment_details>' }], ts: 1757000000000 }]),
      'roo/User/globalStorage/rooveterinaryinc.roo-cline/tasks/t-glm/ui_messages.json': JSON.stringify([{ ts: 1757000001000, type: 'say', say: 'api_req_started', text: JSON.stringify({ apiProtocol: 'openai', tokensIn: 1000, tokensOut: 10, cacheReads: 0, cacheWrites: 0, cost: 0.001 }) }]),
    });
    cpSync(join(AGENTS, 'codex'), join(dir, 'codex'), { recursive: true });
    await client.call('imports.commit', { paths: [dir], onError: 'abort' });
    const rows = engine.ctx.db.prepare('SELECT provider, model_raw, vendor, origin_region, host, project, sum(input) AS input FROM usage_facts GROUP BY provider, model_raw, vendor, origin_region, host, project ORDER BY provider, model_raw, project').all();
    // Codex inputs are each session's final total minus its cached total (FORMATS: cumulative): 2025-09-08 (acme-api,
    // gpt-5) 74862 - 58240 = 16622; 2025-09-11 (acme-api) switches gpt-5-codex -> gpt-5 after two calls whose
    // total is 19664 - 10752 = 8912, the rest (67451 - 54656) - 8912 = 3883 on gpt-5; 2025-09-09 (ledger-ui,
    // gpt-5-codex) 78337 - 62848 = 15489; 2025-09-12 (infra, gpt-5) 37193 - 31104 = 6089. opencode: the
    // step-finish inputs per session (26 + 27 + 23 + 3, 49 + 25 + 15 + 13, 12914 + 1115 + 3002).
    expect(rows).toEqual([
      { provider: 'codex-log', model_raw: 'gpt-5', vendor: 'openai', origin_region: 'US', host: null, project: 'acme-api', input: 16622 + 3883 },
      { provider: 'codex-log', model_raw: 'gpt-5', vendor: 'openai', origin_region: 'US', host: null, project: 'infra', input: 6089 },
      { provider: 'codex-log', model_raw: 'gpt-5-codex', vendor: 'openai', origin_region: 'US', host: null, project: 'acme-api', input: 8912 },
      { provider: 'codex-log', model_raw: 'gpt-5-codex', vendor: 'openai', origin_region: 'US', host: null, project: 'ledger-ui', input: 15489 },
      { provider: 'opencode-log', model_raw: 'claude-sonnet-4-20250514', vendor: 'anthropic', origin_region: 'US', host: 'anthropic', project: 'acme-api', input: 79 },
      { provider: 'opencode-log', model_raw: 'claude-sonnet-4-20250514', vendor: 'anthropic', origin_region: 'US', host: 'anthropic', project: 'ledger-ui', input: 102 },
      { provider: 'opencode-log', model_raw: 'deepseek/deepseek-chat-v3.1', vendor: 'deepseek', origin_region: 'CN', host: 'openrouter', project: 'acme-api', input: 17031 },
      { provider: 'roo-code-log', model_raw: 'glm-4.6', vendor: 'zhipu', origin_region: 'CN', host: null, project: null, input: 1000 },
    ]);
  });

  it('a Codex session file that grew since the last import adds only its new calls', async () => {
    const { client } = testEngine();
    const dir = tempDir();
    const usage = (n: number) => ({ input_tokens: 1000 * n, cached_input_tokens: 100 * n, output_tokens: 10 * n, reasoning_output_tokens: 0, total_tokens: 1010 * n });
    const line = (n: number) => ({ timestamp: `2025-09-25T10:00:0${n}.000Z`, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: usage(n), last_token_usage: usage(1) } } });
    const head = [
      { timestamp: '2025-09-25T10:00:00.000Z', type: 'session_meta', payload: { id: 'grow', cwd: '/w/grow' } },
      { timestamp: '2025-09-25T10:00:00.001Z', type: 'turn_context', payload: { model: 'gpt-5' } },
    ];
    writeTree(dir, { 'rollout-grow.jsonl': jsonl(...head, line(1), line(2)) });
    const first = await client.call('imports.commit', { paths: [dir], onError: 'abort' });
    expect(first.counts.new).toBe(2);
    writeTree(dir, { 'rollout-grow.jsonl': jsonl(...head, line(1), line(2), line(2), line(3)) });
    const second = await client.call('imports.commit', { paths: [dir], onError: 'abort' });
    expect([second.counts.new, second.counts.revised]).toEqual([1, 0]);
    expect((await client.call('report.totals', {})).totals.tokens.input).toBe(2700);
  });
});
