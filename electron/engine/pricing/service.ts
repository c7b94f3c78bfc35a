/**
 * The price book as the user reads it: the list (a model's price in force today on its main route, with
 * its footprint in the ledger), a model's history on every route and currency, and the unpriced usage.
 */
import type { PriceDetail, PriceHistoryEntry, PriceList, PriceModelRow, PriceOrigin, TokenPriceMap, UnpricedSummary } from '../../../shared/contract/api/prices';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import type { ServiceTier, TokenCounts } from '../../../shared/domain/fact';
import { familyOf, resolveModel } from '../../../shared/domain/models';
import { parseInstant, type PriceBook, type PriceEntry } from '../../../shared/domain/pricing/price-book';
import { priceFact, priceRouteOf } from '../../../shared/domain/pricing/price-fact';
import { createVendorRegistry } from '../../../shared/domain/vendors';
import { english } from '../../../shared/i18n/english';
import { said, type Said } from '../../../shared/i18n/said';
import { saidError } from '../said-error';
import type { ReadableDb } from '../ledger/db';
import { priceBookFor } from './book';
import { factsPerModel, modelFootprint, unpricedUsage, type UnpricedRow } from './facts-store';
import { listVendorRegions, overridesForBook, SOURCE_EVIDENCE } from './store';

function originOf(e: PriceEntry): PriceOrigin {
  if (e.origin === 'user') return 'user';
  return e.evidence?.startsWith(SOURCE_EVIDENCE) ? 'source' : 'builtin';
}

const ROUTE_RANK = (route: string) => (route === 'direct' ? 0 : route === 'openrouter' ? 1 : route.startsWith('host:') ? 3 : 2);

/** The entry in force at `t` among one (model, route, currency)'s entries (user ones honour effectiveTo). */
function inForce(entries: readonly PriceEntry[], t: number): PriceEntry | null {
  let found: PriceEntry | null = null;
  for (const e of entries) {
    if (parseInstant(e.effectiveFrom) > t) continue;
    if (e.effectiveTo && parseInstant(e.effectiveTo) <= t) continue;
    if (!found || parseInstant(e.effectiveFrom) >= parseInstant(found.effectiveFrom)) found = e;
  }
  return found;
}

// ---- unpriced -----------------------------------------------------------------------------------

/**
 * "N tokens on M models have no price": usage whose tokens count and that the book cannot price (the facts
 * Reconcile counts as unpriced), per model, provider and tier, with the reason the book gives. The one
 * summary of Reconcile, the Prices screen and the Overview's banner; `range` narrows to days.
 */
export const monthRange = (month: string | undefined) => (month ? { from: `${month}-01`, to: `${month}-31` } : {});

/** The unpriced facts' tokens per class, to ask the book why (one input token when they hold none). */
function probeTokens(r: UnpricedRow): TokenCounts {
  const t = { input: Number(r.input), cache_read: Number(r.cache_read), cache_write_5m: Number(r.cache_write_5m), cache_write_1h: Number(r.cache_write_1h), output: Number(r.output), reasoning: 0 };
  return t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h + t.output > 0 ? t : { ...t, input: 1 };
}

export function unpricedSummary(db: ReadableDb, book?: PriceBook, range: { from?: string | undefined; to?: string | undefined } = {}): UnpricedSummary {
  const rows = unpricedUsage(db, range);
  // The book only says why; a ledger with nothing unpriced does not compose it.
  if (rows.length > 0) book ??= priceBookFor(db);
  const models = rows.map((r) => {
    const route = priceRouteOf(r.model_raw, r.provider, r.host, r.inference_geo);
    const why = priceFact(
      {
        lineType: 'usage',
        provider: r.provider,
        model: r.model === '(no model)' ? null : r.model,
        route,
        start: Number(r.start_ms),
        end: Number(r.start_ms),
        // The facts' own tokens per class, so the reason names the class the book lacks a price for
        // ("no cache read price for ..."), not just "some class".
        tokens: probeTokens(r),
        serviceTier: r.tier as ServiceTier,
        contextTier: null,
        requests: 1,
        billedCurrency: null,
      },
      book!,
    );
    return {
      model: r.model,
      provider: r.provider,
      tier: r.tier as ServiceTier,
      route,
      tokens: Number(r.tokens),
      billedTokens: Number(r.billed_tokens),
      facts: Number(r.facts),
      reason: why.reason ?? 'a token class of these facts has no price',
      reasonSaid: why.reasonSaid ?? said('engine.unpriced.someClass'),
    };
  });
  return { tokens: models.reduce((s, m) => s + m.tokens, 0), billedTokens: models.reduce((s, m) => s + m.billedTokens, 0), models };
}

// ---- list and history ---------------------------------------------------------------------------

