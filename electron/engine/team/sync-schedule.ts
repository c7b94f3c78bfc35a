/**
 * The shared team folder's schedule, one for every host (the desktop app's main process, `serve`): a sync
 * at start, then on a timer (a folder a sync tool fills is polled: file events are unreliable on network
 * shares), and soon after a change of this ledger so the others see it. Each run re-reads the folder
 * setting, so a folder set or cleared later (the window, the CLI) is followed without a restart: no folder,
 * no sync. A failed sync is reported and tried again at the next tick (the folder may be unmounted for a while).
 */
import type { ApiClient } from '../../../shared/contract/client';

export const TEAM_SYNC_DEFAULT_MS = 15_000;

/** The interval from $TOKENLEDGER_TEAM_SYNC_MS (ms), else the default; a value that is not a positive number is ignored. */
export function teamSyncInterval(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.TOKENLEDGER_TEAM_SYNC_MS ?? TEAM_SYNC_DEFAULT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : TEAM_SYNC_DEFAULT_MS;
}

/** The timer the schedule runs on (the host's setInterval; a test's own). */
export interface SyncTimer {
  /** Call `run` every `ms` ms until the returned function is called. */
  every(ms: number, run: () => Promise<void>): () => void;
}

export const realTimer: SyncTimer = {
  every(ms, run) {
    const handle = setInterval(() => void run(), ms);
    // The schedule never keeps a process alive on its own.
    handle.unref();
    return () => clearInterval(handle);
  },
};

export interface TeamSyncSchedule {
  /** The sync at start, settled (it never rejects: a failure went to onError). */
  first: Promise<void>;
  /**
   * Sync now; while a sync runs, that sync (the change a sync merges itself must not start another; a
   * change made meanwhile is written at the next tick).
   */
  syncNow(): Promise<void>;
  /** No more syncs; a running one finishes. */
  stop(): void;
}

export function scheduleTeamSync(
  client: Pick<ApiClient, 'call'>,
  opts: { intervalMs: number; timer?: SyncTimer; onError: (message: string) => void },
): TeamSyncSchedule {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = async () => {
    try {
      if ((await client.call('team.settings', {})).folder !== null && !stopped) await client.call('team.sync', {});
    } catch (e) {
      if (!stopped) opts.onError(`team folder sync: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const syncNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    // Cleared in a callback, so always after the assignment.
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
  const cancel = (opts.timer ?? realTimer).every(opts.intervalMs, syncNow);
  const first = syncNow();
  return {
    first,
    syncNow,
    stop: () => {
      stopped = true;
      cancel();
    },
  };
}
