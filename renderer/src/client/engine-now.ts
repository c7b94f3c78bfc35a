/**
 * "Now" in the window is the engine's instant (app.info.now, from the engine's clock), never the
 * renderer's own clock: a window served at a fixed instant (TOKENLEDGER_NOW) behaves the same any day.
 */
import { useApp } from './store';

/** The engine's instant in epoch ms; null until app.info has answered. */
export function useEngineNow(): number | null {
  const now = useApp((s) => s.info?.now);
  return now ? Date.parse(now) : null;
}

/** The engine's current UTC day (YYYY-MM-DD); '' until app.info has answered. */
export function useEngineDay(): string {
  const now = useApp((s) => s.info?.now);
  return now ? now.slice(0, 10) : '';
}
