/**
 * The pipeline's normalize step: a FactDraft from an importer becomes a NormalizedFact with the
 * canonical model id, family, vendor, origin region (model catalog) and the price book's estimate.
 *
 * THE SEAM for the catalog and the price book: `resolveCatalog` and `estimate` below are the only
 * places that know about them. A model the catalog does not know keeps a readable id derived from
 * model_raw and is priced only by a user's custom price; otherwise it is 'unpriced' (flagged, never $0).
 */
import type { FactDraft } from '../../../shared/domain/fact';
import type { PriceBook } from '../../../shared/domain/pricing/price-book';
import type { NormalizedFact } from '../db/repos/facts';
import { builtinBook, priceFact, resolveForLedger } from './pricing';

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

/** Catalog answers per (raw model, provider, host, geo): a 1M-row file names a handful of models. */
const catalogCache = new Map<string, CatalogAnswer | null>();

function resolveCatalog(draft: FactDraft): CatalogAnswer | null {
  if (!draft.modelRaw || !draft.modelRaw.trim()) return null;
  const key = `${draft.modelRaw}\u0000${draft.provider}\u0000${draft.host ?? ''}\u0000${draft.inferenceGeo ?? ''}`;
  if (catalogCache.has(key)) return catalogCache.get(key)!;
  const r = resolveForLedger(draft.modelRaw, draft.provider, draft.host, draft.inferenceGeo);
  // Unknown to the catalog: keep a readable id so the row is still grouped (and flagged unpriced).
  const answer: CatalogAnswer = r
    ? { model: r.model, family: r.family, vendor: r.vendor, originRegion: r.originRegion, priceRoute: r.route.priceRoute }
    : { model: fallbackModelId(draft.modelRaw), family: null, vendor: null, originRegion: null, priceRoute: 'direct' };
  if (catalogCache.size > 10_000) catalogCache.clear();
  catalogCache.set(key, answer);
  return answer;
}

/**
 * The price book's estimate, in the currency of the price that applies (CNY for a mainland-China
 * account). A usage row that states its own cost is estimated too (bills vs estimates compares them);
 * its spend stays its bill. Unpriced usage is 'unpriced' with estimated NULL, never 0 — except a row
 * whose own bill is its spend: nothing is missing from any figure, so it is 'not_applicable' (pricing.ts).
 * `book` is the built-in book unless the caller passes the ledger's (built-in + user overrides + loaded
 * sources, see prices-book.ts priceBookFor); facts committed with the built-in book are re-priced with the
 * ledger's book by the 'import' ledger-change hook (prices-hooks.ts) when the ledger has user prices.
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
    },
    book,
  );
  return { estimated: answer.estimated, priceStatus: answer.priceStatus };
}

export function normalizeDraft(draft: FactDraft, line: number, book: PriceBook = builtinBook()): NormalizedFact {
  const catalog = resolveCatalog(draft);
  return {
    ...draft,
    line,
    model: catalog?.model ?? null,
    modelFamily: catalog?.family ?? null,
    vendor: catalog?.vendor ?? null,
    originRegion: catalog?.originRegion ?? null,
    ...estimate(draft, catalog, book),
  };
}
