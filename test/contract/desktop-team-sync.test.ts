/**
 * The desktop main process syncs the shared team folder on the engine's schedule: at start, on its timer and
 * after a change of the ledger; the window hears a merge as 'ledger.changed' (so its screens, Settings >
 * Team's machines among them, reload). Through the host's electron-free layer, with real engines and folder.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDesktopTeamSync } from '../../electron/main/team-sync';
import type { TestEngine } from '../helpers/engine';
import { manualTimer } from '../helpers/manual-timer';
import { twoMachinesOnOneFolder } from '../helpers/team';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'exports', name);

/** A desktop host over a real engine: the engine's events reach the sync layer as index.ts wires them. */
function desktop(t: TestEngine, env: NodeJS.ProcessEnv = {}) {
  const timer = manualTimer();
  const log: string[] = [];
  const started: Promise<void>[] = [];
  const sync = startDesktopTeamSync(t.engine.dispatch, { env, log: (m) => log.push(m), timer });
  t.client.on('ledger.changed', () => void started.push(sync.onEvent('ledger.changed')!));
  return { timer, log, sync, started };
}

describe('the desktop host: the shared team folder', () => {
  it('merges the other machine at start and on its timer, writes its own bundle after a change, and tells the window', async () => {
    const { a, b } = await twoMachinesOnOneFolder();
    await b.client.call('team.sync', {});

    const da = desktop(a, { TOKENLEDGER_TEAM_SYNC_MS: '300' });
    await da.sync.schedule.first;
    expect(da.timer.ms).toBe(300);
    // At start: bo's usage merged, the window told.
    const machines = await a.client.call('team.machines', {});
    expect(machines.map((m) => [m.member, m.self, m.sequence])).toEqual([['ada', true, 1], ['bo', false, 1]]);
    expect(a.events.some((e) => e.event === 'ledger.changed')).toBe(true);

    // B (its own desktop) imports more: the change itself writes B's bundle, no tick needed.
    const db = desktop(b);
    await db.sync.schedule.first;
    const bBefore = (await b.client.call('team.machines', {})).find((m) => m.self)!.sequence;
    db.started.length = 0;
    await b.client.call('imports.commit', { paths: [fixture('openai-costs.json')] });
    expect(db.started).toHaveLength(1);
    // The window reloads Settings > Team on the change's event, a message later (the next macrotask): the
    // sync the change started has written by then, so the panel shows this machine's new bundle.
    await new Promise((r) => setImmediate(r));
    const bAfter = (await b.client.call('team.machines', {})).find((m) => m.self)!.sequence;
    expect(bAfter).toBe(bBefore! + 1);
    await Promise.all(db.started);

    // A's next tick merges it: Settings > Team shows bo's newer bundle, the window hears the change.
    const heard = a.events.length;
    await da.timer.tick();
    expect(a.events.slice(heard).map((e) => e.event)).toContain('ledger.changed');
    expect((await a.client.call('team.machines', {})).find((m) => m.member === 'bo')!.sequence).toBe(bAfter);
    expect((await a.client.call('report.totals', {})).totals).toEqual((await b.client.call('report.totals', {})).totals);
    expect([...da.log, ...db.log]).toEqual([]);

    // Quit: no more syncs.
    da.sync.schedule.stop();
    db.sync.schedule.stop();
    expect(da.timer.running).toBe(false);
  });
});
