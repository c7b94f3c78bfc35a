/**
 * Prices as the user works with them: the list and a model's history, overrides (dry run, then stored
 * and the ledger re-priced in one transaction), loading a LiteLLM / OpenRouter price source with a dry
 * run and the 100x guard, FX rates and vendor regions.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  FxImportResult,
  FxRateRow,
  PriceChangeResult,
  PriceDetail,
  PriceHistoryEntry,
  PriceList,
  PriceModelRow,
  PriceOrigin,
  PriceSourceInfo,
  SourceChange,
  SourceLoadResult,
  TokenPriceMap,
  UnpricedSummary,
  VendorRow,
} from '../../../shared/contract/api/prices';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import type { ServiceTier } from '../../../shared/domain/fact';
import { fxRateProblems, parseFxCsv } from '../../../shared/domain/fx';
import { familyOf, resolveModel } from '../../../shared/domain/models';
import { parseInstant, type PriceBook, type PriceEntry } from '../../../shared/domain/pricing/price-book';
import { diffPriceSources, loadLiteLlmPrices, loadOpenRouterPrices } from '../../../shared/domain/pricing/sources';
import { createVendorRegistry } from '../../../shared/domain/vendors';
import { all, allBig, get, transaction, type ReadableDb } from '../db/connection';
import { deleteFxRate, loadFxTable, upsertFxRates } from '../db/repos/fx';
import {
  SOURCE_EVIDENCE,
  deleteOverride,
  getOverride,
  insertOverride,
  insertSource,
  listSources,
  listVendorRegions,
  overridesForBook,
  setVendorRegion,
  sourceEntries,
} from '../db/repos/prices';
import { refreshRollups } from '../db/repos/rollups';
import { sql } from '../db/sql';
import { EngineError } from '../errors';
import type { EngineContext } from './context';
import { composeBook, priceBookFor } from './prices-book';
import { planRecompute, writeRecompute, type RecomputeScope } from './prices-recompute';
import { builtinBook, priceFact, priceRouteOf } from './pricing';

const todayOf = (ctx: EngineContext) => new Date(ctx.now()).toISOString().slice(0, 10);

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

/** "N tokens on M models have no price": usage whose tokens count and that the book cannot price. */
export function unpricedSummary(db: ReadableDb, book: PriceBook = priceBookFor(db)): UnpricedSummary {
  const rows = allBig<{ model: string; provider: string; tokens: bigint; facts: bigint; model_raw: string | null; host: string | null; start_ms: bigint; tier: string }>(
    db,
    sql`SELECT coalesce(model, model_raw, '(no model)') AS model, provider,
               sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens, count(*) AS facts,
               min(model_raw) AS model_raw, min(host) AS host, min(start_ms) AS start_ms, min(service_tier) AS tier
        FROM usage_facts WHERE price_status = 'unpriced' AND counts_tokens = 1
        GROUP BY 1, 2 ORDER BY 3 DESC, 1`,
  );
  const models = rows.map((r) => {
    const why = priceFact(
      {
        lineType: 'usage',
        provider: r.provider,
        model: r.model === '(no model)' ? null : r.model,
        route: priceRouteOf(r.model_raw, r.provider, r.host),
        start: Number(r.start_ms),
        end: Number(r.start_ms),
        tokens: { input: 1, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0, output: 0, reasoning: 0 },
        serviceTier: r.tier as ServiceTier,
        contextTier: null,
        requests: 1,
        billedCurrency: null,
      },
      book,
    );
    return { model: r.model, provider: r.provider, tokens: Number(r.tokens), facts: Number(r.facts), reason: why.reason ?? 'a token class of these facts has no price' };
  });
  return { tokens: models.reduce((s, m) => s + m.tokens, 0), models };
}

// ---- list and history ---------------------------------------------------------------------------

