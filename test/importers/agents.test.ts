/**
 * The coding agents' sample folders parse to exactly their expected totals, keep no text of the logs,
 * and each format's traps (rewritten records, telemetry twins, JSON in strings, resumed sessions,
 * CSV generations) count every model call once.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJsonValues } from '../../electron/engine/importers/kit/json';
import { textSourceFromString } from '../../electron/engine/importers/kit/decode';
import { formatNano, parseDecimalToNano } from '../../shared/domain/money';
import type { FactDraft } from '../../shared/domain/fact';
import { english } from '../../shared/i18n/english';
import type { Said } from '../../shared/i18n/said';
import { tempDir } from '../helpers/tmp';
import { AGENTS, AGENT_EXPECTED, agentFacts, filesUnder, jsonl, totalsOf, writeTree } from './agents-helpers';

const recordedNano = (facts: readonly FactDraft[]) => facts.reduce((a, f) => a + (f.recorded?.nano ?? 0n), 0n);

describe('every agent sample parses to its expected totals', () => {
  it('covers every agents/ entry of expected-totals.json', () => {
    expect(Object.keys(AGENT_EXPECTED).sort()).toEqual(
      ['agents/codex', 'agents/copilot-cli', 'agents/cursor/usage-events-2025-09.csv', 'agents/gemini-cli', 'agents/opencode', 'agents/qwen-code', 'agents/roo-code'],
    );
  });

  for (const [key, want] of Object.entries(AGENT_EXPECTED)) {
    it(`${key}: tokens, requests, rows and recorded cost`, async () => {
      const { facts, rows } = await agentFacts(join(AGENTS, '..', key));
      expect(rows.filter((r) => r.kind === 'error')).toEqual([]);
      expect(totalsOf(facts)).toEqual({
        input_uncached: want.input_uncached,
        cache_read: want.cache_read,
        cache_write: want.cache_write,
        output: want.output,
        reasoning_subset_of_output: want.reasoning_subset_of_output,
        requests: want.requests,
        rows: want.rows,
      });
      // Costs the tools computed are `recorded`, never `billed` (DESIGN: never a bill).
      expect(facts.every((f) => f.billed === null)).toBe(true);
      expect(formatNano(recordedNano(facts), 6)).toBe(formatNano(parseDecimalToNano(want.cost), 6));
      const currencies = [...new Set(facts.flatMap((f) => (f.recorded ? [f.recorded.currency] : [])))];
      expect(currencies).toEqual(want.currency === null ? [] : [want.currency]);
      if (want.premium_requests !== undefined) expect(facts.reduce((a, f) => a + (f.otherUnits?.premium_requests ?? 0), 0)).toBe(want.premium_requests);
      for (const f of facts) {
        expect(f.tokens.reasoning).toBeLessThanOrEqual(f.tokens.output);
        expect(f.modelRaw).toBeTruthy();
        expect(f.granularity).toBe('request');
      }
    });

    it(`${key}: the same facts when the text arrives in 7-character chunks`, async () => {
      const whole = await agentFacts(join(AGENTS, '..', key));
      const small = await agentFacts(join(AGENTS, '..', key), 7);
      expect(small.facts).toEqual(whole.facts);
    });
  }
});

// ---- privacy --------------------------------------------------------------------------------------

/** Every string of a JSON value, and of JSON documents inside strings (Roo's request rows). */
function strings(v: unknown, out: string[]): void {
  if (typeof v === 'string') {
    out.push(v);
    const t = v.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        strings(JSON.parse(t), out);
      } catch {
        // prose that starts with a brace
      }
    }
  } else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
}

/** The text a sample holds: prompts, replies, tool calls and output, file paths (strings with a space or a slash). */
function textsOf(path: string): string[] {
  const out: string[] = [];
  for (const f of filesUnder(path)) {
    if (f.endsWith('.db')) {
      const db = new Database(f, { readonly: true });
      for (const t of ['session', 'message', 'part', 'project']) for (const row of db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[]) strings(Object.values(row), out);
      db.close();
    } else if (f.endsWith('.csv')) {
      continue;
    } else {
      const text = readFileSync(f, 'utf8');
      try {
        strings(JSON.parse(text), out);
      } catch {
        for (const line of text.split('\n')) if (line.trim()) strings(JSON.parse(line), out);
      }
    }
  }
  return [...new Set(out.filter((s) => s.length >= 6 && /[\s/\\]/.test(s)))];
}

