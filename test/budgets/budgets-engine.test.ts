import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetDefinitionInput } from '../../shared/domain/budgets/budget';
import { convert, convertOn } from '../../shared/domain/fx';
import { parseDecimalToNano } from '../../shared/domain/money';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { dailyRequests, writeClaudeCodeLog, writeLitellmCsv, writeOpenaiCosts } from '../helpers/budget-samples';

function budget(over: Partial<BudgetDefinitionInput> = {}): BudgetDefinitionInput {
  return { name: 'Team API', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '100', currency: 'USD' }, ...over };
}

/** The engines' clock: a fixed instant each test sets (`setNow`), never the wall clock. */
let now = Number.NaN;
const setNow = (iso: string) => {
  now = Date.parse(iso);
};
const clock = () => now;

afterEach(() => {
  now = Number.NaN;
});

describe('budget periods over usage in UTC buckets', () => {
  function importBoundaryData(dir: string) {
    // UTC day buckets (OpenAI costs): Feb 28, Mar 1, Mar 31, Apr 1 at 1, 10, 100, 1000 USD.
    const costs = writeOpenaiCosts(dir, 'costs.json', [
      { day: '2025-02-28', usd: 1 },
      { day: '2025-03-01', usd: 10 },
      { day: '2025-03-31', usd: 100 },
      { day: '2025-04-01', usd: 1000 },
    ]);
    // Requests near the boundaries (LiteLLM, per request).
    const requests = writeLitellmCsv(dir, 'requests.csv', [
      { id: 'r-early-mar1', at: '2025-03-01T05:00:00.000Z', spend: '0.01' }, // Shanghai Mar 1 13:00; LA Feb 28 21:00
      { id: 'r-late-mar31', at: '2025-03-31T20:00:00.000Z', spend: '0.02' }, // Shanghai Apr 1 04:00; LA Mar 31 13:00
      { id: 'r-la-dst-before', at: '2025-04-01T06:30:00.000Z', spend: '0.04' }, // LA Mar 31 23:30 PDT (UTC-7 after the DST change)
      { id: 'r-la-dst-after', at: '2025-04-01T07:30:00.000Z', spend: '0.08' }, // LA Apr 1 00:30 PDT
    ]);
    return [costs, requests];
  }

  it('counts a March budget at UTC+8 from 16:00 UTC on Feb 28, with day buckets on their own calendar day', async () => {
    const { client } = testEngine({ now: clock });
    setNow('2025-03-15T06:00:00Z'); // created mid-month
    await client.call('imports.commit', { paths: importBoundaryData(tempDir()) });
    const s = await client.call('budgets.create', { budget: budget({ name: 'Shanghai', period: { kind: 'month', timeZone: 'Asia/Shanghai' }, amount: { unit: 'money', value: '1000', currency: 'USD' } }) });
    expect(s.period).toMatchObject({ key: '2025-03', start: '2025-02-28T16:00:00.000Z', end: '2025-03-31T16:00:00.000Z', days: 31 });
    // 10 + 100 (buckets of Mar 1 and Mar 31) + 0.01 (Mar 1 13:00 local); the 20:00Z request of Mar 31 is April there.
    expect(s.spent).toBe('110.010000');
  });

  it('counts a March budget at UTC-8 across the DST change: ends at 07:00 UTC on Apr 1', async () => {
    const { client } = testEngine({ now: clock });
    setNow('2025-03-15T06:00:00Z');
    await client.call('imports.commit', { paths: importBoundaryData(tempDir()) });
    const s = await client.call('budgets.create', { budget: budget({ name: 'LA', period: { kind: 'month', timeZone: 'America/Los_Angeles' }, amount: { unit: 'money', value: '1000', currency: 'USD' } }) });
    expect(s.period).toMatchObject({ start: '2025-03-01T08:00:00.000Z', end: '2025-04-01T07:00:00.000Z' });
    // 10 + 100 + 0.02 (Mar 31 13:00 local) + 0.04 (Mar 31 23:30 PDT); the 05:00Z request of Mar 1 is still Feb 28 there.
    expect(s.spent).toBe('110.060000');
    const detail = await client.call('budgets.get', { id: s.id! });
    expect(detail.history.map((h) => [h.key, h.spent])).toEqual([
      ['2025-02', '1.010000'],
      ['2025-03', '110.060000'],
    ]);
  });

  it('gives the same March to a budget in UTC: the whole of each UTC day', async () => {
    const { client } = testEngine({ now: clock });
    setNow('2025-03-15T06:00:00Z');
    await client.call('imports.commit', { paths: importBoundaryData(tempDir()) });
    const s = await client.call('budgets.create', { budget: budget({ name: 'UTC', amount: { unit: 'money', value: '1000', currency: 'USD' } }) });
    expect(s.spent).toBe('110.030000');
  });
});

