/**
 * Member and machine as dimensions, on two real ledgers built from different samples and merged through
 * bundles: by member and by machine the merged ledger shows each machine's own totals exactly; a member
 * set after the imports owns them; a rename moves the machine's facts whole; a budget scoped to a member
 * counts exactly that member's spend and fires its alert; `report --by member` in the CLI says the same.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { ApiClient } from '../../shared/contract/client';
import type { ReportExplore } from '../../shared/contract/api/report';
import { captureIo, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/exports', name);
/** Samples whose rows name no person of their own: every fact belongs to its machine's member. */
const A_FILES = [fixture('anthropic-usage-report.json'), fixture('deepseek-usage-amount-2025-9.csv'), fixture('claude-code-session.jsonl')];
const B_FILES = [fixture('openai-costs.json'), fixture('zhipu-bill-detail.csv'), fixture('gcp-billing-vertex.csv')];
const VIEW = { timeZone: 'UTC', currency: 'USD', bucket: 'none' as const };

/** What a row or a total says: tokens, requests, facts, spend per currency and in USD. */
const figures = (x: { tokens: unknown; requests: number; facts: number; spend: unknown; spendDisplay: string | null }) => ({
  tokens: x.tokens,
  requests: x.requests,
  facts: x.facts,
  spend: x.spend,
  spendDisplay: x.spendDisplay,
});

async function own(client: ApiClient) {
  return figures((await client.call('report.explore', { ...VIEW, groupBy: [] })).totals);
}

function rowsBy(r: ReportExplore): Map<string | null, ReturnType<typeof figures>> {
  return new Map(r.rows.map((row) => [row.keys[0] ?? null, figures(row)]));
}