describe('no text of an agent log ends up in a fact', () => {
  for (const key of Object.keys(AGENT_EXPECTED).filter((k) => !k.endsWith('.csv'))) {
    it(`${key}: no prompt, reply, tool call, output or path is kept`, async () => {
      const texts = textsOf(join(AGENTS, '..', key));
      // The sample does hold such text (this test could fail).
      expect(texts.length).toBeGreaterThan(10);
      expect(texts.some((t) => /[a-z]+ [a-z]+ [a-z]+/i.test(t))).toBe(true);
      const { facts } = await agentFacts(join(AGENTS, '..', key));
      const kept = JSON.stringify(facts, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
      // Model ids are kept as logged (the vendor comes from them); nothing else.
      expect(texts.filter((t) => kept.includes(t) && !facts.some((f) => f.modelRaw === t))).toEqual([]);
    });
  }
});

// ---- Gemini CLI ------------------------------------------------------------------------------------

const geminiHeader = { sessionId: 'aaaaaaaa-1111-4111-8111-000000000001', projectHash: 'ab'.repeat(32), startTime: '2025-09-02T10:00:00.000Z', lastUpdated: '2025-09-02T10:00:00.000Z' };
const geminiMsg = (id: string, tokens: Record<string, number> | null, extra: Record<string, unknown> = {}) => ({
  id,
  timestamp: '2025-09-02T10:00:05.000Z',
  type: 'gemini',
  content: 'Here is the secret plan',
  tokens,
  model: 'gemini-2.5-pro',
  ...extra,
});

describe('Gemini CLI', () => {
  it('keeps the last record of a rewritten message (a record without tokens first), never a sum; rewinds still count', async () => {
    const dir = tempDir();
    const t = { input: 1000, output: 50, cached: 400, thoughts: 30, tool: 0, total: 1080 };
    writeTree(dir, {
      'tmp/h/chats/session-2025-09-02T10-00-aaaaaaaa.jsonl': jsonl(
        geminiHeader,
        geminiMsg('m1', null),
        geminiMsg('m1', t),
        { $set: { lastUpdated: '2025-09-02T10:00:06.000Z' } },
        geminiMsg('m1', { ...t, output: 60, total: 1090 }, { toolCalls: [{ id: 'c1', name: 'read_file', args: { absolute_path: '/home/x/secret.ts' } }] }),
        geminiMsg('m2', { input: 2000, output: 10, cached: 0, thoughts: 0, tool: 0, total: 2010 }),
        { $rewindTo: 'm2' },
      ),
    });
    const { facts } = await agentFacts(dir);
    expect(facts.map((f) => [f.identity, f.tokens.input, f.tokens.cache_read, f.tokens.output, f.tokens.reasoning])).toEqual([
      ['gemini|aaaaaaaa-1111-4111-8111-000000000001|m1', 600, 400, 90, 30],
      ['gemini|aaaaaaaa-1111-4111-8111-000000000001|m2', 2000, 0, 10, 0],
    ]);
  });

  it('counts a .json session and the .jsonl it was resumed into once; tool prompt tokens are input', async () => {
    const dir = tempDir();
    const m = geminiMsg('m1', { input: 1000, output: 100, cached: 200, thoughts: 50, tool: 25, total: 1175 });
    writeTree(dir, {
      'chats/session-a.json': JSON.stringify({ ...geminiHeader, messages: [{ id: 'u1', type: 'user', timestamp: '2025-09-02T10:00:00.000Z', content: 'please do it' }, m] }, null, 2),
      'chats/session-a.jsonl': jsonl(geminiHeader, m, geminiMsg('m2', { input: 10, output: 1, cached: 0, thoughts: 0, tool: 0, total: 11 })),
    });
    const { facts } = await agentFacts(dir);
    expect(facts).toHaveLength(2);
    expect(facts[0]!.tokens).toEqual({ input: 825, cache_read: 200, cache_write_5m: 0, cache_write_1h: 0, output: 150, reasoning: 50 });
  });

  it('does not add thoughts twice when the total shows them inside output', async () => {
    const dir = tempDir();
    writeTree(dir, { 's.jsonl': jsonl(geminiHeader, geminiMsg('m1', { input: 100, output: 80, cached: 0, thoughts: 30, tool: 0, total: 180 })) });
    const { facts } = await agentFacts(dir);
    expect(facts[0]!.tokens.output).toBe(80);
    expect(facts[0]!.tokens.reasoning).toBe(30);
  });

  it("bills Qwen Code's legacy chats (the same format) as Qwen Code usage", async () => {
    const dir = tempDir();
    writeTree(dir, { 'tmp/h/chats/session-x.json': JSON.stringify({ ...geminiHeader, messages: [geminiMsg('m1', { input: 10, output: 1, cached: 0, thoughts: 0, tool: 0, total: 11 }, { model: 'qwen3-coder-plus' })] }) });
    expect((await agentFacts(dir)).facts.map((f) => f.provider)).toEqual(['qwen-code-log']);
  });
});

// ---- Qwen Code -------------------------------------------------------------------------------------

describe('Qwen Code', () => {
  const base = { sessionId: 's-1', cwd: '/home/dev/proj-q', version: '0.0.14' };
  const twin = (n: number) => ({ ...base, uuid: `t${n}`, timestamp: '2025-09-03T08:00:00.000Z', type: 'system', subtype: 'ui_telemetry', systemPayload: { uiEvent: { 'event.name': 'qwen-code.api_response', input_token_count: 500, output_token_count: 40, auth_type: 'openai' } } });
  const call = (n: number, usage: Record<string, number>, model = 'qwen3-coder-plus') => ({ ...base, uuid: `a${n}`, parentUuid: `t${n}`, timestamp: '2025-09-03T08:00:01.000Z', type: 'assistant', model, message: { role: 'model', parts: [{ text: 'a reply with words' }] }, usageMetadata: usage });

  it('counts the assistant line only (not its telemetry twin), with thoughts added only under the native convention', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'projects/-home-dev-proj-q/chats/s-1.jsonl': jsonl(
        { ...base, uuid: 'u0', parentUuid: null, timestamp: '2025-09-03T07:59:59.000Z', type: 'user', message: { role: 'user', parts: [{ text: 'do the thing now' }] } },
        twin(1),
        call(1, { promptTokenCount: 500, candidatesTokenCount: 40, thoughtsTokenCount: 10, totalTokenCount: 540, cachedContentTokenCount: 100 }),
        twin(2),
        call(2, { promptTokenCount: 500, candidatesTokenCount: 40, thoughtsTokenCount: 10, totalTokenCount: 550, cachedContentTokenCount: 0 }, 'gemini-2.5-pro'),
      ),
    });
    const { facts } = await agentFacts(dir);
    expect(facts.map((f) => [f.identity, f.tokens.input, f.tokens.cache_read, f.tokens.output, f.tokens.reasoning, f.project, f.tags?.authType])).toEqual([
      ['qwen|s-1|a1', 400, 100, 40, 10, 'proj-q', 'openai'],
      ['qwen|s-1|a2', 500, 0, 50, 10, 'proj-q', 'openai'],
    ]);
  });
});

