/**
 * The desktop app syncs the shared team folder as `serve` does, with the same schedule (the engine's
 * scheduleTeamSync): at start, every $TOKENLEDGER_TEAM_SYNC_MS ms (15 s by default) and after a change of
 * the ledger, in the main process. Kept free of the `electron` import so it can be tested with a real
 * engine; the window hears what a sync merged through the engine's 'ledger.changed' and reloads.
 */
import { createClient } from '../../shared/contract/client';
import type { ApiEventName } from '../../shared/contract/events';
import { scheduleTeamSync, teamSyncInterval, type Dispatch, type SyncTimer, type TeamSyncSchedule } from '../engine';

export interface DesktopTeamSync {
  /** The engine's events, as the host receives them; a change of the ledger starts a sync (returned). */
  onEvent(event: ApiEventName): Promise<void> | null;
  schedule: TeamSyncSchedule;
}

export function startDesktopTeamSync(dispatch: Dispatch, opts: { env: NodeJS.ProcessEnv; log: (message: string) => void; timer?: SyncTimer }): DesktopTeamSync {
  const client = createClient({ invoke: (m, i) => dispatch(m, i) });
  const schedule = scheduleTeamSync(client, { intervalMs: teamSyncInterval(opts.env), onError: opts.log, ...(opts.timer ? { timer: opts.timer } : {}) });
  return {
    onEvent: (event) => (event === 'ledger.changed' ? schedule.syncNow() : null),
    schedule,
  };
}
