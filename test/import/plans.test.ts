/**
 * Plan or pay-as-you-go: usage a subscription pays for is notional, its value at list price shown apart,
 * never spend (totals, the Overview, a budget, the tips' cells). Cursor's rows say which they are; a
 * setting per tool (and account) decides for the others. Real fixtures through a real ledger; expected
 * figures are read from the fixtures or from the ledger before the setting changes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { formatAmounts } from '../../electron/cli/format';
import { runCli } from '../../electron/cli/main';
import { formatAmount, parseDecimalToNano } from '../../shared/domain/money';
import { captureIo, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { fixture } from './helpers';

const CURSOR = fixture('agents/cursor/usage-events-2025-09.csv');
const CODEX = fixture('agents/codex');
const NOW = () => Date.parse('2025-09-25T12:00:00Z');
const nano = (v: string | undefined) => parseDecimalToNano(v ?? '0');

/** The Cursor rows with tokens (every data cell is quoted), of one Kind or all. */
function cursorRows(kind?: string): string[][] {
  const [head, ...rows] = readFileSync(CURSOR, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return rows
    .map((r) => r.slice(1, -1).split('","'))
    .filter((c) => (kind === undefined || c[cols.indexOf('Kind')] === kind) && c[cols.indexOf('Output Tokens')] !== '')
    .map((c) => [...c, c[cols.indexOf('Cost')]!]);
}

/** The Cost of the Cursor rows of one Kind, summed from the CSV. */
const cursorCost = (kind: string) => cursorRows(kind).reduce((s, c) => s + nano(c.at(-1)), 0n);

async function cli(args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function byProvider(client: ReturnType<typeof testEngine>['client']) {
  const view = await client.call('report.explore', { groupBy: ['provider'] });
  return Object.fromEntries(view.rows.map((r) => [r.keys[0], r]));
}

describe('usage included in a plan is notional, never spend', () => {
  it("Cursor's Included rows are its notional value and its On-Demand rows its spend, whatever the tool's setting", async () => {
    const { client } = testEngine({ now: NOW });
    await client.call('imports.commit', { paths: [CURSOR] });
    const included = cursorCost('Included');
    const onDemand = cursorCost('On-Demand');
    expect(included).toBeGreaterThan(0n);
    expect(onDemand).toBeGreaterThan(0n);
    const t = (await client.call('report.totals', {})).totals;
    expect(nano(t.spend.USD)).toBe(onDemand);
    expect(nano(t.notional.USD)).toBe(included);
    expect(nano(t.recorded.USD)).toBe(included + onDemand);
    // The row's own word wins over a tool-wide setting either way.
    await client.call('plans.set', { tool: 'cursor', plan: 'included' });
    expect(nano((await client.call('report.totals', {})).totals.spend.USD)).toBe(onDemand);
    await client.call('plans.set', { tool: 'cursor', plan: 'payg' });
    expect(nano((await client.call('report.totals', {})).totals.notional.USD)).toBe(included);
  });

  it('a tool set "included": its estimate leaves the spend of totals, rollups, the Overview and a budget, and comes back when cleared', async () => {
    const { client, engine, events } = testEngine({ now: NOW });
    await client.call('imports.commit', { paths: [CURSOR, CODEX] });
    const before = await byProvider(client);
    const codexSpend = nano(before['codex-log']!.spend.USD);
    expect(codexSpend).toBeGreaterThan(0n);
    const onDemand = cursorCost('On-Demand');
    const budget = await client.call('budgets.create', {
      budget: { name: 'Agents', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '1000', currency: 'USD' } },
    });
    expect(nano(budget.spent)).toBe(onDemand + codexSpend);

    const plans = await client.call('plans.set', { tool: 'codex-log', plan: 'included' });
    expect(plans.settings).toEqual([{ tool: 'codex-log', account: null, plan: 'included' }]);
    expect(plans.tools.map((x) => [x.tool, x.plan])).toEqual(expect.arrayContaining([['codex-log', 'included'], ['cursor', null]]));
    expect(events.filter((e) => e.event === 'ledger.changed').at(-1)?.payload).toEqual({ reason: 'plans' });

    const after = await byProvider(client);
    expect(after['codex-log']!.spend).toEqual({});
    expect(nano(after['codex-log']!.notional.USD)).toBe(codexSpend);
    expect(after['codex-log']!.estimated).toEqual(before['codex-log']!.estimated);
    const t = (await client.call('report.totals', {})).totals;
    expect(nano(t.spend.USD)).toBe(onDemand);
    expect(nano(t.notional.USD)).toBe(cursorCost('Included') + codexSpend);
    const overview = await client.call('report.overview', { today: '2025-09-25', currency: 'USD' });
    expect(nano(overview.totals.spendDisplay ?? undefined)).toBe(onDemand);
    expect(nano(overview.totals.notionalDisplay ?? undefined)).toBe(cursorCost('Included') + codexSpend);
    const [status] = await client.call('budgets.list', {});
    expect(nano(status!.spent)).toBe(onDemand);
    // The tips count paid usage only.
    const tipCells = engine.ctx.db.prepare("SELECT count(*) FROM rollup_tip_cells WHERE provider = 'codex-log'").pluck().get();
    expect(tipCells).toBe(0);

    await client.call('plans.set', { tool: 'codex-log', plan: null });
    expect(nano((await byProvider(client))['codex-log']!.spend.USD)).toBe(codexSpend);
    expect(nano((await client.call('budgets.list', {}))[0]!.spent)).toBe(onDemand + codexSpend);
  });

  it("an account's own setting wins over its tool's, and a tool the ledger does not hold is refused", async () => {
    const { client, engine } = testEngine({ now: NOW });
    await client.call('imports.commit', { paths: [CODEX] });
    const db = engine.ctx.db;
    const codexSpend = nano((await byProvider(client))['codex-log']!.spend.USD);
    await client.call('plans.set', { tool: 'codex-log', plan: 'included' });
    await expect(client.call('plans.set', { tool: 'codex-log', account: 'work', plan: 'payg' })).rejects.toThrow(
      'No usage of "codex-log" for account "work" in the ledger; plans.list names the tools.',
    );
    // Give one session an account, then say that account pays as it goes.
    const session = db.prepare("SELECT json_extract(tags, '$.sessionId') FROM usage_facts WHERE provider = 'codex-log' LIMIT 1").pluck().get() as string;
    db.prepare("UPDATE usage_facts SET account = 'work' WHERE json_extract(tags, '$.sessionId') = ?").run(session);
    const workEstimate = db
      .prepare("SELECT sum(estimated_nano) FROM usage_facts WHERE account = 'work'")
      .safeIntegers(true)
      .pluck()
      .get() as bigint;
    expect(workEstimate).toBeGreaterThan(0n);
    await client.call('plans.set', { tool: 'codex-log', account: 'work', plan: 'payg' });
    const t = (await client.call('report.totals', {})).totals;
    expect(nano(t.spend.USD)).toBe(workEstimate);
    expect(nano(t.notional.USD)).toBe(codexSpend - workEstimate);
    await expect(client.call('plans.set', { tool: 'codex', plan: 'included' })).rejects.toThrow('No usage of "codex" in the ledger; plans.list names the tools.');
  });
});

describe('tokenledger plan', () => {
  it('lists the tools with their setting, sets one, and the report shows the included value apart from spend', async () => {
    const db = join(tempDir(), 'cli.sqlite');
    expect((await cli(['import', CURSOR, CODEX, '--db', db])).code).toBe(0);
    const codexFacts = (await cli(['report', '--by', 'provider', '--json', '--db', db])).out;
    const facts = Object.fromEntries((JSON.parse(codexFacts) as { rows: { keys: string[]; facts: number }[] }).rows.map((r) => [r.keys[0], r.facts]));
    expect(facts.cursor).toBe(cursorRows().length);
    const note = "Included usage is shown as its value at list price, never as spend (Cursor's rows say their own kind).";
    // Most facts first, then by name; the tool column is as wide as its longest name.
    const order = ['codex-log', 'cursor'].sort((x, y) => facts[y]! - facts[x]! || x.localeCompare(y));
    const list = (codexPlan: string) =>
      [
        'tool       facts  plan',
        ...order.map((t) => `${t.padEnd(9)}  ${String(facts[t]).padStart(5)}  ${t === 'codex-log' ? codexPlan : 'payg (default)'}`),
        '',
        note,
      ].join('\n');
    expect(await cli(['plan', '--db', db])).toEqual({ code: 0, out: list('payg (default)'), err: '' });
    expect(await cli(['plan', 'codex-log', 'included', '--db', db])).toEqual({ code: 0, out: `codex-log: included in your plan (notional, never spend).\n${list('included')}`, err: '' });
    const report = await cli(['report', '--db', db]);
    const spend = cursorCost('On-Demand');
    expect(report.out).toContain(`\nspend:     ${formatAmounts({ USD: formatAmount(spend) })}\n`);
    const totals = (await cli(['report', '--json', '--db', db])).out;
    const notional = nano((JSON.parse(totals) as { totals: { notional: Record<string, string> } }).totals.notional.USD);
    expect(notional).toBeGreaterThan(cursorCost('Included'));
    expect(report.out).toContain(`\nin plans:  ${formatAmounts({ USD: formatAmount(notional) })} (value at list price of usage a plan includes: not spend)`);
    const bad = await cli(['plan', 'codex-log', 'free', '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('plan takes a tool and one of: included, payg, clear (`tokenledger plan` lists the tools)');
  });
});