// ---- Cline / Roo Code / Kilo Code --------------------------------------------------------------------

const req = (ts: number, body: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ts, type: 'say', say: 'api_req_started', text: JSON.stringify({ request: 'read the file /home/dev/secret.txt please', ...body }), ...extra });

describe('Cline, Roo Code and Kilo Code tasks', () => {
  it('Roo: a placeholder is not a call, then the filled row is the same fact (revised, not new); whole-prompt rows from November 2025', async () => {
    const dir = tempDir();
    const task = 'User/globalStorage/rooveterinaryinc.roo-cline/tasks/t-1';
    const oct = Date.UTC(2025, 9, 20);
    const nov = Date.UTC(2025, 10, 3);
    writeTree(dir, {
      [`${task}/api_conversation_history.json`]: JSON.stringify([
        { role: 'user', content: [{ type: 'text', text: '<environment_details>\n# Current Workspace Directory (/home/dev/roo-proj) Files\n<model>anthropic/claude-sonnet-4</model>\n</environment_details>' }], ts: oct - 10 },
        { role: 'user', content: [{ type: 'text', text: '<environment_details><model>z-ai/glm-4.6</model></environment_details>' }], ts: nov - 10 },
      ]),
      [`${task}/ui_messages.json`]: JSON.stringify([
        { ts: oct - 20, type: 'say', say: 'text', text: 'write the report' },
        req(oct, { apiProtocol: 'anthropic' }),
      ]),
    });
    const placeholder = await agentFacts(dir);
    expect(placeholder.facts).toEqual([]);
    writeTree(dir, {
      [`${task}/ui_messages.json`]: JSON.stringify([
        req(oct, { apiProtocol: 'anthropic', tokensIn: 5000, tokensOut: 100, cacheWrites: 1000, cacheReads: 3000, cost: 0.0123 }),
        req(nov, { apiProtocol: 'anthropic', tokensIn: 5000, tokensOut: 100, cacheWrites: 1000, cacheReads: 3000, cost: 0.01 }),
        req(nov + 1000, { apiProtocol: 'openai', tokensIn: 0, tokensOut: 0, cacheWrites: 0, cacheReads: 0, cost: 0, cancelReason: 'user_cancelled' }),
        { ts: nov + 2000, type: 'ask', ask: 'api_req_failed', text: '529 overloaded' },
        req(nov + 3000, { apiProtocol: 'openai', tokensIn: 10, tokensOut: 1 }, { partial: true }),
      ]),
    });
    const { facts } = await agentFacts(dir);
    expect(facts.map((f) => [f.identity, f.provider, f.modelRaw, f.project, f.tokens.input, f.tokens.cache_read, f.tokens.cache_write_5m, f.recorded?.nano])).toEqual([
      [`vscode-task|rooveterinaryinc.roo-cline|t-1|${oct}`, 'roo-code-log', 'anthropic/claude-sonnet-4', 'roo-proj', 5000, 3000, 1000, 12_300_000n],
      [`vscode-task|rooveterinaryinc.roo-cline|t-1|${nov}`, 'roo-code-log', 'z-ai/glm-4.6', 'roo-proj', 1000, 3000, 1000, 10_000_000n],
    ]);
  });

  it("Cline: models from task_metadata.json, cancelled rows with usage count, deleted_api_reqs adds tokens and cost but no request", async () => {
    const dir = tempDir();
    const task = 'User/globalStorage/saoudrizwan.claude-dev/tasks/1757000000000';
    const t0 = Date.UTC(2025, 8, 4, 12);
    writeTree(dir, {
      [`${task}/task_metadata.json`]: JSON.stringify({
        files_in_context: [{ path: 'src/secret.ts', record_state: 'active' }],
        model_usage: [
          { ts: t0 - 1000, model_id: 'claude-sonnet-4-20250514', model_provider_id: 'anthropic', mode: 'act' },
          { ts: t0 + 1500, model_id: 'deepseek-chat', model_provider_id: 'deepseek', mode: 'act' },
        ],
      }),
      [`${task}/api_conversation_history.json`]: JSON.stringify([{ role: 'user', content: [{ type: 'text', text: '<task>fix the bug in the parser</task>' }] }]),
      [`${task}/ui_messages.json`]: JSON.stringify([
        req(t0, { tokensIn: 12, tokensOut: 300, cacheWrites: 4000, cacheReads: 0, cost: 0.02 }, { conversationHistoryIndex: 1 }),
        req(t0 + 1000, { tokensIn: 8, tokensOut: 50, cacheWrites: 100, cacheReads: 4000, cost: 0.004, cancelReason: 'streaming_failed' }, { conversationHistoryIndex: 3 }),
        { ts: t0 + 2000, type: 'say', say: 'deleted_api_reqs', text: JSON.stringify({ tokensIn: 30, tokensOut: 700, cacheWrites: 500, cacheReads: 9000, cost: 0.05 }) },
        req(t0 + 3000, { tokensIn: 2000, tokensOut: 20, cacheWrites: 0, cacheReads: 64, cost: 0.0007 }, { conversationHistoryIndex: 5 }),
      ]),
    });
    const { facts, rows } = await agentFacts(dir);
    expect(rows.filter((r) => r.kind === 'error')).toEqual([]);
    expect(facts.map((f) => [f.provider, f.modelRaw, f.host, f.tokens.input, f.tokens.cache_read, f.requests, f.tags?.cancelReason ?? null])).toEqual([
      ['cline-log', 'claude-sonnet-4-20250514', 'anthropic', 12, 0, 1, null],
      ['cline-log', 'claude-sonnet-4-20250514', 'anthropic', 8, 4000, 1, 'streaming_failed'],
      ['cline-log', 'deepseek-chat', 'deepseek', 30, 9000, 0, null],
      ['cline-log', 'deepseek-chat', 'deepseek', 2000, 64, 1, null],
    ]);
    expect(formatNano(recordedNano(facts), 4)).toBe('0.0747');
  });

  it('Kilo Code is its own tool', async () => {
    const dir = tempDir();
    writeTree(dir, { 'User/globalStorage/kilocode.kilo-code/tasks/k1/ui_messages.json': JSON.stringify([req(Date.UTC(2025, 8, 9), { apiProtocol: 'openai', tokensIn: 900, tokensOut: 9, cacheWrites: 0, cacheReads: 800, cost: 0.001 })]) });
    const { facts } = await agentFacts(dir);
    expect(facts.map((f) => [f.provider, f.tokens.input, f.tokens.cache_read])).toEqual([['kilo-code-log', 100, 800]]);
  });

  it('names the row and field of a request row whose text is not the JSON the extension writes', async () => {
    const dir = tempDir();
    writeTree(dir, { 'User/globalStorage/rooveterinaryinc.roo-cline/tasks/t/ui_messages.json': JSON.stringify([{ ts: 1757000000000, type: 'say', say: 'api_req_started', text: '{"tokensIn": 12, "tokensOut": ' }]) });
    const { rows } = await agentFacts(dir);
    expect(rows.filter((r) => r.kind === 'error')).toEqual([{ kind: 'error', line: 1, field: '$[0].text', message: '$[0].text is not the JSON the extension writes for a request' }]);
  });
});

