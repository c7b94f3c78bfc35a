import type { WritableDb } from '../db';

/**
 * One numbered schema change. A shipped migration is frozen: its file holds its own SQL and imports
 * nothing but this type, so it means today what it meant when it shipped.
 */
export interface Migration {
  version: number;
  name: string;
  /**
   * It creates or changes a table derived from the facts (rollups and the like): such tables are created
   * empty here and filled by today's code once every pending migration has run (ledger/derived.ts).
   */
  derived?: boolean;
  up(db: WritableDb): void;
}
