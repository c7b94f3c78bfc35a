/**
 * The webhook deliveries this process has started and not yet finished. Apart from webhook.ts, which loads
 * node:net and node:dns, so a host that waits for them before closing (every CLI command) loads neither.
 */
const inFlight = new Set<Promise<void>>();

/** Counts a delivery until it settles. */
export function trackDelivery(p: Promise<void>): void {
  inFlight.add(p);
  const done = () => void inFlight.delete(p);
  p.then(done, done);
}

/** Resolves once every delivery started so far (and any retry they scheduled) is done. */
export async function webhooksSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
