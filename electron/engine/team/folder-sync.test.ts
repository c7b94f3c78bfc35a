/** Syncing two real ledgers through one shared folder, through the contract. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../../test/helpers/engine';
import { twoMachinesOnOneFolder } from '../../../test/helpers/team';

const fixture = (name: string) => join(import.meta.dirname, '../../../test/fixtures/exports', name);

describe('the shared team folder', () => {
  it('each machine writes only its own file, merges the others, and writes again only when its own facts change', async () => {
    const { folder, a, b } = await twoMachinesOnOneFolder();
    const alone = { a: (await a.client.call('report.totals', {})).totals, b: (await b.client.call('report.totals', {})).totals };

    const a1 = await a.client.call('team.sync', {});
    expect(a1).toMatchObject({ wrote: true, merged: [] });
    const b1 = await b.client.call('team.sync', {});
    expect(b1.wrote).toBe(true);
    expect(b1.merged.map((m) => [m.member, m.counts.new])).toEqual([['ada', 8]]);
    const a2 = await a.client.call('team.sync', {});
    expect(a2.wrote).toBe(false);
    expect(a2.merged.map((m) => [m.member, m.counts.new])).toEqual([['bo', 8]]);
    expect(readdirSync(folder).sort()).toEqual([a1.machines[0]!.machineId, b1.machines[0]!.machineId].map((id) => `${id}.tlbundle`).sort());

    const ta = (await a.client.call('report.totals', {})).totals;
    expect(ta.requests).toBe(alone.a.requests + alone.b.requests);
    expect((await b.client.call('report.totals', {})).totals).toEqual(ta);
    // Nothing changed: nothing written, nothing merged.
    expect(await b.client.call('team.sync', {})).toMatchObject({ wrote: false, merged: [] });
    expect(await a.client.call('team.sync', {})).toMatchObject({ wrote: false, merged: [] });
    const machines = await a.client.call('team.machines', {});
    expect(machines.map((m) => [m.member, m.self, m.sequence])).toEqual([['ada', true, 1], ['bo', false, 1]]);

    // A new import on B: its bundle is written again and A merges it.
    await b.client.call('imports.commit', { paths: [fixture('openai-costs.json')] });
    expect((await b.client.call('team.sync', {})).wrote).toBe(true);
    const a3 = await a.client.call('team.sync', {});
    expect(a3.merged.map((m) => [m.member, m.sequence, m.counts.duplicate])).toEqual([['bo', 2, 8]]);
    expect((await a.client.call('report.totals', {})).totals).toEqual((await b.client.call('report.totals', {})).totals);
  });

  it('says when no folder is set or the folder is not there', async () => {
    const a = testEngine();
    await expect(a.client.call('team.sync', {})).rejects.toThrow('No shared team folder is set: `tokenledger team folder set DIR`');
    await a.client.call('team.setFolder', { path: '/no/such/folder' });
    await expect(a.client.call('team.sync', {})).rejects.toThrow('The shared team folder /no/such/folder is not there (not mounted or not synced yet?)');
  });
});
