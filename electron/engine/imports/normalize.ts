/**
 * The pipeline's normalize step: a FactDraft from an importer becomes a NormalizedFact with the
 * canonical model id, family, vendor, origin region (model catalog) and the price book's estimate.
 *
 * THE SEAM for the catalog and the price book: `resolveCatalog` and `estimate` below are the only
 * places that know about them. A model the catalog does not know keeps a readable id derived from
 * model_raw and is priced only by a user's custom price; otherwise it is 'unpriced' (flagged, never $0).
 *
 * The ledger's side (loaded price sources, price overrides and custom models, vendor regions the user
 * moved) comes in as plain data read inside the import's transaction (LedgerPricing: it crosses to the
 * parser worker), so a committed fact carries the ledger's estimate and region from the start: no
 * second pass after the commit (a crash in between would leave built-in figures behind).
 */
import { billingProvider } from '../../../shared/domain/billing';
import type { FactDraft, NormalizedFact, Region } from '../../../shared/domain/fact';
import type { PriceBook, PriceEntry, PriceOverride } from '../../../shared/domain/pricing/price-book';
import type { VendorRegionOverrides } from '../../../shared/domain/vendors';

import { builtinBook, composeBook, isByok, priceFact, resolveForLedger } from '../../../shared/domain/pricing/price-fact';

/**
 * The user's side of the ledger's price book and vendor registry, as plain (structured-cloneable) data:
 * what pricing/book.ts priceBookFor and pricing/vendors.ts read from the ledger.
 */
export interface LedgerPricing {
  /** Entries of the applied price sources (pricing/store.ts sourceEntries). */
  loaded: PriceEntry[];
  /** The user's overrides and custom models (pricing/store.ts overridesForBook). */
  overrides: PriceOverride[];
  /** vendor -> region the user set (pricing/store.ts listVendorRegions). */
  vendorRegions: VendorRegionOverrides;
}

/** A ledger with no user prices and no moved vendor: the built-in book and registry. */
export const BUILTIN_PRICING: LedgerPricing = Object.freeze({ loaded: [], overrides: [], vendorRegions: {} });

/** What normalizing needs, made once per import: the composed book and the user's vendor regions. */
export interface Normalizer {
  book: PriceBook;
  regions: ReadonlyMap<string, Region>;
}

const normalizers = new WeakMap<LedgerPricing, Normalizer>();

/**
 * The normalizer of one import's LedgerPricing, composed once per LedgerPricing object (the import
 * hands the same object to every file and chunk), never per row. With no user prices the book is the
 * built-in one itself, so pricing.ts's price-entry cache (kept per book object) stays warm across imports;
 * with user prices every row of the import is priced with one composed book, whose entry cache fills
 * once per import.
 */
export function normalizerFor(ledger: LedgerPricing): Normalizer {
  let n = normalizers.get(ledger);
  if (!n) {
    n = { book: composeBook(builtinBook(), ledger.loaded, ledger.overrides), regions: new Map(Object.entries(ledger.vendorRegions)) };
    normalizers.set(ledger, n);
  }
  return n;
}

interface CatalogAnswer {
  model: string;
  family: string | null;
  vendor: string | null;
  originRegion: NormalizedFact['originRegion'];
  /** The price-book route (ResolvedModel.route.priceRoute); 'direct' for a model the catalog does not know. */
  priceRoute: string;
}

