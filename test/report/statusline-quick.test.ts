/**
 * The status line's quick entry (engine/statusline.ts, run by bin/tokenledger.mjs before the CLI's bundle)
 * against the engine's own views at the same instant: today's figure equals `report` for the local day
 * (settings' zone and display currency, each amount at its own day's rate), the block's equals
 * `blocks --active`, on the generated demo and on a ledger of every coding agent's sample.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, type ApiClient } from '../../shared/contract/client';
import { createEngine } from '../../electron/engine';
import { openQuickStatusLine } from '../../electron/engine/statusline-compute';
import { AGENTS } from '../importers/agents-helpers';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '..', '..');
const STATUS_JSON = JSON.stringify({ session_id: 'no-such-session', model: { id: 'claude-opus-4-1', display_name: 'Opus' } });

/** An engine over an existing ledger whose clock is `at`. */
function engineAt(dbPath: string, at: number): ApiClient {
  const engine = createEngine({ dbPath, now: () => at });
  afterEachClose.push(() => engine.close());
  return createClient({ invoke: (m, i) => engine.dispatch(m, i) });
}
const afterEachClose: (() => void)[] = [];

/** An instant inside the ledger's latest block, after its last call: that block is the active one then. */
async function insideLatestBlock(client: ApiClient): Promise<number> {
  const blocks = await client.call('agents.blocks', {});
  const last = blocks.at(-1)!;
  const lastAt = Date.parse(last.lastAt);
  return lastAt + Math.min(20 * 60_000, Math.floor((Date.parse(last.end) - lastAt) / 2));
}

/** "$1.23" / "4.56 CNY": an amount to the cent, as the line shows it. */
function short(a: Record<string, string>): string {
  const parts = Object.entries(a).map(([cur, v]) => {
    const [i, f = ''] = v.split('.');
    const cents = BigInt(i! + (f + '000').slice(0, 3));
    const rounded = (cents + 5n) / 10n;
    const text = `${rounded / 100n}.${String(rounded % 100n).padStart(2, '0')}`;
    return cur === 'USD' ? `$${text}` : `${text} ${cur}`;
  });
  return parts.length ? parts.join(' + ') : '$0.00';
}

