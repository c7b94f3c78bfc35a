/**
 * Keeps the ledger on the user's vendor regions (issue 4, "Vendor registry ... user-editable").
 *
 * `vendors.setRegion` moves the facts already in the ledger (prices-service.ts setRegion). But the import
 * pipeline resolves origin_region with the BUILT-IN registry (import-normalize.ts has no ledger handle),
 * so facts imported after the edit, facts an import revises, and facts an undo puts back from
 * fact_history would land in the built-in region and the dashboard's region split would disagree with
 * the Prices screen. After such a change this hook re-applies the user's regions to the facts that
 * disagree and refreshes those days' rollups, in one transaction, before the host hears 'ledger.changed'
 * (and before budget alerts are evaluated: a budget scoped to a region must see the user's region).
 */
import type { Region } from '../../../shared/domain/fact';
import { all, run, transaction, type WritableDb } from '../db/connection';
import { listVendorRegions } from '../db/repos/prices';
import { refreshRollups } from '../db/repos/rollups';
import { sql } from '../db/sql';
import type { LedgerChangeHook } from './hooks';

/** Set origin_region of every fact of these vendors to the user's region; answers the UTC days changed. */
export function applyVendorRegions(db: WritableDb, regions: Record<string, Region>): string[] {
  const days = new Set<string>();
  for (const [vendor, region] of Object.entries(regions)) {
    const stale = all<{ day: string }>(db, sql`SELECT DISTINCT day FROM usage_facts WHERE vendor = ${vendor} AND origin_region IS NOT ${region}`);
    if (stale.length === 0) continue;
    run(db, sql`UPDATE usage_facts SET origin_region = ${region} WHERE vendor = ${vendor} AND origin_region IS NOT ${region}`);
    for (const d of stale) days.add(d.day);
  }
  return [...days];
}

export const applyUserVendorRegions: LedgerChangeHook = (ctx, reason) => {
  if (reason !== 'import' && reason !== 'undo' && reason !== 'demo') return;
  const regions = listVendorRegions(ctx.db);
  if (Object.keys(regions).length === 0) return;
  transaction(ctx.db, () => {
    const days = applyVendorRegions(ctx.db, regions);
    if (days.length) refreshRollups(ctx.db, days);
  });
};
