/**
 * The views agent users know: `report --by session`, `blocks` and `statusline`, over a Claude Code log
 * written for the suite's fixed instant (TOKENLEDGER_NOW, 2025-10-20T15:00Z). Figures are worked out from
 * Claude Sonnet 4's list price ($3 per million input tokens, $15 per million output tokens).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { writeClaudeCodeLog } from '../helpers/budget-samples';
import { captureIo, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const SONNET = 'claude-sonnet-4-20250514';

/** What JSON.parse says of `text` (the detail the error keeps, in the runtime's words). */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} parses`);
}

async function cli(args: string[], stdin?: string) {
  const io = captureIo();
  const code = await runCli(args, stdin === undefined ? io : { ...io, stdin: () => Promise.resolve(stdin) });
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** Yesterday $0.30; a block 08:00-13:00 with $0.60; the active block from 13:00 with $1.50 at 13:30 and $0.45 at 14:30 (all under 200k input: no long-context price). */
async function ledger() {
  const t = testEngine();
  const log = writeClaudeCodeLog(tempDir(), 'session.jsonl', [
    { id: 'y', at: '2025-10-19T10:00:00.000Z', model: SONNET, input: 100_000, output: 0 },
    { id: 'a', at: '2025-10-20T08:10:00.000Z', model: SONNET, input: 100_000, output: 20_000 },
    { id: 'b', at: '2025-10-20T13:30:00.000Z', model: SONNET, input: 0, output: 100_000 },
    { id: 'c', at: '2025-10-20T14:30:00.000Z', model: SONNET, input: 150_000, output: 0 },
  ]);
  await t.client.call('imports.commit', { paths: [log] });
  await t.client.call('settings.update', { timeZone: 'UTC' });
  return t;
}

describe('five-hour blocks', () => {
  it("closes a block after five hours, and gives the active one's burn rate and projection at the engine's clock", async () => {
    const { client, dbPath } = await ledger();
    const blocks = await client.call('agents.blocks', {});
    expect(blocks.map((b) => [b.start, b.end, b.calls, b.tokens, b.spend, b.active])).toEqual([
      ['2025-10-19T10:00:00.000Z', '2025-10-19T15:00:00.000Z', 1, 100_000, { USD: '0.300000' }, false],
      ['2025-10-20T08:00:00.000Z', '2025-10-20T13:00:00.000Z', 1, 120_000, { USD: '0.600000' }, false],
      ['2025-10-20T13:00:00.000Z', '2025-10-20T18:00:00.000Z', 2, 250_000, { USD: '1.950000' }, true],
    ]);
    // 250,000 tokens and $1.95 over the hour from 13:30 to 14:30; three more hours at that rate until 18:00.
    expect(blocks[2]!.burn).toEqual({ tokensPerMinute: 4_167, spendPerHour: { USD: '1.950000' }, projectedTokens: 1_000_000, projectedSpend: { USD: '7.800000' }, remainingMinutes: 180 });
    expect(blocks[0]!.burn).toBeNull();
    const out = await cli(['blocks', '--active', '--db', dbPath]);
    expect(out).toEqual({
      code: 0,
      err: '',
      out: [
        'block start (UTC)          last call  calls  tokens     spend  in plan',
        '2025-10-20 13:00 (active)  14:30          2    250K  1.95 USD',
        '',
        'Active block ends 2025-10-20 18:00 UTC (3h 0m left).',
        'Burn rate: 4,167 tokens/min, 1.95 USD per hour.',
        "Projected at this rate: 1M tokens, 7.80 USD spend by the block's end.",
      ].join('\n'),
    });
  });

  it('says the active block, its burn rate and projection in Chinese', async () => {
    const { dbPath } = await ledger();
    const out = await cli(['blocks', '--active', '--lang', 'zh-CN', '--db', dbPath]);
    expect(out.code).toBe(0);
    const lines = out.out.split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['时段开始（UTC）', '最后调用', '调用数', 'token', '花费', '套餐内']);
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['2025-10-20 13:00（进行中）', '14:30', '2', '25万', '1.95 USD']);
    expect(lines.slice(2)).toEqual([
      '',
      '进行中的时段于 2025-10-20 18:00 UTC 结束（剩余 3 小时 0 分钟）。',
      '消耗速率：每分钟 4,167 token，每小时 1.95 USD。',
      '按此速率预计：到时段结束时 100万 token，花费 7.80 USD。',
    ]);
  });
});

describe('tokenledger statusline', () => {
  it("reads Claude Code's status JSON and prints today's, the block's and the session's cost; plan usage is shown apart", async () => {
    const { client, dbPath } = await ledger();
    const json = JSON.stringify({ hook_event_name: 'Status', session_id: 'session-budget-test', transcript_path: '/tmp/x.jsonl', cwd: '/tmp/project', model: { id: SONNET, display_name: 'Sonnet 4' }, workspace: { current_dir: '/tmp/project', project_dir: '/tmp/project' }, version: '1.0.98' });
    expect(await cli(['statusline', '--db', dbPath], json)).toEqual({ code: 0, err: '', out: 'Sonnet 4 | today $2.55 | block $1.95, 3h 0m left | session $2.85' });
    expect((await cli(['statusline', '--db', dbPath], '{"session_id":"another"}')).out).toBe('today $2.55 | block $1.95, 3h 0m left | session $0.00');
    expect((await cli(['statusline', '--db', dbPath], '')).out).toBe('today $2.55 | block $1.95, 3h 0m left');
    await client.call('plans.set', { tool: 'claude-code', plan: 'included' });
    expect((await cli(['statusline', '--db', dbPath], json)).out).toBe('Sonnet 4 | today $0.00 (+$2.55 in plan) | block $0.00 (+$1.95 in plan), 3h 0m left | session $0.00 (+$2.85 in plan)');
    const bad = await cli(['statusline', '--db', dbPath], '{not json');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/^error: statusline reads Claude Code's status JSON on stdin: /);
    const zh = await cli(['statusline', '--db', dbPath, '--lang', 'zh-CN'], '{not json');
    expect(zh.code).toBe(3);
    expect(zh.err).toBe(`错误：statusline 从标准输入读取 Claude Code 的状态 JSON，但收到的不是有效的 JSON（${jsonError('{not json')}）。请在 Claude Code 的 statusLine 设置里运行它，或用管道传入 JSON。`);
  });
});

describe('report --by session', () => {
  it('one row per session with its models, times, tokens and spend', async () => {
    const { dbPath } = await ledger();
    const out = await cli(['report', '--by', 'session', '--db', dbPath]);
    expect(out).toEqual({
      code: 0,
      err: '',
      out: [
        'session              tool         models                    first (UTC)       last (UTC)        tokens  requests     spend  in plan',
        'session-budget-test  claude-code  claude-sonnet-4-20250514  2025-10-19 10:00  2025-10-20 14:30    470K         4  2.85 USD',
      ].join('\n'),
    });
    expect((await cli(['report', '--by', 'session', '--from', '2025-10-20', '--db', dbPath, '--json'])).out).toContain('"spend": {\n      "USD": "2.550000"');
  });
});

describe('the block in progress after hours of chained blocks', () => {
  it('starts where the whole history says (not at the first call of a recent window), and an unpriced call is flagged, never $0', async () => {
    const t = testEngine();
    // Blocks 03:00-08:00 (03:10, 07:50), 08:00-13:00 (08:20, 12:55), 13:00-18:00 (13:10 and an unpriced 14:40): never five idle hours.
    const log = writeClaudeCodeLog(tempDir(), 'chain.jsonl', [
      { id: 'p', at: '2025-10-20T03:10:00.000Z', model: SONNET, input: 100_000, output: 0 },
      { id: 'q', at: '2025-10-20T07:50:00.000Z', model: SONNET, input: 0, output: 10_000 },
      { id: 'r', at: '2025-10-20T08:20:00.000Z', model: SONNET, input: 100_000, output: 0 },
      { id: 's', at: '2025-10-20T12:55:00.000Z', model: SONNET, input: 50_000, output: 0 },
      { id: 't', at: '2025-10-20T13:10:00.000Z', model: SONNET, input: 0, output: 20_000 },
      { id: 'u', at: '2025-10-20T14:40:00.000Z', model: 'claude-mystery-9', input: 1000, output: 0 },
    ]);
    await t.client.call('imports.commit', { paths: [log] });
    await t.client.call('settings.update', { timeZone: 'UTC' });
    const all = await t.client.call('agents.blocks', {});
    expect(all.map((b) => [b.start.slice(11, 16), b.calls, b.spend, b.active])).toEqual([
      ['03:00', 2, { USD: '0.450000' }, false],
      ['08:00', 2, { USD: '0.450000' }, false],
      ['13:00', 2, { USD: '0.300000' }, true],
    ]);
    expect((await t.client.call('agents.blocks', { active: true })).map((b) => [b.start, b.calls])).toEqual([['2025-10-20T13:00:00.000Z', 2]]);
    const line = await cli(['statusline', '--db', t.dbPath], '{"session_id":"session-budget-test"}');
    expect(line.out).toBe('today $1.20 +1 unpriced | block $0.30 +1 unpriced, 3h 0m left | session $1.20 +1 unpriced');
  });
});