async function cli(db: string, ...args: string[]) {
  const io = captureIo();
  const code = await runCli([...args, '--db', db], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('team views: by member and by machine', () => {
  it('the merged ledger by member and by machine equals each machine on its own, exactly; the rows add up to the total', async () => {
    const dir = tempDir();
    const a = testEngine();
    const b = testEngine();
    await a.client.call('imports.commit', { paths: A_FILES });
    await b.client.call('imports.commit', { paths: B_FILES });
    // Named after the imports: what was imported before belongs to the name set later.
    await a.client.call('team.update', { member: 'ada', machineName: 'ada-laptop' });
    await b.client.call('team.update', { member: 'bo', machineName: 'bo-desktop' });
    const ownA = await own(a.client);
    const ownB = await own(b.client);
    expect(ownA.facts).toBeGreaterThan(0);
    expect(ownB.facts).toBeGreaterThan(0);

    const ea = await a.client.call('bundle.export', { path: join(dir, 'a.tlbundle') });
    const eb = await b.client.call('bundle.export', { path: join(dir, 'b.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'b.tlbundle')] });
    await b.client.call('bundle.import', { paths: [join(dir, 'a.tlbundle')] });

    for (const t of [a, b]) {
      const byMember = await t.client.call('report.explore', { ...VIEW, groupBy: ['member'] });
      expect(rowsBy(byMember)).toEqual(new Map([['ada', ownA], ['bo', ownB]]));
      const byMachine = await t.client.call('report.explore', { ...VIEW, groupBy: ['machine'] });
      expect(rowsBy(byMachine)).toEqual(new Map([[ea.machineId, ownA], [eb.machineId, ownB]]));
      expect(byMachine.names.machine).toMatchObject({ [ea.machineId]: 'ada-laptop', [eb.machineId]: 'bo-desktop' });
      // A filter on a member is that member's own ledger.
      expect(figures((await t.client.call('report.explore', { ...VIEW, groupBy: [], filters: { member: ['bo'] } })).totals)).toEqual(ownB);
    }
  }, 120_000);

  it('a rename moves every fact of the machine at once (no split), here and where its next bundle is merged', async () => {
    const dir = tempDir();
    const a = testEngine();
    const b = testEngine();
    await a.client.call('imports.commit', { paths: A_FILES });
    await b.client.call('team.update', { member: 'bo' });
    await b.client.call('imports.commit', { paths: B_FILES.slice(0, 1) });
    await b.client.call('team.update', { member: 'Bo Li' });
    await b.client.call('imports.commit', { paths: B_FILES.slice(1) });
    const ownA = await own(a.client);
    const ownB = await own(b.client);
    expect(rowsBy(await b.client.call('report.explore', { ...VIEW, groupBy: ['member'] }))).toEqual(new Map([['Bo Li', ownB]]));

    await b.client.call('team.update', { member: 'bo' });
    await b.client.call('bundle.export', { path: join(dir, 'b1.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'b1.tlbundle')] });
    await b.client.call('team.update', { member: 'Bo Li' });
    await b.client.call('bundle.export', { path: join(dir, 'b2.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'b2.tlbundle')] });
    const byMember = rowsBy(await a.client.call('report.explore', { ...VIEW, groupBy: ['member'] }));
    expect(byMember.get('Bo Li')).toEqual(ownB);
    expect(byMember.has('bo')).toBe(false);
    // This machine has no member name: its facts are the unnamed row, and the rows still add up.
    expect([...byMember.keys()].sort()).toEqual(['Bo Li', null].sort());
    expect(byMember.get(null)).toEqual(ownA);
  }, 120_000);

  it('a budget scoped to a member counts exactly that member, through the one budget engine, and fires at 100 %', async () => {
    const dir = tempDir();
    const a = testEngine();
    const b = testEngine();
    await a.client.call('imports.commit', { paths: A_FILES });
    await a.client.call('team.update', { member: 'ada' });
    await b.client.call('imports.commit', { paths: B_FILES });
    await b.client.call('team.update', { member: 'bo' });
    await b.client.call('bundle.export', { path: join(dir, 'b.tlbundle') });
    await a.client.call('bundle.import', { paths: [join(dir, 'b.tlbundle')] });
    const period = { kind: 'custom' as const, timeZone: 'UTC', from: '2025-01-01', to: '2025-12-31' };
    const report = async (member: string) =>
      (await a.client.call('report.explore', { ...VIEW, from: period.from, to: period.to, groupBy: [], filters: { member: [member] } })).totals.spendDisplay;
    for (const member of ['ada', 'bo']) {
      const expected = await report(member);
      expect(Number(expected)).toBeGreaterThan(0);
      const status = await a.client.call('budgets.create', {
        budget: { name: `${member} 2025`, scope: { members: [member] }, period, amount: { unit: 'money', value: '0.01', currency: 'USD' } },
      });
      expect(status.spent).toBe(expected);
    }
    const alerts = await a.client.call('alerts.list', {});
    for (const member of ['ada', 'bo']) {
      const crossed = alerts.alerts.find((x) => x.budgetName === `${member} 2025` && x.threshold === 100 && x.kind === 'crossed');
      expect(crossed?.figures.spent, member).toBe(await report(member));
    }
    // The CLI's --member scope is the same scope.
    const boSpend = await report('bo');
    const db = a.dbPath;
    a.engine.close();
    const added = await cli(db, 'budgets', 'add', '--name', 'bo cli', '--amount', '1', '--currency', 'USD', '--period', 'custom', '--from', period.from, '--to', period.to, '--tz', 'UTC', '--member', 'bo', '--json');
    expect(added.code).toBe(0);
    expect((JSON.parse(added.out) as { spent: string }).spent).toBe(boSpend);
  }, 120_000);

  it('`report --by member` and `--by machine` in the CLI list each member with its own total', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    expect((await cli(a, 'import', ...A_FILES)).code).toBe(0);
    expect((await cli(a, 'team', 'member', 'ada')).code).toBe(0);
    expect((await cli(b, 'import', ...B_FILES)).code).toBe(0);
    expect((await cli(b, 'team', 'member', 'bo')).code).toBe(0);
    const ownB = JSON.parse((await cli(b, 'report', '--by', 'member', '--json', '--currency', 'USD')).out) as ReportExplore;
    expect(ownB.rows.map((r) => r.keys[0])).toEqual(['bo']);
    expect((await cli(b, 'bundle', 'export', '--out', join(dir, 'b.tlbundle'))).code).toBe(0);
    expect((await cli(a, 'bundle', 'import', join(dir, 'b.tlbundle'))).code).toBe(0);
    const byMember = JSON.parse((await cli(a, 'report', '--by', 'member', '--json', '--currency', 'USD')).out) as ReportExplore;
    expect(byMember.rows.find((r) => r.keys[0] === 'bo')?.spendDisplay).toBe(ownB.rows[0]!.spendDisplay);
    const human = await cli(a, 'report', '--by', 'machine');
    expect(human.code).toBe(0);
    expect(human.out).toContain('this machine');
  }, 120_000);
});
