/**
 * The user's side of the price book: overrides and custom models (price_overrides), loaded price
 * sources (price_sources, price_source_entries) and vendor region edits (vendor_regions).
 * The merged book is built in book.ts.
 */
import { priceEntrySchema, type PriceEntry, type PriceOverride, type TokenPrices } from '../../../shared/domain/pricing/price-book';
import type { Region } from '../../../shared/domain/fact';
import { all, get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';

interface OverrideRow {
  id: number;
  model: string;
  route: string;
  currency: string;
  effective_from: string;
  effective_to: string | null;
  prices: string;
  tiers: string | null;
  withdrawn: number;
  note: string | null;
  created_at: number;
}

export interface StoredOverride {
  id: number;
  model: string;
  route: string;
  currency: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  prices: TokenPrices;
  tiers: PriceEntry['tiers'] | null;
  /** Set for a price of one service tier only (stored as no base prices and that one tier). */
  tier: NonNullable<PriceEntry['tier']> | null;
  withdrawn: boolean;
  note: string | null;
  createdAt: number;
}

const SERVICE_TIERS = ['batch', 'priority', 'flex'] as const;

/** The service tier an override prices alone, or null for an ordinary override. */
function tierOnly(prices: TokenPrices, tiers: PriceEntry['tiers'] | null, withdrawn: boolean): StoredOverride['tier'] {
  if (withdrawn || Object.keys(prices).length > 0 || !tiers) return null;
  const keys = Object.keys(tiers);
  const t = SERVICE_TIERS.find((x) => keys.length === 1 && keys[0] === x);
  return t ?? null;
}

function rowToOverride(r: OverrideRow): StoredOverride {
  const prices = JSON.parse(r.prices) as TokenPrices;
  const tiers = r.tiers ? (JSON.parse(r.tiers) as PriceEntry['tiers']) : null;
  return {
    id: r.id,
    model: r.model,
    route: r.route,
    currency: r.currency,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    prices,
    tiers: tiers ?? null,
    tier: tierOnly(prices, tiers ?? null, r.withdrawn === 1),
    withdrawn: r.withdrawn === 1,
    note: r.note,
    createdAt: r.created_at,
  };
}

export function listOverrides(db: ReadableDb, model?: string): StoredOverride[] {
  const where = model ? sql`WHERE model = ${model}` : sql.raw('');
  return all<OverrideRow>(db, sql`SELECT * FROM price_overrides ${where} ORDER BY model, route, currency, effective_from, id`).map(rowToOverride);
}

/** The overrides in the shape mergePriceOverrides() takes. */
export function overridesForBook(db: ReadableDb): PriceOverride[] {
  return listOverrides(db).map((o) => ({
    id: String(o.id),
    model: o.model,
    route: o.route,
    currency: o.currency,
    effectiveFrom: o.effectiveFrom,
    ...(o.effectiveTo ? { effectiveTo: o.effectiveTo } : {}),
    prices: o.prices,
    ...(o.tiers ? { tiers: o.tiers } : {}),
    ...(o.tier ? { tier: o.tier } : {}),
    ...(o.withdrawn ? { withdrawn: true } : {}),
    ...(o.note ? { note: o.note } : {}),
    createdOn: new Date(o.createdAt).toISOString().slice(0, 10),
  }));
}

export interface NewOverride {
  model: string;
  route: string;
  currency: string;
  effectiveFrom: string;
  effectiveTo?: string | undefined;
  prices: TokenPrices;
  tiers?: PriceEntry['tiers'] | undefined;
  withdrawn?: boolean | undefined;
  note?: string | undefined;
}

export function insertOverride(db: WritableDb, o: NewOverride, now: number): number {
  return Number(
    run(
      db,
      sql`INSERT INTO price_overrides (model, route, currency, effective_from, effective_to, prices, tiers, withdrawn, note, created_at)
          VALUES (${o.model}, ${o.route}, ${o.currency}, ${o.effectiveFrom}, ${o.effectiveTo ?? null}, ${JSON.stringify(o.prices)},
                  ${o.tiers ? JSON.stringify(o.tiers) : null}, ${o.withdrawn ? 1 : 0}, ${o.note ?? null}, ${now})`,
    ).lastInsertRowid,
  );
}

export function getOverride(db: ReadableDb, id: number): StoredOverride | null {
  const r = get<OverrideRow>(db, sql`SELECT * FROM price_overrides WHERE id = ${id}`);
  return r ? rowToOverride(r) : null;
}

export function deleteOverride(db: WritableDb, id: number): boolean {
  return run(db, sql`DELETE FROM price_overrides WHERE id = ${id}`).changes > 0;
}

// ---- loaded sources ---------------------------------------------------------------------------

export interface StoredSource {
  id: number;
  kind: 'litellm' | 'openrouter';
  fileName: string;
  sha256: string;
  checkedOn: string;
  effectiveFrom: string;
  loadedAt: number;
  entries: number;
  heldAccepted: number;
  heldSkipped: number;
  status: 'applied' | 'removed';
}

export function listSources(db: ReadableDb): StoredSource[] {
  return all<Record<string, string | number>>(db, sql`SELECT * FROM price_sources ORDER BY id DESC`).map((r) => ({
    id: r.id as number,
    kind: r.kind as StoredSource['kind'],
    fileName: r.file_name as string,
    sha256: r.sha256 as string,
    checkedOn: r.checked_on as string,
    effectiveFrom: r.effective_from as string,
    loadedAt: r.loaded_at as number,
    entries: r.entries as number,
    heldAccepted: r.held_accepted as number,
    heldSkipped: r.held_skipped as number,
    status: r.status as StoredSource['status'],
  }));
}

export function insertSource(
  db: WritableDb,
  s: Omit<StoredSource, 'id' | 'status' | 'entries'>,
  entries: readonly PriceEntry[],
): number {
  const id = Number(
    run(
      db,
      sql`INSERT INTO price_sources (kind, file_name, sha256, checked_on, effective_from, loaded_at, entries, held_accepted, held_skipped)
          VALUES (${s.kind}, ${s.fileName}, ${s.sha256}, ${s.checkedOn}, ${s.effectiveFrom}, ${s.loadedAt}, ${entries.length}, ${s.heldAccepted}, ${s.heldSkipped})`,
    ).lastInsertRowid,
  );
  const stmt = db.prepare('INSERT OR REPLACE INTO price_source_entries (source_id, model, route, currency, entry) VALUES (?, ?, ?, ?, ?)');
  for (const e of entries) stmt.run(id, e.model, e.route, e.currency, JSON.stringify(e));
  return id;
}

/** `evidence` of an entry that came from a loaded source: 'source#<id>'. */
export const SOURCE_EVIDENCE = 'source#';

/** Entries of the applied sources, oldest source first (a later load wins at equal dates). */
export function sourceEntries(db: ReadableDb): PriceEntry[] {
  return all<{ entry: string; source_id: number }>(
    db,
    sql`SELECT e.entry, e.source_id FROM price_source_entries e JOIN price_sources s ON s.id = e.source_id
        WHERE s.status = 'applied' ORDER BY s.id, e.model, e.route, e.currency`,
  ).map((r) => ({ ...priceEntrySchema.parse(JSON.parse(r.entry)), evidence: `${SOURCE_EVIDENCE}${r.source_id}` }));
}

/** Changes whenever the user's side of the book changes: the merged book is cached on it. */
export function userBookSignature(db: ReadableDb): string {
  const r = get<{ sig: string }>(
    db,
    sql`SELECT (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(created_at), 0) FROM price_overrides) || '/' ||
               (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(CASE status WHEN 'applied' THEN id ELSE 0 END), 0) FROM price_sources) AS sig`,
  );
  return r?.sig ?? '';
}

// ---- vendor regions ---------------------------------------------------------------------------

export function listVendorRegions(db: ReadableDb): Record<string, Region> {
  const out: Record<string, Region> = {};
  for (const r of all<{ vendor: string; region: Region }>(db, sql`SELECT vendor, region FROM vendor_regions ORDER BY vendor`)) out[r.vendor] = r.region;
  return out;
}

export function setVendorRegion(db: WritableDb, vendor: string, region: Region | null, now: number): void {
  if (region === null) run(db, sql`DELETE FROM vendor_regions WHERE vendor = ${vendor}`);
  else
    run(db, sql`INSERT INTO vendor_regions (vendor, region, created_at) VALUES (${vendor}, ${region}, ${now})
                ON CONFLICT (vendor) DO UPDATE SET region = excluded.region, created_at = excluded.created_at`);
}