// ---- GitHub Copilot CLI ------------------------------------------------------------------------------

describe('GitHub Copilot CLI', () => {
  const shutdown = (ts: string, metrics: Record<string, unknown>) => ({ type: 'session.shutdown', timestamp: ts, data: { shutdownType: 'routine', totalPremiumRequests: 1, modelMetrics: metrics } });
  const metric = (count: number, premium: number, input: number, read: number, output: number) => ({ requests: { count, cost: premium }, usage: { inputTokens: input, outputTokens: output, cacheReadTokens: read, cacheWriteTokens: 0 } });

  it('a resumed session: each segment counted once, the file read again after another resume adds only the new segment', async () => {
    const dir = tempDir();
    const events = [
      { type: 'session.start', timestamp: '2025-09-05T09:00:00.000Z', data: { sessionId: 'cp-1', context: { cwd: '/home/dev/cp-proj', model: 'gpt-5' } } },
      { type: 'assistant.message', timestamp: '2025-09-05T09:01:00.000Z', data: { messageId: 'x', content: 'the answer is here', outputTokens: 900 } },
      shutdown('2025-09-05T09:10:00.000Z', { 'gpt-5': metric(3, 1, 30000, 20000, 900) }),
    ];
    writeTree(dir, { 'session-state/cp-1/events.jsonl': jsonl(...events) });
    const first = await agentFacts(dir);
    expect(first.facts.map((f) => [f.identity, f.start, f.end, f.tokens.input, f.tokens.cache_read, f.tokens.output, f.requests, f.project])).toEqual([
      ['copilot|cp-1|2025-09-05T09:10:00.000Z|gpt-5', Date.UTC(2025, 8, 5, 9), Date.UTC(2025, 8, 5, 9, 10) + 1, 10000, 20000, 900, 3, 'cp-proj'],
    ]);
    events.push(
      { type: 'user.message', timestamp: '2025-09-06T10:00:00.000Z', data: { content: 'continue please' } } as never,
      shutdown('2025-09-06T10:05:00.000Z', { 'gpt-5': metric(1, 0.33, 5000, 4000, 100), 'claude-sonnet-4': metric(2, 2, 8000, 0, 200) }),
    );
    writeTree(dir, { 'session-state/cp-1/events.jsonl': jsonl(...events) });
    const second = await agentFacts(dir);
    expect(second.facts.slice(0, 1)).toEqual(first.facts);
    expect(second.facts.slice(1).map((f) => [f.modelRaw, f.start, f.requests, f.otherUnits])).toEqual([
      ['gpt-5', Date.UTC(2025, 8, 6, 10), 1, { premium_requests: 0.33 }],
      ['claude-sonnet-4', Date.UTC(2025, 8, 6, 10), 2, { premium_requests: 2 }],
    ]);
  });

  it('a session without a shutdown has nothing to count (outputTokens of messages are never summed)', async () => {
    const dir = tempDir();
    writeTree(dir, { 'session-state/cp-2/events.jsonl': jsonl({ type: 'session.start', timestamp: '2025-09-05T09:00:00.000Z', data: { sessionId: 'cp-2' } }, { type: 'assistant.message', timestamp: '2025-09-05T09:01:00.000Z', data: { outputTokens: 900 } }) });
    expect((await agentFacts(dir)).facts).toEqual([]);
  });
});

