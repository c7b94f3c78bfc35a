/** The vendor registry with the user's region edits, and moving a vendor's facts to another region. */
import { saidError } from '../said-error';
import type { VendorRow } from '../../../shared/contract/api/vendors';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import { createVendorRegistry } from '../../../shared/domain/vendors';
import type { EngineContext } from '../context';
import { transaction, type ReadableDb } from '../ledger/db';
import { moveVendorFacts, vendorInLedger } from './facts-store';
import { listVendorRegions, setVendorRegion } from './store';

export function vendorRows(db: ReadableDb): VendorRow[] {
  return createVendorRegistry(listVendorRegions(db))
    .all()
    .map((v) => ({ id: v.id, displayName: v.displayName, country: v.country, region: v.region, regionSource: v.regionSource }));
}

/** Re-assign a vendor's region; the facts of that vendor follow (and their days' derived rows), in one transaction. */
export function setRegion(ctx: EngineContext, input: MethodParsedInput<'vendors.setRegion'>): VendorRow[] {
  const known = createVendorRegistry(listVendorRegions(ctx.db)).get(input.vendor) !== undefined || vendorInLedger(ctx.db, input.vendor);
  // A typo must not create a vendor.
  if (!known) throw saidError('NOT_FOUND', 'engine.error.noVendor', { vendor: input.vendor });
  transaction(ctx.db, () => {
    setVendorRegion(ctx.db, input.vendor, input.region, ctx.now());
    moveVendorFacts(ctx.db, input.vendor, createVendorRegistry(listVendorRegions(ctx.db)).regionOf(input.vendor));
  });
  return vendorRows(ctx.db);
}