export function listPrices(db: ReadableDb, input: MethodParsedInput<'prices.list'>, now: number): PriceList {
  const book = priceBookFor(db);
  const factsByModel = new Map(
    all<{ model: string; n: number }>(db, sql`SELECT model, count(*) AS n FROM usage_facts WHERE model IS NOT NULL GROUP BY model`).map((r) => [r.model, r.n]),
  );
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

function tierNames(e: PriceEntry): string[] {
  const t = e.tiers;
  if (!t) return [];
  const out: string[] = [];
  if (t.batch) out.push(`batch${t.batch.multiplier ? ` x${t.batch.multiplier}` : ''}`);
  if (t.priority) out.push('priority');
  if (t.flex) out.push('flex');
  for (const l of t.longContext ?? []) out.push(`above ${l.aboveInputTokens.toLocaleString('en-US')} input tokens`);
  for (const w of t.offPeak ?? []) out.push(`off-peak ${w.startUtc}-${w.endUtc} UTC`);
  return out;
}

export function showPrice(db: ReadableDb, rawModel: string): PriceDetail {
  const book = priceBookFor(db);
  const r = resolveModel(rawModel.trim());
  const model = r?.model ?? rawModel.trim().toLowerCase();
  const ids = [...new Set([model, r?.family ?? familyOf(model)])];
  const entries = book.entries.filter((e) => ids.includes(e.model));
  const ledger = allBig<{ facts: bigint; tokens: bigint | null; unpriced: bigint | null }>(
    db,
    sql`SELECT count(*) AS facts, sum(input + cache_read + cache_write_5m + cache_write_1h + output) AS tokens,
               sum(price_status = 'unpriced') AS unpriced
        FROM usage_facts WHERE model = ${model} AND line_type = 'usage'`,
  )[0]!;
  if (entries.length === 0 && ledger.facts === 0n) {
    throw new EngineError('NOT_FOUND', `No price and no usage for model "${rawModel}". Add one with \`tokenledger prices set ${rawModel} --input <price> --output <price> --currency USD --from YYYY-MM-DD\`.`);
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
        tiers: tierNames(e),
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
    ledger: { facts: Number(ledger.facts), tokens: Number(ledger.tokens ?? 0n), unpricedFacts: Number(ledger.unpriced ?? 0n) },
  };
}

// ---- overrides ----------------------------------------------------------------------------------

/** Facts a change of these models' prices can reach: the models and their dated snapshots (by family). */
function scopeFor(models: readonly string[]): RecomputeScope {
  const ids = [...new Set(models.flatMap((m) => [m, familyOf(m)]))];
  return ids.length > 500 ? {} : { models: ids };
}

export function setPrice(ctx: EngineContext, input: MethodParsedInput<'prices.set'>): PriceChangeResult {
  const r = resolveModel(input.model);
  const model = r?.model ?? input.model.toLowerCase();
  if (input.effectiveTo && parseInstant(input.effectiveTo) <= parseInstant(input.effectiveFrom)) {
    throw new EngineError('VALIDATION', `The price ends (${input.effectiveTo}) before it starts (${input.effectiveFrom}).`);
  }
  const override = {
    model,
    route: input.route,
    currency: input.currency,
    effectiveFrom: input.effectiveFrom,
    effectiveTo: input.effectiveTo,
    prices: input.prices,
    withdrawn: input.withdrawn,
    note: input.note,
  };
  const overrides = overridesForBook(ctx.db);
  const book = composeBook(builtinBook(), sourceEntries(ctx.db), [
    ...overrides,
    { ...override, ...(override.effectiveTo ? {} : { effectiveTo: undefined }), createdOn: todayOf(ctx) } as (typeof overrides)[number],
  ]);
  const plan = planRecompute(ctx.db, book, scopeFor([model]));
  if (input.dryRun) return { applied: false, overrideId: null, recompute: plan.preview };
  const id = transaction(ctx.db, () => {
    const newId = insertOverride(ctx.db, override);
    writeRecompute(ctx.db, plan);
    return newId;
  });
  ctx.emit('ledger.changed', { reason: 'prices' });
  return { applied: true, overrideId: id, recompute: plan.preview };
}

export function unsetPrice(ctx: EngineContext, input: MethodParsedInput<'prices.unset'>): PriceChangeResult {
  const o = getOverride(ctx.db, input.id);
  if (!o) throw new EngineError('NOT_FOUND', `No price override with id ${input.id}.`);
  const book = composeBook(
    builtinBook(),
    sourceEntries(ctx.db),
    overridesForBook(ctx.db).filter((x) => x.id !== String(input.id)),
  );
  const plan = planRecompute(ctx.db, book, scopeFor([o.model]));
  if (input.dryRun) return { applied: false, overrideId: o.id, recompute: plan.preview };
  transaction(ctx.db, () => {
    deleteOverride(ctx.db, input.id);
    writeRecompute(ctx.db, plan);
  });
  ctx.emit('ledger.changed', { reason: 'prices' });
  return { applied: true, overrideId: o.id, recompute: plan.preview };
}

export function recomputeAll(ctx: EngineContext, dryRun: boolean) {
  const plan = planRecompute(ctx.db, priceBookFor(ctx.db));
  if (!dryRun && plan.updates.length) {
    transaction(ctx.db, () => writeRecompute(ctx.db, plan));
    ctx.emit('ledger.changed', { reason: 'prices' });
  }
  return { ...plan.preview, applied: !dryRun };
}

// ---- price sources ------------------------------------------------------------------------------

function readInputFile(input: { path?: string | undefined; file?: { name: string; contentBase64: string } | undefined }): { name: string; bytes: Buffer } {
  if (input.path) {
    try {
      return { name: basename(input.path), bytes: readFileSync(input.path) };
    } catch (err) {
      throw new EngineError('NOT_FOUND', `Cannot read ${input.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  return { name: input.file!.name, bytes: Buffer.from(input.file!.contentBase64, 'base64') };
}

function detectKind(json: unknown, name: string): 'litellm' | 'openrouter' {
  if (json && typeof json === 'object' && Array.isArray((json as { data?: unknown }).data)) return 'openrouter';
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const values = Object.values(json as Record<string, unknown>).slice(0, 50);
    if (values.some((v) => v && typeof v === 'object' && ('litellm_provider' in v || 'input_cost_per_token' in v))) return 'litellm';
  }
  throw new EngineError(
    'UNRECOGNIZED_FILE',
    `${name} is neither a LiteLLM model_prices_and_context_window.json (model -> { input_cost_per_token, ... }) nor an OpenRouter /api/v1/models answer ({ "data": [...] }).`,
  );
}

export const changeKey = (c: { model: string; route: string; currency: string }) => `${c.model}|${c.route}|${c.currency}`;

export function loadSource(ctx: EngineContext, input: MethodParsedInput<'prices.loadSource'>): SourceLoadResult {
  const { name, bytes } = readInputFile(input);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new EngineError('UNRECOGNIZED_FILE', `${name} is not JSON: ${(err as Error).message}`);
  }
  const kind = input.kind ?? detectKind(json, name);
  const effectiveFrom = input.effectiveFrom ?? todayOf(ctx);
  const checkedOn = input.checkedOn ?? todayOf(ctx);
  const opts = { checkedOn, effectiveFrom, source: `${kind === 'litellm' ? 'LiteLLM' : 'OpenRouter'} ${name} loaded ${todayOf(ctx)}` };
  const loaded = kind === 'litellm' ? loadLiteLlmPrices(json, opts) : loadOpenRouterPrices(json, opts);
  if (loaded.entries.length === 0) {
    throw new EngineError('UNRECOGNIZED_FILE', `${name} has no chat model prices the catalog can place (${loaded.unresolved.length} unresolved ids).`);
  }
  const current = priceBookFor(ctx.db).entries.filter((e) => e.origin !== 'user');
  const diff = diffPriceSources(current, loaded.entries);
  const accept = input.acceptHeld;
  const accepted = (key: string) => accept === 'all' || (Array.isArray(accept) && accept.includes(key));
  const changes: SourceChange[] = diff.map((c) => {
    const key = changeKey(c);
    const fields: SourceChange['fields'] = {};
    for (const [k, v] of Object.entries(c.fields)) if (v) fields[k] = [v[0] ?? null, v[1] ?? null];
    return { key, model: c.model, route: c.route, currency: c.currency, kind: c.kind, fields, held: c.held, heldReason: c.heldReason ?? null, applies: !c.held || accepted(key) };
  });
  const applying = diff.filter((c, i) => changes[i]!.applies).map((c) => c.proposed);
  const book = composeBook(builtinBook(), [...sourceEntries(ctx.db), ...applying], overridesForBook(ctx.db));
  const plan = planRecompute(ctx.db, book, scopeFor(applying.map((e) => e.model)));
  const held = changes.filter((c) => c.held);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result: SourceLoadResult = {
    kind,
    file: name,
    sha256,
    effectiveFrom,
    applied: false,
    sourceId: null,
    added: changes.filter((c) => c.kind === 'added' && c.applies).length,
    changed: changes.filter((c) => c.kind === 'changed' && c.applies).length,
    held: held.length,
    heldAccepted: held.filter((c) => c.applies).length,
    unresolved: loaded.unresolved,
    changes,
    recompute: plan.preview,
  };
  if (input.dryRun || applying.length === 0) return result;
  const sourceId = transaction(ctx.db, () => {
    const id = insertSource(
      ctx.db,
      { kind, fileName: name, sha256, checkedOn, effectiveFrom, loadedAt: ctx.now(), heldAccepted: result.heldAccepted, heldSkipped: held.length - result.heldAccepted },
      applying,
    );
    writeRecompute(ctx.db, plan);
    return id;
  });
  ctx.emit('ledger.changed', { reason: 'prices' });
  return { ...result, applied: true, sourceId };
}

export function sourcesInfo(db: ReadableDb): PriceSourceInfo[] {
  return listSources(db).map((s) => ({
    id: s.id,
    kind: s.kind,
    file: s.fileName,
    sha256: s.sha256,
    effectiveFrom: s.effectiveFrom,
    checkedOn: s.checkedOn,
    loadedAt: new Date(s.loadedAt).toISOString(),
    entries: s.entries,
    heldAccepted: s.heldAccepted,
    heldSkipped: s.heldSkipped,
    status: s.status,
  }));
}

// ---- FX and vendors -----------------------------------------------------------------------------

export function fxRows(db: ReadableDb, currency?: string): FxRateRow[] {
  return loadFxTable(db)
    .filter((r) => !currency || r.currency === currency)
    .map((r) => ({ currency: r.currency, date: r.date, perUsd: r.perUsd, source: r.source, origin: r.origin }))
    .sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date));
}

export function importFxCsv(ctx: EngineContext, input: MethodParsedInput<'fx.importCsv'>): FxImportResult {
  const { bytes } = readInputFile(input);
  let parsed;
  try {
    parsed = parseFxCsv(bytes.toString('utf8'));
  } catch (err) {
    throw new EngineError('VALIDATION', (err as Error).message);
  }
  const rates = parsed.rates.map((r) => ({ currency: r.currency, date: r.date, perUsd: r.perUsd, source: r.source, origin: 'user' as const }));
  if (!input.dryRun && rates.length) {
    transaction(ctx.db, () => upsertFxRates(ctx.db, parsed.rates));
    ctx.emit('ledger.changed', { reason: 'settings' });
  }
  return { applied: !input.dryRun && rates.length > 0, rates, skipped: parsed.skipped };
}

export function setFx(ctx: EngineContext, input: MethodParsedInput<'fx.set'>): FxRateRow[] {
  // fx-vendors: a rate of 0 would divide by zero in convert(), and USD is the base every rate is against.
  const problems = fxRateProblems(input, 'rate');
  if (problems.length) throw new EngineError('VALIDATION', `Cannot set this FX rate: ${problems.join('; ')}.`);
  transaction(ctx.db, () => upsertFxRates(ctx.db, [{ currency: input.currency, date: input.date, perUsd: input.perUsd, source: input.source, origin: 'user' }]));
  ctx.emit('ledger.changed', { reason: 'settings' });
  return fxRows(ctx.db, input.currency);
}

export function unsetFx(ctx: EngineContext, input: MethodParsedInput<'fx.unset'>): FxRateRow[] {
  if (!transaction(ctx.db, () => deleteFxRate(ctx.db, input.currency, input.date))) {
    throw new EngineError('NOT_FOUND', `No user FX rate for ${input.currency} on ${input.date} (built-in rates cannot be deleted; override them with a rate of the same date).`);
  }
  ctx.emit('ledger.changed', { reason: 'settings' });
  return fxRows(ctx.db, input.currency);
}

export function vendorRows(db: ReadableDb): VendorRow[] {
  return createVendorRegistry(listVendorRegions(db))
    .all()
    .map((v) => ({ id: v.id, displayName: v.displayName, country: v.country, region: v.region, regionSource: v.regionSource }));
}

/** Re-assign a vendor's region; the facts of that vendor follow (and their days' rollups), in one transaction. */
export function setRegion(ctx: EngineContext, input: MethodParsedInput<'vendors.setRegion'>): VendorRow[] {
  const known =
    createVendorRegistry(listVendorRegions(ctx.db)).get(input.vendor) !== undefined ||
    get<{ one: number }>(ctx.db, sql`SELECT 1 AS one FROM usage_facts WHERE vendor = ${input.vendor} LIMIT 1`) !== undefined;
  if (!known) throw new EngineError('NOT_FOUND', `No vendor "${input.vendor}" in the registry or the ledger; vendors.list names them.`);
  transaction(ctx.db, () => {
    setVendorRegion(ctx.db, input.vendor, input.region);
    const region = createVendorRegistry(listVendorRegions(ctx.db)).regionOf(input.vendor);
    const days = all<{ day: string }>(ctx.db, sql`SELECT DISTINCT day FROM usage_facts WHERE vendor = ${input.vendor} AND coalesce(origin_region, '') <> ${region}`).map((d) => d.day);
    ctx.db.prepare('UPDATE usage_facts SET origin_region = ? WHERE vendor = ?').run(region, input.vendor);
    if (days.length) refreshRollups(ctx.db, days);
  });
  ctx.emit('ledger.changed', { reason: 'settings' });
  return vendorRows(ctx.db);
}
