/**
 * Vendor registry: who MADE a model (not who served it) and the vendor's home region.
 * Built-in rows are generated from data/pricing/vendors.csv by scripts/build-prices.ts into
 * catalog-data.json; users can re-assign a vendor's region (or add a vendor) with overrides.
 */
import { z } from 'zod';
import { REGIONS, type Region } from './fact';
import catalog from './catalog-data.json';

export interface Vendor {
  id: string;
  displayName: string;
  /** ISO country of the headquarters ("US", "CN", "FR"...). */
  country: string;
  region: Region;
  /** Where the region came from: the built-in list or the user's override. */
  regionSource: 'builtin' | 'user';
}

const regionSchema = z.enum(REGIONS);
const vendorRowSchema = z.object({
  id: z.string().min(1),
  displayName: z.string(),
  country: z.string(),
  region: regionSchema,
});

/** The user's edits: vendor id -> region. Unknown ids add a vendor with that region. */
export const vendorRegionOverridesSchema = z.record(z.string().min(1), regionSchema);
export type VendorRegionOverrides = z.infer<typeof vendorRegionOverridesSchema>;

export const BUILTIN_VENDORS: readonly Vendor[] = z
  .array(vendorRowSchema)
  .parse(catalog.vendors)
  .map((v) => ({ ...v, regionSource: 'builtin' as const }));

export interface VendorRegistry {
  get(id: string): Vendor | undefined;
  /** The vendor's region, or 'other' for an unknown vendor. */
  regionOf(id: string): Region;
  all(): readonly Vendor[];
}

/** Apply user overrides (vendor -> region) on top of a vendor list, returning a new list. */
export function applyVendorOverrides(vendors: readonly Vendor[], overrides: VendorRegionOverrides): Vendor[] {
  const out = new Map<string, Vendor>(vendors.map((v) => [v.id, v]));
  for (const [id, region] of Object.entries(vendorRegionOverridesSchema.parse(overrides))) {
    const base = out.get(id);
    out.set(id, base ? { ...base, region, regionSource: 'user' } : { id, displayName: id, country: '', region, regionSource: 'user' });
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function createVendorRegistry(overrides: VendorRegionOverrides = {}): VendorRegistry {
  const list = applyVendorOverrides(BUILTIN_VENDORS, overrides);
  const byId = new Map(list.map((v) => [v.id, v]));
  return {
    get: (id) => byId.get(id),
    regionOf: (id) => byId.get(id)?.region ?? 'other',
    all: () => list,
  };
}
