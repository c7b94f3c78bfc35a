/** The engine's clock: what "now" and "today" mean for every handler. */

/** The wall clock, or a fixed instant when TOKENLEDGER_NOW holds one (refused with a clear error otherwise). */
export function clockFromEnv(env: Record<string, string | undefined>): () => number {
  const fixed = env.TOKENLEDGER_NOW;
  if (!fixed) return () => Date.now();
  const at = Date.parse(fixed);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(fixed) || Number.isNaN(at)) {
    throw new Error(`TOKENLEDGER_NOW must be an ISO instant such as 2025-09-15T12:00:00Z, not "${fixed}".`);
  }
  return () => at;
}
