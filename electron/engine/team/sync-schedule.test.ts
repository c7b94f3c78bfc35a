/** The team folder's schedule, shared by the desktop app and `serve`: a real ledger and folder, a timer fired by hand. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/contract/client';
import { testEngine } from '../../../test/helpers/engine';
import { manualTimer } from '../../../test/helpers/manual-timer';
import { tempDir } from '../../../test/helpers/tmp';
import { scheduleTeamSync, teamSyncInterval } from './sync-schedule';

const fixture = (name: string) => join(import.meta.dirname, '../../../test/fixtures/exports', name);

/** The engine's real client, with the methods called written down. */
function recorded(client: ApiClient) {
  const calls: string[] = [];
  const call = ((method: string, input: unknown) => {
    calls.push(method);
    return client.call(method as never, input as never);
  }) as ApiClient['call'];
  return { calls, client: { call } };
}

const syncs = (calls: string[]) => calls.filter((c) => c === 'team.sync').length;

describe('the team folder schedule', () => {
  it('takes its interval from TOKENLEDGER_TEAM_SYNC_MS, 15 s by default', () => {
    expect(teamSyncInterval({})).toBe(15_000);
    expect(teamSyncInterval({ TOKENLEDGER_TEAM_SYNC_MS: '300' })).toBe(300);
    expect(teamSyncInterval({ TOKENLEDGER_TEAM_SYNC_MS: 'soon' })).toBe(15_000);
    expect(teamSyncInterval({ TOKENLEDGER_TEAM_SYNC_MS: '0' })).toBe(15_000);
  });

  it('syncs at start and on every tick while a folder is set, follows the setting, and stops when closed', async () => {
    const folder = tempDir();
    const a = testEngine();
    const b = testEngine();
    await a.client.call('imports.commit', { paths: [fixture('anthropic-usage-report.json')] });
    await b.client.call('imports.commit', { paths: [fixture('openai-usage-completions.json')] });
    const rec = recorded(a.client);
    const timer = manualTimer();
    const errors: string[] = [];
    const schedule = scheduleTeamSync(rec.client, { intervalMs: 300, timer, onError: (m) => errors.push(m) });
    await schedule.first;
    expect(timer.ms).toBe(300);
    // No folder yet: the setting is read, nothing synced, nothing written anywhere.
    expect(rec.calls).toEqual(['team.settings']);
    await timer.tick();
    expect(syncs(rec.calls)).toBe(0);

    // The folder set later (the window or the CLI): the next tick syncs into it.
    await a.client.call('team.setFolder', { path: folder });
    await timer.tick();
    expect(syncs(rec.calls)).toBe(1);
    const own = `${(await a.client.call('team.settings', {})).machineId}.tlbundle`;
    expect(readdirSync(folder)).toEqual([own]);

    // Another machine writes its bundle: the next tick merges it.
    await b.client.call('team.setFolder', { path: folder });
    await b.client.call('team.sync', {});
    const before = (await a.client.call('report.totals', {})).totals.requests;
    await timer.tick();
    expect(syncs(rec.calls)).toBe(2);
    expect((await a.client.call('report.totals', {})).totals).toEqual((await b.client.call('report.totals', {})).totals);
    expect((await a.client.call('report.totals', {})).totals.requests).toBeGreaterThan(before);

    // Cleared: ticks read the setting and sync nothing.
    await a.client.call('team.setFolder', { path: null });
    await timer.tick();
    await timer.tick();
    expect(syncs(rec.calls)).toBe(2);
    expect(errors).toEqual([]);

    // Closed: the timer is cancelled and an asked-for sync does nothing.
    await a.client.call('team.setFolder', { path: folder });
    schedule.stop();
    expect(timer.running).toBe(false);
    const n = rec.calls.length;
    await schedule.syncNow();
    expect(rec.calls.length).toBe(n);
  });

  it('reports a failed sync and tries again at the next tick', async () => {
    const a = testEngine();
    const missing = join(tempDir(), 'not-mounted');
    await a.client.call('team.setFolder', { path: missing });
    const timer = manualTimer();
    const errors: string[] = [];
    const schedule = scheduleTeamSync(a.client, { intervalMs: 15_000, timer, onError: (m) => errors.push(m) });
    await schedule.first;
    await timer.tick();
    const msg = `team folder sync: The shared team folder ${missing} is not there (not mounted or not synced yet?)`;
    expect(errors).toEqual([msg, msg]);
    schedule.stop();
  });
});
