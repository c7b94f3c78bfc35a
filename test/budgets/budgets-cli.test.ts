import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { BudgetCheckResult } from '../../shared/contract/api/budgets';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { dailyRequests, writeLitellmCsv } from '../helpers/budget-samples';

/** A ledger with 5 USD a day on March 1-10 2025: 50 spent by the 11th, 155 forecast for the month. */
async function ledger(): Promise<{ db: string; dir: string }> {
  const dir = tempDir();
  const db = join(dir, 'ledger.sqlite');
  const csv = writeLitellmCsv(dir, 'march.csv', dailyRequests('m', '2025-03-01', 10, '5'));
  expect(await runCli(['import', csv, '--db', db], captureIo())).toBe(0);
  return { db, dir };
}

async function addBudget(db: string, amount: string): Promise<void> {
  const io = captureIo();
  const code = await runCli(['budgets', 'add', '--db', db, '--name', `B${amount}`, '--amount', amount, '--currency', 'USD', '--tz', 'UTC'], io);
  expect(io.stderr).toEqual([]);
  expect(code).toBe(0);
}

async function check(db: string, json = false): Promise<{ code: number; out: string }> {
  const io = captureIo();
  const code = await runCli(['budgets', 'check', '--db', db, '--at', '2025-03-11T00:00:00Z', ...(json ? ['--json'] : [])], io);
  return { code, out: io.stdout.join('\n') };
}

describe('tokenledger budgets check', () => {
  it('exits 0 when every budget holds', async () => {
    const { db } = await ledger();
    await addBudget(db, '1000');
    const r = await check(db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('All budgets hold.');
    expect(r.out).toMatch(/B1000\s+March 2025\s+50\.00\s+1,000\.00 USD\s+5\.0 %\s+155\.00 USD \(155\.00-155\.00\)/);
  });

  it('exits 2 when only the forecast says a budget will cross 100 %', async () => {
    const { db } = await ledger();
    await addBudget(db, '1000');
    await addBudget(db, '100');
    const r = await check(db, true);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out) as BudgetCheckResult;
    expect([json.state, json.exitCode]).toEqual(['projected', 2]);
    expect(json.budgets.map((b) => [b.definition.name, b.state])).toEqual([
      ['B100', 'projected'],
      ['B1000', 'ok'],
    ]);
    expect(json.fired.map((a) => `${a.budgetName}:${a.kind}:${a.threshold}`)).toEqual(['B100:crossed:50', 'B100:projected:100']);
  });

  it('exits 1 when a budget has crossed 100 %, whatever the others say', async () => {
    const { db } = await ledger();
    await addBudget(db, '100');
    await addBudget(db, '40');
    const r = await check(db);
    expect(r.code).toBe(1);
    expect(r.out).toContain('OVER: a budget has crossed 100 %.');
  });

  it('lists, exports, imports and removes budgets', async () => {
    const { db, dir } = await ledger();
    await addBudget(db, '100');
    const out = join(dir, 'team.json');
    expect(await runCli(['budgets', 'export', '--db', db, '--out', out], captureIo())).toBe(0);
    const other = join(dir, 'other.sqlite');
    const io = captureIo();
    expect(await runCli(['budgets', 'import', out, '--db', other], io)).toBe(0);
    expect(io.stdout[0]).toContain(`Imported ${out}: 1 added, 0 updated`);
    const listed = captureIo();
    expect(await runCli(['budgets', 'list', '--db', other, '--json'], listed)).toBe(0);
    expect((JSON.parse(listed.stdout.join('')) as { definition: { name: string } }[]).map((b) => b.definition.name)).toEqual(['B100']);
    expect(await runCli(['budgets', 'remove', 'B100', '--db', other], captureIo())).toBe(0);
    const bad = captureIo();
    expect(await runCli(['budgets', 'remove', 'B100', '--db', other], bad)).toBe(5);
    expect(bad.stderr).toEqual(['error: No budget named "B100": `tokenledger budgets list` shows them.']);
  });
});
