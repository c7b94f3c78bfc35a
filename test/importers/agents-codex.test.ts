/**
 * Codex rollouts: the per-file cumulative-total rules (re-emits, counters restarting, sub-agent replays)
 * and the copies across files (archived sessions, branched conversations), on hand-made files and on
 * the benchmark's generated folder, whose ground truth is known.
 */
import { describe, expect, it } from 'vitest';
import { writeCodexFolder } from '../../bench/gen-codex-logs';
import { tempDir } from '../helpers/tmp';
import { agentFacts, jsonl, totalsOf, writeTree } from './agents-helpers';

const u = (input: number, cached: number, output: number, reasoning: number) => ({ input_tokens: input, cached_input_tokens: cached, output_tokens: output, reasoning_output_tokens: reasoning, total_tokens: input + output });
const plus = (a: ReturnType<typeof u>, b: ReturnType<typeof u>) => u(a.input_tokens + b.input_tokens, a.cached_input_tokens + b.cached_input_tokens, a.output_tokens + b.output_tokens, a.reasoning_output_tokens + b.reasoning_output_tokens);
const tc = (timestamp: string, total: ReturnType<typeof u> | null, last: ReturnType<typeof u> | null) => ({
  timestamp,
  type: 'event_msg',
  payload: { type: 'token_count', info: total || last ? { total_token_usage: total, last_token_usage: last, model_context_window: 272000 } : null, rate_limits: { primary: { used_percent: 1 } } },
});
const meta = (id: string, timestamp: string, extra: Record<string, unknown> = {}) => ({ timestamp, type: 'session_meta', payload: { id, timestamp, cwd: '/Users/dev/codex-proj', originator: 'codex_cli_rs', cli_version: '0.40.0', ...extra } });
const turn = (timestamp: string, model: string) => ({ timestamp, type: 'turn_context', payload: { cwd: '/Users/dev/codex-proj', model } });
const said = (timestamp: string, text: string) => ({ timestamp, type: 'event_msg', payload: { type: 'agent_message', message: text } });

describe('Codex rollouts, one file', () => {
  it('counts deltas of the cumulative total: re-emits and info:null skipped, a restart taken from last_token_usage', async () => {
    const dir = tempDir();
    const a = u(1000, 200, 50, 10);
    const b = u(3000, 1000, 80, 0);
    const c = u(500, 0, 20, 5);
    const d = u(700, 100, 30, 0);
    writeTree(dir, {
      'sessions/2025/09/20/rollout-1.jsonl': jsonl(
        meta('s1', '2025-09-20T10:00:00.000Z'),
        turn('2025-09-20T10:00:00.010Z', 'gpt-5-codex'),
        tc('2025-09-20T10:00:01.000Z', null, null),
        tc('2025-09-20T10:00:02.000Z', a, a),
        tc('2025-09-20T10:00:02.500Z', a, a),
        said('2025-09-20T10:00:02.600Z', 'I changed the "token_count" handling'),
        tc('2025-09-20T10:00:03.000Z', plus(a, b), u(9, 9, 9, 9)), // last_token_usage is wrong here: the delta counts
        turn('2025-09-20T10:00:04.000Z', 'gpt-5'),
        tc('2025-09-20T10:00:05.000Z', c, c), // counters restarted
        tc('2025-09-20T10:00:06.000Z', plus(c, d), d),
      ),
    });
    const { facts, rows } = await agentFacts(dir);
    expect(rows.filter((r) => r.kind === 'error')).toEqual([]);
    expect(facts.map((f) => [f.modelRaw, f.tokens.input, f.tokens.cache_read, f.tokens.output, f.tokens.reasoning, f.project, f.tags?.sessionId])).toEqual([
      ['gpt-5-codex', 800, 200, 50, 10, 'codex-proj', 's1'],
      ['gpt-5-codex', 2000, 1000, 80, 0, 'codex-proj', 's1'],
      ['gpt-5', 500, 0, 20, 5, 'codex-proj', 's1'],
      ['gpt-5', 600, 100, 30, 0, 'codex-proj', 's1'],
    ]);
  });

  it("skips a sub-agent's replay of its parent's history and counts its own calls from the replay's last total", async () => {
    const dir = tempDir();
    const p1 = u(4000, 0, 100, 0);
    const p2 = u(6000, 3000, 200, 50);
    const own = u(900, 400, 40, 0);
    writeTree(dir, {
      'sessions/2025/09/21/rollout-child.jsonl': jsonl(
        meta('child', '2025-09-21T09:00:00.000Z', { source: { subagent: { thread_spawn: { parent_thread_id: 'parent', depth: 1 } } } }),
        meta('parent', '2025-09-21T08:00:00.000Z'),
        tc('2025-09-21T09:00:00.101Z', p1, p1),
        tc('2025-09-21T09:00:00.102Z', plus(p1, p2), p2),
        turn('2025-09-21T09:00:01.000Z', 'gpt-5'),
        tc('2025-09-21T09:00:05.000Z', plus(plus(p1, p2), own), own),
      ),
    });
    const { facts } = await agentFacts(dir);
    expect(facts.map((f) => [f.tags?.sessionId, f.tags?.subagent, f.tokens.input, f.tokens.cache_read, f.tokens.output])).toEqual([['child', 'true', 500, 400, 40]]);
  });

  it('a sub-agent whose first two rows are in different seconds replays nothing', async () => {
    const dir = tempDir();
    const a = u(100, 0, 10, 0);
    const b = u(200, 0, 20, 0);
    writeTree(dir, {
      'r.jsonl': jsonl(meta('kid', '2025-09-21T09:00:00.000Z', { source: { subagent: {} } }), turn('2025-09-21T09:00:00.001Z', 'gpt-5'), tc('2025-09-21T09:00:01.000Z', a, a), tc('2025-09-21T09:00:02.000Z', plus(a, b), b)),
    });
    expect(totalsOf((await agentFacts(dir)).facts)).toMatchObject({ input_uncached: 300, output: 30, requests: 2 });
  });

  it('assumes gpt-5 for a session that logged no model, and says so', async () => {
    const dir = tempDir();
    const a = u(100, 0, 10, 0);
    writeTree(dir, { 'r.jsonl': jsonl(meta('old', '2025-09-07T09:00:00.000Z'), tc('2025-09-07T09:00:01.000Z', a, a)) });
    expect((await agentFacts(dir)).facts.map((f) => [f.modelRaw, f.tags?.modelAssumed])).toEqual([['gpt-5', 'true']]);
  });

  it('leaves a last line the agent is still writing for the next import, and names a broken line before it', async () => {
    const dir = tempDir();
    const a = u(100, 0, 10, 0);
    const b = u(200, 0, 20, 0);
    const full = jsonl(meta('live', '2025-09-07T09:00:00.000Z'), turn('2025-09-07T09:00:00.001Z', 'gpt-5'), tc('2025-09-07T09:00:01.000Z', a, a), tc('2025-09-07T09:00:02.000Z', plus(a, b), b));
    writeTree(dir, { 'r.jsonl': full.slice(0, full.length - 40) });
    const partial = await agentFacts(dir);
    expect(partial.rows.filter((r) => r.kind === 'error')).toEqual([]);
    expect(partial.facts).toHaveLength(1);
    writeTree(dir, { 'r.jsonl': full });
    expect((await agentFacts(dir)).facts).toHaveLength(2);
    writeTree(dir, { 'r.jsonl': full.replace('"type":"token_count","info":{"total', '"type":"token_count","info":{total') });
    expect((await agentFacts(dir)).rows.filter((r) => r.kind === 'error')).toEqual([{ kind: 'error', line: 3, field: 'payload.info', message: "expected a key in quotes, found 't'" }]);
  });

  it('names the line and field of a row whose counts are not numbers', async () => {
    const dir = tempDir();
    writeTree(dir, { 'r.jsonl': jsonl(meta('x', '2025-09-07T09:00:00.000Z'), tc('2025-09-07T09:00:01.000Z', { ...u(1, 0, 1, 0), input_tokens: 'many' as never }, null)) });
    expect((await agentFacts(dir)).rows.filter((r) => r.kind === 'error')).toEqual([
      { kind: 'error', line: 2, field: 'payload.info.total_token_usage.input_tokens', message: 'payload.info.total_token_usage.input_tokens is not a whole number: many' },
    ]);
  });
});

