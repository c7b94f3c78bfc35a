import type { SyncTimer } from '../../electron/engine';

/** A timer a test fires by hand: no wall clock, no waiting. */
export interface ManualTimer extends SyncTimer {
  /** The interval it was started with; null before start. */
  readonly ms: number | null;
  /** Whether it is running (started, not cancelled). */
  readonly running: boolean;
  /** One tick, finished. */
  tick(): Promise<void>;
}

export function manualTimer(): ManualTimer {
  let run: (() => Promise<void>) | null = null;
  let ms: number | null = null;
  return {
    every(every, r) {
      ms = every;
      run = r;
      return () => {
        run = null;
      };
    },
    get ms() {
      return ms;
    },
    get running() {
      return run !== null;
    },
    tick: async () => {
      if (run) await run();
    },
  };
}
