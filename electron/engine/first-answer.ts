/**
 * The first screen's answer, worked out while the host's window is still loading: a host starts it once the
 * ledger is open (the desktop app as it creates its window, `serve` once it listens), and the first call
 * with the same method and input takes that answer instead of waiting for the
 * engine to read everything then. At 10M facts the Overview's first answer costs the engine 0.4-0.6 s of CPU
 * (its code loaded, its statements prepared, SQLite's cache filled); the window needs about as long to start.
 *
 * Taken once, and only while it is still what the call would get now: nothing written to the ledger since it
 * was asked, by this process (`total_changes()`) or any other (`PRAGMA data_version`), and asked under
 * `FIRST_ANSWER_MAX_AGE_MS` before (the answer reads "now": the month, the forecast's elapsed days).
 * Otherwise the call is answered the usual way, as is every later call: nothing else is kept.
 */
import type { ApiResult } from '../../shared/contract/errors';
import type { EngineContext } from './context';
import type { Dispatch } from './dispatch';
import { preparedOnce } from './ledger/db';

export const FIRST_ANSWER_MAX_AGE_MS = 30_000;

interface Asked {
  /** The ledger's state when it was asked (see `ledgerStamp`). */
  stamp: string;
  at: number;
  answer: Promise<ApiResult<unknown>>;
}

/**
 * What changes whenever anything is committed to the ledger: this connection's row changes and the
 * version SQLite bumps for every other connection's commit.
 */
function ledgerStamp(ctx: EngineContext): string {
  const own = preparedOnce(ctx.db, 'SELECT total_changes()', 'pluck').get() as number;
  const others = preparedOnce(ctx.db, 'PRAGMA data_version', 'pluck').get() as number;
  return `${own}/${others}`;
}

export interface FirstAnswer {
  /**
   * Start working out the first screen's answer; resolves once it is in. Once: a second start, or a start
   * after the window already made the call, does nothing.
   */
  start(): Promise<void>;
  /** `dispatch`, the first screen's call taking the answer worked out ahead when it still holds. */
  dispatch: Dispatch;
}

export function firstAnswer(ctx: EngineContext, dispatch: Dispatch, call: { method: string; input: unknown }): FirstAnswer {
  const input = JSON.stringify(call.input);
  let asked: Asked | undefined;
  // Started, or the call was made before it could be: either way nothing more to work out ahead.
  let over = false;
  return {
    async start() {
      if (over) return;
      over = true;
      // The stamp before the reads: a write that lands while they run makes the answer stale, never trusted.
      asked = { stamp: ledgerStamp(ctx), at: ctx.now(), answer: dispatch(call.method, call.input) };
      await asked.answer;
    },
    async dispatch(method, given) {
      if (method !== call.method || JSON.stringify(given ?? {}) !== input) return dispatch(method, given);
      over = true;
      const a = asked;
      asked = undefined;
      if (a) {
        const result = await a.answer;
        if (ledgerStamp(ctx) === a.stamp && ctx.now() - a.at < FIRST_ANSWER_MAX_AGE_MS) return result;
      }
      return dispatch(method, given);
    },
  };
}
