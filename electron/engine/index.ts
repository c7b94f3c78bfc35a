/**
 * The engine as a library, and its only door: open a ledger file and get `dispatch`. The three hosts
 * (Electron main, CLI, HTTP server) are thin layers over this and import nothing else of the engine;
 * none of it imports 'electron'.
 */
import type { ApiEventName, ApiEvents } from '../../shared/contract/events';
import type { EngineContext } from './context';
import { createDispatch, type Dispatch } from './dispatch';
import { firstAnswer } from './first-answer';
import { FIRST_SCREEN_CALL } from '../../shared/contract/first-screen';
import { closeAgentWatch } from './imports/agent-watchers';
import { dropPreviews } from './imports/preview-store';
import { clockFromEnv } from './clock';
import { openLedger } from './ledger/connection';

export type { Dispatch };
export { toErrorShape } from './dispatch';
export { DB_FILE_NAME, DEMO_DB_FILE_NAME, defaultDbPath, demoDbPath } from './paths';
export { webhooksSettled } from './budgets/webhook-flights';
export { clockFromEnv } from './clock';
export { realTimer, scheduleTeamSync, teamSyncInterval, type SyncTimer, type TeamSyncSchedule } from './team/sync-schedule';

export const APP_VERSION = '0.1.0';

/**
 * A host about to import coding agents' logs (the CLI's `import --agents`) starts the import's parser
 * worker now, before the ledger is opened and the logs found (imports/parser-start.ts prestartParser).
 */
export async function prestartParser(): Promise<void> {
  (await import('./imports/parser-start')).prestartParser();
}

export interface EngineOptions {
  dbPath: string;
  onEvent?: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;
  onBackup?: (path: string) => void;
  /**
   * The engine's clock. Defaults to `clockFromEnv(process.env)`: the wall clock, or the fixed instant
   * in TOKENLEDGER_NOW (an ISO instant), so a host can be run "as of" a given moment (tests do).
   */
  now?: () => number;
  /** Nothing else reads the ledger through this engine while a call runs (the CLI): EngineContext.exclusive. */
  exclusive?: boolean;
}

export interface Engine {
  dispatch: Dispatch;
  /**
   * Start answering the call the window's first screen makes (`FIRST_SCREEN_CALL`) while the window loads:
   * the part of its answer the ledger alone decides is then kept for the window's call while the ledger is
   * unchanged (first-answer.ts).
   */
  answerFirstScreen(): Promise<void>;
  ctx: EngineContext;
  close(): void;
}

export function createEngine(opts: EngineOptions): Engine {
  const opened = openLedger(opts.dbPath, opts.onBackup ? { onBackup: opts.onBackup } : {});
  const ctx: EngineContext = {
    db: opened.db,
    dbPath: opened.path,
    readOnly: opened.readOnly,
    exclusive: opts.exclusive === true,
    appVersion: APP_VERSION,
    schemaVersion: opened.schemaVersion,
    emit: (event, payload) => opts.onEvent?.(event, payload),
    now: opts.now ?? clockFromEnv(process.env),
  };
  const dispatch = createDispatch(ctx);
  return {
    dispatch,
    answerFirstScreen: firstAnswer(dispatch, FIRST_SCREEN_CALL),
    ctx,
    close: () => {
      // The agents' log watcher stops first (its file handles and any import it is running).
      void closeAgentWatch(ctx);
      // Previews kept for a commit that never came: their upload copies are removed now.
      dropPreviews(ctx.db);
      opened.db.close();
    },
  };
}
