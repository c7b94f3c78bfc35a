/** Display names for projects, keys, members and accounts: the contract, the reports and the CLI. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { captureIo, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const USAGE = join(import.meta.dirname, '../fixtures/exports/openai-dashboard-usage-export.csv');
const SUPPORT = 'proj_Xk2PcR4bT9mLq0Zs7VwYn3Jd';
const BATCH = 'proj_2fGhT8uVw0XyZ1aBcDeF4gHi';

async function ledger() {
  const t = testEngine();
  await t.client.call('imports.commit', { paths: [USAGE] });
  return t;
}

async function cli(args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('display names', () => {
  it('names a project: the report carries the name of each key it shows, the overview of its top projects', async () => {
    const { client, events } = await ledger();
    events.length = 0;
    expect(await client.call('names.set', { dimension: 'project', value: SUPPORT, name: '  Support bot ' })).toEqual({ dimension: 'project', value: SUPPORT, name: 'Support bot' });
    expect(events.filter((e) => e.event === 'ledger.changed').map((e) => e.payload)).toEqual([{ reason: 'names' }]);
    const r = await client.call('report.explore', { groupBy: ['project'], bucket: 'none', timeZone: 'UTC' });
    expect(r.rows.map((g) => g.keys[0]).sort()).toEqual([BATCH, SUPPORT]);
    expect(r.names).toEqual({ project: { [SUPPORT]: 'Support bot' } });
    const o = await client.call('report.overview', { today: '2025-09-30', timeZone: 'UTC' });
    expect(o.names).toEqual({ project: { [SUPPORT]: 'Support bot' } });
    // Grouped by something unnamed: no names.
    expect((await client.call('report.explore', { groupBy: ['model'], bucket: 'none' })).names).toEqual({});
  });

  it('lists, replaces and removes names; the values of a dimension are searchable by id or name', async () => {
    const { client } = await ledger();
    await client.call('names.set', { dimension: 'project', value: SUPPORT, name: 'Support' });
    await client.call('names.set', { dimension: 'project', value: SUPPORT, name: 'Support bot' });
    expect(await client.call('names.list', {})).toEqual([{ dimension: 'project', value: SUPPORT, name: 'Support bot' }]);
    expect((await client.call('names.values', { dimension: 'project', search: 'bot' })).map((v) => [v.value, v.name])).toEqual([[SUPPORT, 'Support bot']]);
    expect((await client.call('names.values', { dimension: 'project', search: '2fGh' })).map((v) => [v.value, v.name])).toEqual([[BATCH, null]]);
    expect(await client.call('names.remove', { dimension: 'project', value: SUPPORT })).toEqual({ removed: true });
    expect(await client.call('names.remove', { dimension: 'project', value: SUPPORT })).toEqual({ removed: false });
    expect(await client.call('names.list', {})).toEqual([]);
  });

  it('refuses an id the ledger does not hold, an empty name and a dimension that takes none', async () => {
    const { client } = await ledger();
    await expect(client.call('names.set', { dimension: 'project', value: 'proj_typo', name: 'X' })).rejects.toThrow('No project "proj_typo" in the ledger');
    await expect(client.call('names.set', { dimension: 'project', value: SUPPORT, name: '   ' })).rejects.toThrow('A display name cannot be empty');
    await expect(client.call('names.set', { dimension: 'model' as 'project', value: 'gpt-4o', name: 'X' })).rejects.toThrow(/dimension/);
  });

  it('tokenledger names set | list | remove, and report tables show the name beside the id', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    expect((await cli(['import', USAGE, '--db', db])).code).toBe(0);
    const set = await cli(['names', 'set', 'project', SUPPORT, 'Support', 'bot', '--db', db]);
    expect(set.out).toBe(`${SUPPORT} is now shown as "Support bot".`);
    expect((await cli(['names', 'list', '--db', db])).out).toMatch(new RegExp(`project\\s+${SUPPORT}\\s+Support bot`));
    const values = await cli(['names', 'list', 'project', '--values', '--db', db]);
    expect(values.out).toMatch(new RegExp(`${BATCH}\\s+\\d+`));
    const report = await cli(['report', '--by', 'project', '--db', db]);
    expect(report.out).toContain(`Support bot (${SUPPORT})`);
    expect(report.out).toMatch(new RegExp(`\\n${BATCH}\\s`));
    expect((await cli(['names', 'remove', 'key', 'nope', '--db', db])).out).toBe('nope had no display name.');
    const bad = await cli(['names', 'set', 'model', 'gpt-4o', 'X', '--db', db]);
    expect([bad.code, bad.err]).toEqual([3, expect.stringContaining('names takes a project, key, member or account (not "model")')]);
  });
});