/** Fallback canonical id: lower case, no 'vendor/' prefix, no trailing snapshot date. */
export function fallbackModelId(modelRaw: string): string {
  return modelRaw
    .trim()
    .toLowerCase()
    .replace(/^[\w.-]+\//, '')
    .replace(/[-@](20\d{6}|20\d{2}-\d{2}-\d{2})$/, '');
}

/** A catalog answer and the (provider, host, geo) it was found for. */
interface CatalogEntry {
  provider: string;
  /** '' for none, as the key joined from them read it (a null host and an empty one share an answer). */
  host: string;
  geo: string;
  answer: CatalogAnswer;
}

/**
 * Catalog answers per raw model, then (provider, host, geo): a 1M-row file names a handful of models. Looked
 * up by the draft's own strings, not by a key joined from them per row (a string to build and hash per fact).
 */
const catalogCache = new Map<string, CatalogEntry[]>();
let catalogCached = 0;

function resolveCatalog(draft: FactDraft): CatalogAnswer | null {
  if (!draft.modelRaw || !draft.modelRaw.trim()) return null;
  const host = draft.host ?? '';
  const geo = draft.inferenceGeo ?? '';
  let entries = catalogCache.get(draft.modelRaw);
  if (entries) for (const e of entries) if (e.provider === draft.provider && e.host === host && e.geo === geo) return e.answer;
  const r = resolveForLedger(draft.modelRaw, draft.provider, draft.host, draft.inferenceGeo);
  // Unknown to the catalog: keep a readable id so the row is still grouped (and flagged unpriced).
  const answer: CatalogAnswer = r
    ? { model: r.model, family: r.family, vendor: r.vendor, originRegion: r.originRegion, priceRoute: r.route.priceRoute }
    : { model: fallbackModelId(draft.modelRaw), family: null, vendor: null, originRegion: null, priceRoute: 'direct' };
  if (catalogCached > 10_000) {
    catalogCache.clear();
    catalogCached = 0;
    entries = undefined;
  }
  if (!entries) catalogCache.set(draft.modelRaw, (entries = []));
  entries.push({ provider: draft.provider, host, geo, answer });
  catalogCached++;
  return answer;
}

/**
 * The price book's estimate, in the currency of the price that applies (CNY for a mainland-China
 * account). A usage row that states its own cost is estimated too (bills vs estimates compares them);
 * its spend stays its bill. Unpriced usage is 'unpriced' with estimated NULL, never 0 — except a row
 * whose own bill is its spend: nothing is missing from any figure, so it is 'not_applicable' (pricing.ts).
 * `book` is the ledger's (built-in + loaded sources + user overrides, as pricing/book.ts priceBookFor
 * composes it), the same one a later recompute (pricing/recompute.ts) would use.
 */
function estimate(draft: FactDraft, catalog: CatalogAnswer | null, book: PriceBook): Pick<NormalizedFact, 'estimated' | 'priceStatus'> {
  const answer = priceFact(
    {
      lineType: draft.lineType,
      provider: draft.provider,
      model: catalog?.model ?? null,
      route: catalog?.priceRoute ?? 'direct',
      start: draft.start,
      end: draft.end,
      tokens: draft.tokens,
      serviceTier: draft.serviceTier,
      contextTier: draft.contextTier,
      requests: draft.requests,
      billedCurrency: draft.billed?.currency ?? null,
      recordedCurrency: draft.recorded?.currency ?? null,
      byok: isByok(draft.provider, draft.tags),
    },
    book,
  );
  return { estimated: answer.estimated, priceStatus: answer.priceStatus };
}

/**
 * One draft as the ledger stores it. The catalog answer (cached across imports) carries the built-in
 * region; a vendor the user moved takes the user's region, exactly as shared/domain/vendors.ts
 * createVendorRegistry(overrides).regionOf(vendor) would answer (an override wins, else the built-in).
 * `normalizer` defaults to the built-in book and registry (the mapping editor's preview, which writes nothing).
 */
export function normalizeDraft(draft: FactDraft, line: number, normalizer: Normalizer = normalizerFor(BUILTIN_PRICING)): NormalizedFact {
  const catalog = resolveCatalog(draft);
  const vendor = catalog?.vendor ?? null;
  const { estimated, priceStatus } = estimate(draft, catalog, normalizer.book);
  // Every field named (the type requires each, optional ones too): one literal of one shape, not a copy of the draft's
  // properties then more added (a third of the normalize step's own time at 1M rows).
  const fact: { [K in keyof Required<NormalizedFact>]: NormalizedFact[K] } = {
    identity: draft.identity,
    start: draft.start,
    end: draft.end,
    granularity: draft.granularity,
    provider: draft.provider,
    account: draft.account,
    project: draft.project,
    apiKey: draft.apiKey,
    member: draft.member,
    tags: draft.tags,
    modelRaw: draft.modelRaw,
    host: draft.host,
    inferenceGeo: draft.inferenceGeo,
    serviceTier: draft.serviceTier,
    contextTier: draft.contextTier,
    lineType: draft.lineType,
    tokens: draft.tokens,
    requests: draft.requests,
    otherUnits: draft.otherUnits,
    billed: draft.billed,
    line,
    model: catalog?.model ?? null,
    modelFamily: catalog?.family ?? null,
    vendor,
    originRegion: (vendor !== null ? normalizer.regions.get(vendor) : undefined) ?? catalog?.originRegion ?? null,
    estimated,
    priceStatus,
    recorded: draft.recorded ?? null,
    billedBy: billingProvider(draft.provider, draft.host),
    plan: draft.plan ?? null,
  };
  return fact;
}