// ---- Cursor ---------------------------------------------------------------------------------------

describe('Cursor usage CSV', () => {
  it('reads the older header (no Kind, "Cost to you") and the 2026 one (agent ids), with "$", NaN and Included costs', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'old.csv': 'Date,Model,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost,Cost to you\n"2025-06-02","claude-4-sonnet","100","200","300","400","1000","$0.50","0"\n',
      'new.csv':
        'Date,Cloud Agent ID,Automation ID,Kind,Model,Max Mode,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost\n' +
        '"2026-01-10T10:00:00.000Z","bc-123","","Included","auto","No","0","50","0","5","55","Included"\n' +
        '"2026-01-10T09:00:00.000Z","","","On-Demand","gpt-5","Yes","0","70","30","9","109","NaN"\n' +
        '"2026-01-10T08:00:00.000Z","","","Aborted, Not Charged","gpt-5","No","","","","","",""\n',
    });
    const { facts, rows } = await agentFacts(dir);
    expect(rows.filter((r) => r.kind === 'skip')).toHaveLength(1);
    expect(facts.map((f) => [f.start, f.modelRaw, f.tokens.cache_write_5m, f.tokens.input, f.recorded?.nano ?? null, f.tags])).toEqual([
      [Date.UTC(2026, 0, 10, 10), 'auto', 0, 50, null, { kind: 'Included', maxMode: 'false', cloudAgentId: 'bc-123' }],
      [Date.UTC(2026, 0, 10, 9), 'gpt-5', 0, 70, null, { kind: 'On-Demand', maxMode: 'true' }],
      [Date.UTC(2025, 5, 2), 'claude-4-sonnet', 100, 200, 500_000_000n, null],
    ]);
  });
});

// ---- the JSON reader under ui_messages.json -----------------------------------------------------------

describe('a JSON file that is one top-level array', () => {
  it('streams every element (not only the first), whatever the chunk size, and names a truncated one', async () => {
    const values = async (text: string, chunk: number) => {
      const out: unknown[] = [];
      for await (const i of readJsonValues(textSourceFromString(text, chunk))) out.push(i.kind === 'value' ? i.line : english(i.said as Said));
      return out;
    };
    for (const chunk of [1, 3, 64]) {
      expect(await values('[{"a":1},{"a":2},\n {"a":3}]', chunk)).toEqual([1, 1, 2]);
      expect(await values('[{"a":1},\n{"a":2},', chunk)).toEqual([1, 2, 'unexpected end of the file: the JSON is truncated']);
    }
  });
});
