/**
 * The first screen's answer, worked out while the host's window is still loading: a host starts it once the
 * ledger is open (the desktop app as it creates its window, `serve` once it listens). At 10M facts the
 * Overview's first answer costs the engine 0.3-0.6 s of CPU (its code loaded, its statements prepared,
 * SQLite's cache filled); the window needs about as long to start.
 *
 * Nothing is kept here: the Overview keeps what is a function of the ledger alone while the ledger is
 * unchanged (reports/overview.ts, ledger/unchanged.ts), so the window's call gets that part without reading
 * the ledger and works out the rest (the forecast, which reads the clock) at its own instant, warm. A write
 * in between (the desktop app's start-up budget evaluation, the CLI importing) makes the call read again.
 */
import type { Dispatch } from './dispatch';

/** Starts the first screen's call once; later starts do nothing. Resolves once it is answered. */
export function firstAnswer(dispatch: Dispatch, call: { method: string; input: unknown }): () => Promise<void> {
  let started: Promise<void> | undefined;
  return () => (started ??= dispatch(call.method, call.input).then(() => undefined));
}