/** The day of `at` in `zone`, by Intl (not the engine's code). */
const dayIn = (at: number, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

async function expectSameFigures(dbPath: string, at: number, zone: string, currency: string) {
  const client = engineAt(dbPath, at);
  const day = dayIn(at, zone);
  const report = await client.call('report.explore', { from: day, to: day, groupBy: [], bucket: 'none' });
  const [active] = await client.call('agents.blocks', { active: true });
  expect(active).toBeDefined();
  expect(report.totals.spendDisplay).not.toBeNull();
  const left = Math.floor((Date.parse(active!.end) - at) / 60_000);
  const plan = (n: Record<string, string>) => (Object.keys(n).length ? ` (+${short(n)} in plan)` : '');
  const unpriced = report.totals.unpriced.facts ? ` +${report.totals.unpriced.facts} unpriced` : '';
  const expected =
    `Opus | today ${short({ [currency]: report.totals.spendDisplay! })}${Object.keys(report.totals.notional).length ? ` (+${short({ [currency]: report.totals.notionalDisplay! })} in plan)` : ''}${unpriced}` +
    ` | block ${short(active!.spend)}${plan(active!.notional)}, ${Math.floor(left / 60)}h ${left % 60}m left | session $0.00`;
  const quick = openQuickStatusLine(dbPath, { TOKENLEDGER_NOW: new Date(at).toISOString() })!;
  try {
    expect(quick.line({ sessionId: 'no-such-session', model: 'Opus' })).toBe(expected);
  } finally {
    quick.close();
  }
  expect((await client.call('agents.statusline', { sessionId: 'no-such-session', model: 'Opus' })).line).toBe(expected);
  return expected;
}

/** `tokenledger <args>` as a user runs it (bin/tokenledger.mjs), stdin given, at instant `at`. */
function bin(args: string[], at: number, stdin: string, lang = 'en') {
  const env = { ...process.env, TOKENLEDGER_NOW: new Date(at).toISOString(), TOKENLEDGER_LANG: lang };
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tokenledger.mjs'), ...args], { cwd: ROOT, input: stdin, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

describe('the status line quick entry', () => {
  it("gives the demo's figures of `report` and `blocks --active` at the same instant, in a zone east of UTC and a display currency with FX", async () => {
    const { client, dbPath } = testEngine();
    await client.call('demo.load', {});
    await client.call('settings.update', { timeZone: 'Asia/Shanghai', displayCurrency: 'CNY' });
    const at = await insideLatestBlock(client);
    try {
      const line = await expectSameFigures(dbPath, at, 'Asia/Shanghai', 'CNY');
      expect(line).toMatch(/^Opus \| today \d+\.\d\d CNY \| block \$\d+\.\d\d, \dh \d+m left \| session \$0\.00$/);
      // Through the binary: the quick entry, and the full CLI (which --json sends there) with the same line.
      expect(bin(['statusline', '--db', dbPath], at, STATUS_JSON)).toEqual({ code: 0, out: line, err: '' });
      expect(JSON.parse(bin(['statusline', '--db', dbPath, '--json'], at, STATUS_JSON).out).line).toBe(line);
      // In Chinese: the same figures in the status line's own words, from the quick entry (computed, then
      // kept) and from the full CLI (--lang sends there); --json keeps the English line.
      const figures = (l: string) => l.match(/\$?\d+\.\d\d( CNY)?|\d+/g);
      const zh = bin(['statusline', '--db', dbPath], at, STATUS_JSON, 'zh-CN');
      expect(zh.out).toMatch(/^Opus \| 今日 \d+\.\d\d CNY \| 本时段 \$\d+\.\d\d，剩余 \d 小时 \d+ 分钟 \| 本会话 \$0\.00$/);
      expect(figures(zh.out)).toEqual(figures(line));
      expect(bin(['statusline', '--db', dbPath], at, STATUS_JSON, 'zh-CN')).toEqual(zh);
      expect(bin(['statusline', '--db', dbPath, '--lang', 'zh-CN'], at, STATUS_JSON)).toEqual(zh);
      expect(JSON.parse(bin(['statusline', '--db', dbPath, '--json'], at, STATUS_JSON, 'zh-CN').out).line).toBe(line);
    } finally {
      for (const close of afterEachClose.splice(0)) close();
    }
  });

  it("gives an agent ledger's figures (every agent's sample, the latest session's tool in a plan) of `report` and `blocks --active`", async () => {
    const { client, dbPath } = testEngine();
    await client.call('imports.commit', { paths: [AGENTS, join(ROOT, 'test', 'fixtures', 'exports', 'claude-code-session.jsonl')] });
    await client.call('settings.update', { timeZone: 'UTC', displayCurrency: 'USD' });
    // The latest session's tool in a plan: its usage is notional (shown apart, never as spend).
    const [latest] = await client.call('agents.sessions', {});
    await client.call('plans.set', { tool: latest!.tool, plan: 'included' });
    const at = await insideLatestBlock(client);
    try {
      const line = await expectSameFigures(dbPath, at, 'UTC', 'USD');
      expect(line).toMatch(/^Opus \| today \$\d+\.\d\d \(\+\$\d+\.\d\d in plan\) \| block \$0\.00 \(\+\$\d+\.\d\d in plan\), /);
    } finally {
      for (const close of afterEachClose.splice(0)) close();
    }
  });

  it('leaves a missing ledger, or one to migrate, to the full CLI, and reads bad JSON as the CLI does', async () => {
    const dir = tempDir();
    expect(openQuickStatusLine(join(dir, 'none.sqlite'), {})).toBeNull();
    const { client, dbPath } = testEngine();
    await client.call('settings.update', { timeZone: 'UTC' });
    const at = Date.parse('2025-10-20T15:00:00Z');
    expect(bin(['statusline', '--db', dbPath], at, '')).toEqual({ code: 0, out: 'today $0.00 | no active block', err: '' });
    expect(bin(['statusline', '--db', dbPath], at, '{not json')).toMatchObject({ code: 3, out: '', err: expect.stringMatching(/^error: statusline reads Claude Code's status JSON on stdin: /) });
    // In Chinese from the small catalog, as the full CLI says it (test/report/agent-views.test.ts).
    const zh = bin(['statusline', '--db', dbPath], at, '{not json', 'zh-CN');
    expect(zh).toMatchObject({ code: 3, out: '' });
    expect(zh.err).toMatch(/^错误：statusline 从标准输入读取 Claude Code 的状态 JSON，但收到的不是有效的 JSON（.+）。请在 Claude Code 的 statusLine 设置里运行它，或用管道传入 JSON。$/);
    // A ledger the full CLI creates: the quick entry declines, the CLI answers.
    expect(bin(['statusline', '--db', join(dir, 'new.sqlite')], at, '')).toEqual({ code: 0, out: 'today $0.00 | no active block', err: '' });
  });
});
