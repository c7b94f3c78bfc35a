import type { Emit } from '../../shared/contract/events';
import type { WritableDb } from './ledger/db';

/** What every handler gets: the open ledger and a way to push events to the host. */
export interface EngineContext {
  db: WritableDb;
  dbPath: string;
  /** This process cannot write the ledger: reads and previews work, dispatch refuses methods that write. */
  readOnly?: boolean;
  /**
   * Nothing else reads the ledger through this engine while a call runs (the CLI: one command per process), so an
   * import may write through the engine's own connection, the ledger taken for itself (imports/import-connection.ts).
   */
  exclusive?: boolean;
  appVersion: string;
  schemaVersion: number;
  emit: Emit;
  /** The engine's clock: what "now" and "today" mean for every handler (fixed in tests, the wall clock otherwise). */
  now: () => number;
}