describe('Codex rollouts, across files', () => {
  it('a branched conversation that copies another file verbatim, and an archived copy, count each call once', async () => {
    const dir = tempDir();
    const a = u(1000, 0, 10, 0);
    const b = u(2000, 500, 20, 5);
    const c = u(3000, 900, 30, 0);
    const original = [meta('orig', '2025-09-22T10:00:00.000Z'), turn('2025-09-22T10:00:00.001Z', 'gpt-5'), tc('2025-09-22T10:00:01.000Z', a, a), tc('2025-09-22T10:00:02.000Z', plus(a, b), b)];
    writeTree(dir, {
      'sessions/2025/09/22/rollout-orig.jsonl': jsonl(...original),
      'archived_sessions/rollout-orig.jsonl': jsonl(...original),
      'sessions/2025/09/23/rollout-branch.jsonl': jsonl(meta('branch', '2025-09-23T10:00:00.000Z', { originator: 'Codex Desktop' }), ...original.slice(1), tc('2025-09-23T10:00:05.000Z', plus(plus(a, b), c), c)),
    });
    const { facts } = await agentFacts(dir);
    expect(facts.map((f) => [f.tags?.sessionId, f.tokens.input])).toEqual([
      ['orig', 1000],
      ['orig', 1500],
      ['branch', 2100],
    ]);
  });

  it("the generated benchmark folder imports to its ground truth (every trap kind present)", async () => {
    const dir = tempDir();
    const truth = writeCodexFolder(dir, 3000, 7);
    expect(truth.calls).toBe(3000);
    const { facts, rows } = await agentFacts(dir);
    expect(rows.filter((r) => r.kind === 'error')).toEqual([]);
    expect(totalsOf(facts)).toEqual({
      input_uncached: truth.input_uncached,
      cache_read: truth.cache_read,
      cache_write: 0,
      output: truth.output,
      reasoning_subset_of_output: truth.reasoning,
      requests: truth.calls,
      rows: truth.calls,
    });
    // The folder holds every trap, and the importer saw them: sub-agent and branch calls are in the facts.
    for (const [trap, n] of Object.entries(truth.traps)) expect(n, trap).toBeGreaterThan(0);
    const tags = facts.map((f) => f.tags ?? {});
    expect(tags.some((t) => t.subagent === 'true')).toBe(true);
    expect(tags.some((t) => t.originator === 'Codex Desktop')).toBe(true);
    expect(truth.trapRows).toBeGreaterThan(truth.calls * 0.3);
  });
});