describe('alerts as imports cross the thresholds', () => {
  it('fires the projected alert first, then 50, 80 and 100 % once each, across imports, re-imports, undo and edits', async () => {
    const { client, events } = testEngine({ now: clock });
    const dir = tempDir();
    setNow('2025-03-25T00:00:00Z');
    const created = await client.call('budgets.create', { budget: budget() });
    const id = created.id!;
    const fired = () => events.filter((e) => e.event === 'alerts.changed').flatMap((e) => ('fired' in e.payload ? (e.payload.fired ?? []) : []).map((f) => f.title));
    const kinds = async () => (await client.call('alerts.list', {})).alerts.map((a) => `${a.kind}:${a.threshold}`).reverse();

    // Days 1-5 at 5 USD: 25 % spent, a run rate of 5/day over 31 days says 155.
    await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'a.csv', dailyRequests('a', '2025-03-01', 5, '5'))] });
    expect(await kinds()).toEqual(['projected:100']);
    let s = (await client.call('budgets.list', {}))[0]!;
    expect([s.spent, s.sharePercent, s.state]).toEqual(['25.000000', 25, 'projected']);
    expect(s.forecast).toMatchObject({ status: 'ok', expected: '155.000000', overrunDay: '2025-03-21' });

    await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'b.csv', dailyRequests('b', '2025-03-06', 5, '5'))] });
    expect(await kinds()).toEqual(['projected:100', 'crossed:50']);
    await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'c.csv', dailyRequests('c', '2025-03-11', 6, '5'))] });
    expect(await kinds()).toEqual(['projected:100', 'crossed:50', 'crossed:80']);
    const last = await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'd.csv', dailyRequests('d', '2025-03-17', 4, '5'))] });
    expect(await kinds()).toEqual(['projected:100', 'crossed:50', 'crossed:80', 'crossed:100']);
    s = (await client.call('budgets.list', {}))[0]!;
    expect([s.spent, s.remaining, s.state]).toEqual(['100.000000', '0.000000', 'over']);

    // An undo, a re-import and the same file once more: nothing fires twice.
    await client.call('imports.undo', { batchId: last.files[0]!.batchId! });
    expect((await client.call('budgets.list', {}))[0]!.spent).toBe('80.000000');
    await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'd2.csv', dailyRequests('d', '2025-03-17', 4, '5'))] });
    await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'd3.csv', dailyRequests('d', '2025-03-17', 4, '5'))] });
    expect((await client.call('budgets.list', {}))[0]!.spent).toBe('100.000000');
    await client.call('budgets.evaluate', {});
    expect(await kinds()).toEqual(['projected:100', 'crossed:50', 'crossed:80', 'crossed:100']);

    // Editing re-evaluates without repeating: a new 90 % threshold fires once; the rest stay as they were.
    await client.call('budgets.update', { id, budget: budget({ thresholds: [50, 80, 90, 100] }) });
    await client.call('budgets.update', { id, budget: budget({ thresholds: [50, 80, 90, 100], notes: 'edited twice' }) });
    expect(await kinds()).toEqual(['projected:100', 'crossed:50', 'crossed:80', 'crossed:100', 'crossed:90']);
    // Raising the amount puts it back under; lowering it again repeats nothing.
    const raised = await client.call('budgets.update', { id, budget: budget({ amount: { unit: 'money', value: '400', currency: 'USD' } }) });
    expect(raised.sharePercent).toBe(25);
    await client.call('budgets.update', { id, budget: budget() });
    expect((await kinds()).length).toBe(5);
    expect(fired()).toEqual([
      'Budget forecast: Team API will pass 100 %',
      'Budget: Team API passed 50 %',
      'Budget: Team API passed 80 %',
      'Budget: Team API passed 100 %',
      'Budget: Team API passed 90 %',
    ]);
    const alerts = (await client.call('alerts.list', {})).alerts;
    const crossed100 = alerts.find((a) => a.kind === 'crossed' && a.threshold === 100)!;
    expect(crossed100.message).toBe('Team API: 100 % of 100.00 USD reached in March 2025 (100.00 USD spent, 100 %)');
    expect((await client.call('alerts.list', {})).active).toBe(5);
    expect((await client.call('alerts.markRead', {})).active).toBe(0);
  });

  it('re-arms in the next period', async () => {
    const { client } = testEngine({ now: clock });
    const dir = tempDir();
    setNow('2025-03-25T00:00:00Z');
    await client.call('budgets.create', { budget: budget({ thresholds: [50] }) });
    await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'a.csv', dailyRequests('a', '2025-03-01', 12, '5'))] });
    setNow('2025-04-25T00:00:00Z');
    await client.call('imports.commit', { paths: [writeLitellmCsv(dir, 'b.csv', dailyRequests('b', '2025-04-01', 12, '5'))] });
    expect((await client.call('alerts.list', {})).alerts.map((a) => `${a.periodKey}:${a.kind}:${a.threshold}`).reverse()).toEqual([
      '2025-03:crossed:50',
      '2025-04:crossed:50',
    ]);
  });
});

