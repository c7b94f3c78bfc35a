/** The files an import's run (run.ts pipeline) goes through, in order. */
import type { ChosenFile } from './identify';

/**
 * The files a run imports, in order: identified before it (a list), or as it goes (identify.ts
 * Identification, the parser worker's answers).
 */
export interface FileFeed {
  /** The i-th file; null: no more to import (every file was, or the import will be refused). */
  at(i: number): Promise<ChosenFile | null> | ChosenFile | null;
  /** Up to `count` files after the i-th, those known now. */
  after(i: number, count: number): readonly ChosenFile[];
  /** Every file identified: throws when the import is refused. `failed`: the run stopped on an error. */
  settle(failed: boolean): Promise<unknown>;
  /** The parser worker identifies the files as the run goes. */
  readonly byWorker: boolean;
}

export const listed = (chosen: readonly ChosenFile[]): FileFeed => ({
  at: (i) => chosen[i] ?? null,
  after: (i, count) => chosen.slice(i + 1, i + 1 + count),
  settle: async () => {},
  byWorker: false,
});
