/** The vendor registry: who makes each model, and the origin region the ledger places their usage in. */
import { z } from 'zod';
import { method } from '../define';

export interface VendorRow {
  id: string;
  displayName: string;
  country: string;
  region: string;
  regionSource: 'builtin' | 'user';
}

export const vendorsApi = {
  /** The vendor registry with each vendor's origin region (built-in or the user's). */
  'vendors.list': method<VendorRow[]>()(z.object({}).strict(), 'Vendors and their regions.'),
  /** Re-assign a vendor's region (null: back to the built-in one); the ledger's facts follow. */
  'vendors.setRegion': method<VendorRow[]>()(
    z.object({ vendor: z.string().min(1).max(100), region: z.enum(['US', 'CN', 'EU', 'other']).nullable() }).strict(),
    "Set a vendor's region.",
  ),
} as const;