describe('budget figures', () => {
  it('narrows by scope, counts tokens of one class, and rolls the unspent part over', async () => {
    const { client } = testEngine({ now: clock });
    const dir = tempDir();
    setNow('2025-02-01T00:00:00Z');
    const roll = await client.call('budgets.create', { budget: budget({ name: 'Rollover', rollover: true }) });
    setNow('2025-03-10T00:00:00Z');
    await client.call('imports.commit', {
      paths: [
        writeLitellmCsv(dir, 'a.csv', [
          { id: 'feb', at: '2025-02-10T10:00:00.000Z', spend: '30', project: 'proj-web' },
          { id: 'web', at: '2025-03-02T10:00:00.000Z', spend: '7.5', project: 'proj-web', completionTokens: 250 },
          { id: 'ops', at: '2025-03-03T10:00:00.000Z', spend: '2.25', project: 'proj-ops', key: 'svc-ops', completionTokens: 40 },
        ]),
      ],
    });
    const web = await client.call('budgets.preview', { budget: budget({ scope: { projects: ['proj-web'] } }) });
    expect(web.spent).toBe('7.500000');
    expect(web.scopeLabel).toBe('project proj-web');
    const ops = await client.call('budgets.preview', { budget: budget({ scope: { apiKeys: ['svc-ops'], providers: ['litellm'] } }) });
    expect(ops.spent).toBe('2.250000');
    const out = await client.call('budgets.preview', { budget: budget({ amount: { unit: 'tokens', value: 1000, tokenClass: 'output' } }) });
    expect([out.spent, out.sharePercent]).toEqual(['290', 29]);
    // February: 100 budget, 30 spent -> 70 rolls into March.
    const r = await client.call('budgets.get', { id: roll.id! });
    expect([r.amount, r.rolledOver, r.spent]).toEqual(['170.000000', '70.000000', '9.750000']);
    expect(r.history.map((h) => [h.key, h.amount, h.spent])).toEqual([
      ['2025-02', '100.000000', '30.000000'],
      ['2025-03', '170.000000', '9.750000'],
    ]);
  });

  it('converts spend into the budget currency at the rate of its day and shows the rate', async () => {
    const { client } = testEngine({ now: clock });
    setNow('2025-07-20T00:00:00Z');
    await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'a.csv', [{ id: 'x', at: '2025-07-02T10:00:00.000Z', spend: '10' }])] });
    const s = await client.call('budgets.preview', { budget: budget({ amount: { unit: 'money', value: '100', currency: 'EUR' } }) });
    // July 2025 is after the last shipped ECB rate (2025-05-09: 1 EUR = 1.1252 USD), which applies: 10 / 1.1252 EUR.
    const perUsd = convertOn({ nano: 1_000_000_000n, currency: 'USD' }, 'EUR', '2025-05-09');
    expect(perUsd.rate).toBe('0.8887308923');
    expect(s.spent).toBe('8.887308923');
    expect(s.fx).toEqual([{ from: 'USD', to: 'EUR', rate: '0.8887308923', rateDate: '2025-05-09' }]);
  });

  it('shows usage in scope that has no price on the budget instead of counting it as zero', async () => {
    const { client } = testEngine({ now: clock });
    setNow('2025-09-20T00:00:00Z');
    const dir = tempDir();
    await client.call('imports.commit', {
      paths: [
        writeClaudeCodeLog(dir, 'session.jsonl', [
          { id: 'a', at: '2025-09-02T10:00:00.000Z', model: 'claude-mystery-9', input: 1200, output: 300 },
          { id: 'b', at: '2025-09-03T10:00:00.000Z', model: 'claude-mystery-9', input: 800, output: 200 },
        ]),
      ],
    });
    const s = await client.call('budgets.preview', { budget: budget() });
    expect(s.spent).toBe('0.000000');
    expect(s.unpriced).toEqual({ facts: 2, tokens: 2500, models: ['claude-mystery-9'] });
  });

  it('says when there is not enough data for a forecast', async () => {
    const { client } = testEngine({ now: clock });
    setNow('2025-03-02T12:00:00Z');
    await client.call('imports.commit', { paths: [writeLitellmCsv(tempDir(), 'a.csv', dailyRequests('a', '2025-03-01', 2, '1'))] });
    const s = await client.call('budgets.preview', { budget: budget() });
    expect(s.forecast).toEqual({ status: 'insufficient', reason: 'Not enough data for a forecast: 1 complete day of usage in scope (needs 3).' });
    expect(s.state).toBe('ok');
  });

  it('exports and imports the team file; a budget of the same name is updated, not doubled', async () => {
    const { client } = testEngine({ now: clock });
    setNow('2025-03-10T00:00:00Z');
    await client.call('budgets.create', { budget: budget({ scope: { members: ['maria'] }, webhookUrl: null }) });
    const file = await client.call('budgets.export', {});
    expect(file.budgets).toHaveLength(1);
    expect(file.budgets[0]).toMatchObject({ name: 'Team API', thresholds: [50, 80, 100], scope: { members: ['maria'] } });
    const other = testEngine({ now: clock });
    const first = await other.client.call('budgets.import', { file });
    const again = await other.client.call('budgets.import', { file: { ...file, budgets: [{ ...file.budgets[0]!, notes: 'v2' }] } });
    expect([first.added, first.updated, again.added, again.updated]).toEqual([1, 0, 0, 1]);
    expect((await other.client.call('budgets.list', {})).map((b) => b.definition.notes)).toEqual(['v2']);
    await expect(client.call('budgets.create', { budget: budget() })).rejects.toThrow('A budget named "Team API" already exists (id 1).');
    await expect(client.call('budgets.remove', { id: 99 })).rejects.toThrow('No budget with id 99.');
  });
});