export function listPrices(db: ReadableDb, input: MethodParsedInput<'prices.list'>, now: number): PriceList {
  const book = priceBookFor(db);
  const factsByModel = factsPerModel(db);
  const byModel = new Map<string, PriceEntry[]>();
  for (const e of book.entries) {
    const list = byModel.get(e.model);
    if (list) list.push(e);
    else byModel.set(e.model, [e]);
  }
  const q = input.search?.trim().toLowerCase();
  const canonical = q ? resolveModel(q)?.model : undefined;
  const vendors = createVendorRegistry(listVendorRegions(db));
  const rows: PriceModelRow[] = [];
  for (const [model, entries] of byModel) {
    if (q && !model.includes(q) && model !== canonical) continue;
    if (input.inLedger && !factsByModel.has(model)) continue;
    const groups = new Map<string, PriceEntry[]>();
    for (const e of entries) {
      if (e.tier) continue; // a user's price of one tier is not the model's price
      const k = `${e.route}|${e.currency}`;
      groups.set(k, [...(groups.get(k) ?? []), e]);
    }
    const current = [...groups.values()]
      .map((g) => inForce(g, now))
      .filter((e): e is PriceEntry => e !== null && !e.withdrawn)
      .sort((a, b) => ROUTE_RANK(a.route) - ROUTE_RANK(b.route) || a.route.localeCompare(b.route) || (a.currency === 'USD' ? -1 : 1));
    const main = current[0];
    if (!main) continue;
    const r = resolveModel(model);
    rows.push({
      model,
      vendor: r?.vendor ?? null,
      region: r ? vendors.regionOf(r.vendor) : null,
      route: main.route,
      currency: main.currency,
      prices: main.prices as TokenPriceMap,
      effectiveFrom: main.effectiveFrom,
      origin: originOf(main),
      routes: groups.size,
      facts: factsByModel.get(model) ?? 0,
    });
  }
  rows.sort((a, b) => b.facts - a.facts || a.model.localeCompare(b.model));
  return { rows: rows.slice(0, input.limit), total: rows.length, unpriced: unpricedSummary(db, book) };
}

/**
 * An entry's tiers as messages (the window and the CLI say them in the reader's language): batch with its
 * multiplier, priority and flex (with their own prices on a tier-only entry), long-context bands, off-peak
 * windows.
 */
function tiersOf(e: PriceEntry): Said[] {
  const t = e.tiers;
  if (!t) return [];
  const named = (tier: 'priority' | 'flex' | 'batch'): Said => {
    const shown = e.tier ? Object.entries(t[tier]?.prices ?? {}) : [];
    if (shown.length === 0) return said('engine.tier', { tier });
    return said('engine.price.tierPrices', {
      tier: said('engine.tier', { tier }),
      prices: { list: shown.map(([tokenClass, price]) => said('engine.price.classPrice', { tokenClass, price })), joined: 'comma' },
    });
  };
  const out: Said[] = [];
  if (t.batch) out.push(e.tier === 'batch' ? named('batch') : said('engine.price.applied.tier', { tier: 'batch', x: t.batch.multiplier ? 'yes' : 'no', multiplier: t.batch.multiplier ?? '' }));
  if (t.priority) out.push(named('priority'));
  if (t.flex) out.push(named('flex'));
  for (const l of t.longContext ?? []) out.push(said('engine.price.applied.longContext', { above: l.aboveInputTokens }));
  for (const w of t.offPeak ?? []) out.push(said('engine.price.applied.offPeak', { start: w.startUtc, end: w.endUtc }));
  return out;
}

const tiersAsSaid = (e: PriceEntry) => {
  const tiersSaid = tiersOf(e);
  return { tiers: tiersSaid.map(english), tiersSaid };
};

export function showPrice(db: ReadableDb, rawModel: string): PriceDetail {
  const book = priceBookFor(db);
  const r = resolveModel(rawModel.trim());
  const model = r?.model ?? rawModel.trim().toLowerCase();
  const ids = [...new Set([model, r?.family ?? familyOf(model)])];
  const entries = book.entries.filter((e) => ids.includes(e.model));
  const ledger = modelFootprint(db, model);
  if (entries.length === 0 && ledger.facts === 0) {
    throw saidError('NOT_FOUND', 'engine.error.noPriceNoUsage', { model: rawModel });
  }
  const groups = new Map<string, PriceEntry[]>();
  for (const e of entries) {
    const k = `${e.model}|${e.route}|${e.currency}|${e.origin}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const overrideIds = new Map(overridesForBook(db).map((o) => [`${o.model}|${o.route}|${o.currency}|${o.effectiveFrom}`, Number(o.id)]));
  const history: PriceHistoryEntry[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => parseInstant(a.effectiveFrom) - parseInstant(b.effectiveFrom));
    sorted.forEach((e, i) => {
      history.push({
        model: e.model,
        route: e.route,
        currency: e.currency,
        effectiveFrom: e.effectiveFrom,
        effectiveTo: e.effectiveTo ?? sorted[i + 1]?.effectiveFrom ?? null,
        prices: e.prices as TokenPriceMap,
        ...tiersAsSaid(e),
        origin: originOf(e),
        withdrawn: e.withdrawn === true,
        source: e.source,
        checkedOn: e.checkedOn,
        overrideId: e.origin === 'user' ? (overrideIds.get(`${e.model}|${e.route}|${e.currency}|${e.effectiveFrom}`) ?? null) : null,
      });
    });
  }
  history.sort(
    (a, b) =>
      (a.model === model ? 0 : 1) - (b.model === model ? 0 : 1) ||
      ROUTE_RANK(a.route) - ROUTE_RANK(b.route) ||
      a.route.localeCompare(b.route) ||
      a.currency.localeCompare(b.currency) ||
      parseInstant(a.effectiveFrom) - parseInstant(b.effectiveFrom) ||
      (a.origin === 'user' ? 1 : 0) - (b.origin === 'user' ? 1 : 0),
  );
  const vendors = createVendorRegistry(listVendorRegions(db));
  return {
    model,
    vendor: r?.vendor ?? null,
    family: r?.family ?? null,
    region: r ? vendors.regionOf(r.vendor) : null,
    history,
    ledger,
  };
}