describe('budget spend agrees with the ledger', () => {
  it('counts, with an empty scope, exactly the spend the report shows for the same days, CNY converted at each day’s rate', async () => {
    const { client } = testEngine({ now: clock });
    setNow('2026-01-15T00:00:00Z');
    await client.call('demo.load', {});
    let usd = 0n;
    let cnyConverted = 0n;
    let tokens = 0;
    const toNano = (v: string) => parseDecimalToNano(v);
    for (let t = Date.parse('2025-07-01T00:00:00Z'); t < Date.parse('2025-12-01T00:00:00Z'); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const r = await client.call('report.totals', { from: day, to: day });
      if (r.factCount === 0) continue;
      usd += toNano(r.totals.spend.USD ?? '0');
      if (r.totals.spend.CNY) cnyConverted += convert({ nano: toNano(r.totals.spend.CNY), currency: 'CNY' }, 'USD', t).nano;
      const k = r.totals.tokens;
      tokens += k.input + k.cache_read + k.cache_write_5m + k.cache_write_1h + k.output;
      expect(Object.keys(r.totals.spend).filter((c) => c !== 'USD' && c !== 'CNY')).toEqual([]);
    }
    expect(cnyConverted).toBeGreaterThan(0n);
    const period = { kind: 'custom' as const, timeZone: 'UTC', from: '2025-07-01', to: '2025-11-30' };
    const money = await client.call('budgets.preview', { budget: budget({ period, amount: { unit: 'money', value: '100000', currency: 'USD' } }) });
    // Conversion rounds once per (local day, currency): a request whose midpoint falls on the next UTC day moves
    // its CNY into that day's sum, so the two roundings may differ by a nano-unit a day, never more.
    const diff = parseDecimalToNano(money.spent) - (usd + cnyConverted);
    expect(diff >= -3n && diff <= 3n).toBe(true);
    expect(money.fx.map((r) => r.from)).toEqual(['CNY']);
    const tok = await client.call('budgets.preview', { budget: budget({ period, amount: { unit: 'tokens', value: 1_000_000_000 } }) });
    expect(tok.spent).toBe(String(tokens));
  });
});
