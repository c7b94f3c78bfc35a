/**
 * Price sources the app can load (pure functions on parsed JSON): LiteLLM's
 * model_prices_and_context_window.json and OpenRouter's GET /api/v1/models. Both give USD per
 * SINGLE token; entries here are per million tokens as exact decimal strings.
 */
import { compareDecimal, decimalFromFloat, shiftDecimal } from '../decimal';
import { resolveModel } from '../models';
import { said, type Said } from '../../i18n/said';
import { PRICED_CLASSES, parseInstant, type PriceEntry, type TokenPrices } from './price-book';

export interface SourceOptions {
  /** Date the source was fetched/checked ('YYYY-MM-DD'). */
  checkedOn: string;
  /** effectiveFrom for proposed entries; the source has no dates of its own. */
  effectiveFrom: string;
  source: string;
}

export interface LoadResult {
  entries: PriceEntry[];
  /** Keys that were chat models with prices but whose maker could not be resolved. */
  unresolved: string[];
}

const perMillion = (x: unknown): string | undefined =>
  typeof x === 'number' && Number.isFinite(x) && x >= 0 ? shiftDecimal(decimalFromFloat(x), 6) : typeof x === 'string' && x !== '' && Number(x) >= 0 ? shiftDecimal(x, 6) : undefined;

function prune(p: Record<string, string | undefined>): TokenPrices {
  const out: TokenPrices = {};
  for (const k of PRICED_CLASSES) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

type Json = Record<string, unknown>;

/** LiteLLM modes whose token prices the book takes (an image model's output is its image tokens). */
const PRICED_MODES = new Set(['chat', 'embedding', 'image_generation']);

/** The token prices of a LiteLLM entry: its own fields, or the first band of a `tiered_pricing` list. */
function hasTokenPrice(v: Json): boolean {
  if (typeof v.input_cost_per_token === 'number') return true;
  const t = v.tiered_pricing;
  return Array.isArray(t) && t.length > 0 && typeof (t[0] as Json).input_cost_per_token === 'number';
}

/**
 * LiteLLM entries with token prices (chat, embedding, image generation) -> proposed entries, one per
 * canonical model and route.
 *
 * Azure: LiteLLM's bare `azure/<model>` key is usually the Global price but for some models the Regional one
 * (`azure/gpt-4o-mini` is $0.165 while `azure/global-standard/gpt-4o-mini` is $0.15). A `global`/`global-standard`
 * key therefore wins for azure-global, and a bare key whose price differs from it, or equals the Data Zone price
 * (Data Zone and Regional both carry the +10 %), is filed as azure-regional.
 */
export function loadLiteLlmPrices(json: unknown, opts: SourceOptions): LoadResult {
  const byKey = new Map<string, { key: string; entry: PriceEntry }>();
  const unresolved: string[] = [];
  const azureBare = new Map<string, { key: string; entry: PriceEntry }>();
  for (const [key, raw] of Object.entries(json as Json)) {
    if (key === 'sample_spec' || key === 'fallback_generalizations' || typeof raw !== 'object' || raw === null) continue;
    const v = raw as Json;
    if (!PRICED_MODES.has(String(v.mode)) || !hasTokenPrice(v)) continue;
    const provider = String(v.litellm_provider ?? '');
    const r = resolveModel(key, { provider });
    if (!r) {
      if (v.mode === 'chat') unresolved.push(key);
      continue;
    }
    const entry = liteLlmEntry(r.model, r.route.priceRoute, v, opts, key);
    if (r.route.priceRoute === 'azure-global' && /^azure\/[^/]+$/.test(key)) {
      azureBare.set(r.model, { key, entry });
      continue;
    }
    keep(byKey, key, r.model, entry);
  }
  for (const [model, bare] of azureBare) {
    const global = byKey.get(`${model}|azure-global`);
    const zone = byKey.get(`${model}|azure-datazone`);
    const same = (a: PriceEntry | undefined) => a && a.prices.input === bare.entry.prices.input && a.prices.output === bare.entry.prices.output;
    const regional = (global && !same(global.entry)) || (!global && same(zone?.entry));
    if (regional) {
      const e = { ...bare.entry, route: 'azure-regional', notes: `LiteLLM's bare key carries the Regional price (${global ? `${global.key} is the Global one` : `it equals the Data Zone key`})` };
      keep(byKey, bare.key, model, e);
    } else if (!global) keep(byKey, bare.key, model, bare.entry);
  }
  const entries = [...byKey.values()].map((x) => x.entry);
  return { entries: sortEntries(entries), unresolved: unresolved.sort() };
}

/** Several keys can name one (model, route): prefer the key that IS the model id, then the shortest. */
function keep(byKey: Map<string, { key: string; entry: PriceEntry }>, key: string, model: string, entry: PriceEntry): void {
  const k = `${model}|${entry.route}`;
  const prev = byKey.get(k);
  const better = !prev || rank(key, model) < rank(prev.key, model) || (rank(key, model) === rank(prev.key, model) && key < prev.key);
  if (better) byKey.set(k, { key, entry });
}

function rank(key: string, model: string): number {
  return (key === model ? 0 : 1) * 1e6 + key.length;
}

function liteLlmEntry(model: string, route: string, raw: Json, opts: SourceOptions, key: string): PriceEntry {
  // A tiered-only entry (DashScope qwen3-max, Volcengine doubao-seed-2.0): its first band is the base.
  const bandsRaw = Array.isArray(raw.tiered_pricing) ? (raw.tiered_pricing as Json[]) : [];
  const v: Json = typeof raw.input_cost_per_token === 'number' ? raw : { ...raw, ...bandsRaw[0] };
  const image = raw.mode === 'image_generation' && typeof raw.output_cost_per_image_token === 'number';
  const prices = prune({
    input: perMillion(v.input_cost_per_token),
    output: perMillion(image ? v.output_cost_per_image_token : raw.mode === 'embedding' ? (v.output_cost_per_token ?? 0) : v.output_cost_per_token),
    cache_read: perMillion(v.cache_read_input_token_cost ?? v.input_cost_per_token_cache_hit),
    cache_write_5m: perMillion(v.cache_creation_input_token_cost),
    cache_write_1h: perMillion(v.cache_creation_input_token_cost_above_1hr),
    reasoning: image || bandsRaw.length ? undefined : perMillion(v.output_cost_per_reasoning_token),
  });
  const tiers: NonNullable<PriceEntry['tiers']> = {};
  for (const t of ['batches', 'priority', 'flex'] as const) {
    const p = prune({
      input: perMillion(v[`input_cost_per_token_${t}`]),
      output: perMillion(v[`output_cost_per_token_${t}`]),
      cache_read: perMillion(v[`cache_read_input_token_cost_${t}`]),
    });
    if (p.input !== undefined || p.output !== undefined) tiers[t === 'batches' ? 'batch' : t] = { prices: p };
  }
  const thresholds = new Set<number>();
  for (const f of Object.keys(v)) {
    const m = /^input_cost_per_token_above_(\d+)k_tokens$/.exec(f);
    if (m) thresholds.add(Number(m[1]) * 1000);
  }
  const longContext: NonNullable<NonNullable<PriceEntry['tiers']>['longContext']> = [...thresholds].sort((a, b) => a - b).map((t) => {
    const s = `above_${t / 1000}k_tokens`;
    return {
      aboveInputTokens: t,
      prices: prune({
        input: perMillion(v[`input_cost_per_token_${s}`]),
        output: perMillion(v[`output_cost_per_token_${s}`]),
        cache_read: perMillion(v[`cache_read_input_token_cost_${s}`]),
        cache_write_5m: perMillion(v[`cache_creation_input_token_cost_${s}`]),
        cache_write_1h: perMillion(v[`cache_creation_input_token_cost_above_1hr_${s}`]),
      }),
    };
  });
  for (const b of bandsRaw.slice(1)) {
    const range = Array.isArray(b.range) ? (b.range as unknown[]) : [];
    const above = typeof range[0] === 'number' ? Math.round(range[0]) : NaN;
    if (!(above > 0)) continue;
    longContext.push({
      aboveInputTokens: above,
      prices: prune({ input: perMillion(b.input_cost_per_token), output: perMillion(b.output_cost_per_token), cache_read: perMillion(b.cache_read_input_token_cost) }),
    });
  }
  // In a tiered entry the reasoning price is the thinking-mode price of all output (DashScope qwen-plus).
  const thinking = (b: Json | undefined) => (b ? perMillion(b.output_cost_per_reasoning_token) : undefined);
  if (bandsRaw.length && thinking(bandsRaw[0])) tiers.thinking = { prices: { output: thinking(bandsRaw[0])! } };
  bandsRaw.slice(1).forEach((b, i) => {
    const t = thinking(b);
    const band = longContext.find((l) => l.aboveInputTokens === Math.round(((b.range as number[]) ?? [])[0] ?? NaN));
    if (t && band && i >= 0) band.thinking = { output: t };
  });
  if (longContext.length) tiers.longContext = longContext.sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
  const notes = [
    image ? `image model: output priced as image output tokens (${perMillion(raw.output_cost_per_image_token)}/M; LiteLLM lists text output at ${perMillion(raw.output_cost_per_token) ?? 'none'}/M)` : null,
    bandsRaw.length ? `tiered by prompt length (${bandsRaw.length} bands from LiteLLM tiered_pricing)` : null,
  ].filter(Boolean);
  return {
    model,
    route,
    currency: 'USD',
    effectiveFrom: opts.effectiveFrom,
    prices,
    ...(Object.keys(tiers).length ? { tiers } : {}),
    origin: 'builtin',
    source: `${opts.source} key ${key}${typeof raw.source === 'string' ? ` (cites ${raw.source})` : ''}`,
    checkedOn: opts.checkedOn,
    evidence: 'litellm_snapshot',
    ...(notes.length ? { notes: notes.join('; ') } : {}),
  };
}

/** OpenRouter /api/v1/models -> proposed entries on route 'openrouter' (`:free` and other variants skipped). */
export function loadOpenRouterPrices(json: unknown, opts: SourceOptions): LoadResult {
  const data = ((json as Json)?.data ?? []) as Json[];
  const entries: PriceEntry[] = [];
  const unresolved: string[] = [];
  for (const m of data) {
    const id = String(m.id ?? '');
    const r = resolveModel(id, { provider: 'openrouter' });
    if (!r || r.route.variant) {
      if (!r) unresolved.push(id);
      continue;
    }
    const p = (m.pricing ?? {}) as Json;
    const prices = prune({
      input: perMillion(p.prompt),
      output: perMillion(p.completion),
      cache_read: perMillion(p.input_cache_read),
      cache_write_5m: perMillion(p.input_cache_write),
      cache_write_1h: perMillion(p.input_cache_write_1h),
      reasoning: p.internal_reasoning !== undefined && p.internal_reasoning !== p.completion ? perMillion(p.internal_reasoning) : undefined,
    });
    const overrides = Array.isArray(p.overrides) ? (p.overrides as Json[]) : [];
    const longContext = overrides
      .filter((o) => typeof o.min_prompt_tokens === 'number')
      .map((o) => ({
        aboveInputTokens: o.min_prompt_tokens as number,
        prices: prune({
          input: perMillion(o.prompt),
          output: perMillion(o.completion),
          cache_read: perMillion(o.input_cache_read),
          cache_write_5m: perMillion(o.input_cache_write),
          cache_write_1h: perMillion(o.input_cache_write_1h),
        }),
      }))
      .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
    entries.push({
      model: r.model,
      route: 'openrouter',
      currency: 'USD',
      effectiveFrom: opts.effectiveFrom,
      prices,
      ...(longContext.length ? { tiers: { longContext } } : {}),
      origin: 'builtin',
      source: `${opts.source} id ${id}`,
      checkedOn: opts.checkedOn,
      evidence: 'openrouter_api',
    });
  }
  return { entries: sortEntries(entries), unresolved: unresolved.sort() };
}

export function sortEntries(entries: PriceEntry[]): PriceEntry[] {
  return [...entries].sort(
    (a, b) =>
      a.model.localeCompare(b.model) ||
      a.route.localeCompare(b.route) ||
      a.currency.localeCompare(b.currency) ||
      parseInstant(a.effectiveFrom) - parseInstant(b.effectiveFrom),
  );
}

export interface PriceChange {
  model: string;
  route: string;
  currency: string;
  kind: 'added' | 'changed';
  /** Per token class: [old, new] per million (undefined when absent). */
  fields: Partial<Record<string, [string | undefined, string | undefined]>>;
  proposed: PriceEntry;
  /** Held for review: a price moved by >= 100x or <= 1/100, or a new chat price above $1000/MTok. */
  held: boolean;
  heldReason?: string;
  /** The same reason as a message of the engine catalog. */
  heldSaid?: Said;
}

/** Absolute sanity bound for a new entry with nothing to compare against (per million tokens, USD). */
export const MAX_PLAUSIBLE_PER_MILLION = '1000';

/**
 * Compare proposed entries with the current book: which (model, route, currency) are new or changed.
 * Each proposed entry is compared with the current entry in force at the proposed effectiveFrom
 * (or the latest one). Unchanged entries are omitted.
 */
export function diffPriceSources(current: readonly PriceEntry[], proposed: readonly PriceEntry[]): PriceChange[] {
  const byKey = new Map<string, PriceEntry[]>();
  for (const e of sortEntries([...current])) {
    const k = `${e.model}|${e.route}|${e.currency}`;
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const out: PriceChange[] = [];
  for (const p of sortEntries([...proposed])) {
    const list = byKey.get(`${p.model}|${p.route}|${p.currency}`);
    const t = parseInstant(p.effectiveFrom);
    const cur = list ? ([...list].reverse().find((e) => parseInstant(e.effectiveFrom) <= t) ?? list[list.length - 1]) : undefined;
    const fields: PriceChange['fields'] = {};
    let held = false;
    let heldReason: string | undefined;
    let heldSaid: Said | undefined;
    for (const cls of PRICED_CLASSES) {
      const a = cur?.prices[cls];
      const b = p.prices[cls];
      if (a === b || (a !== undefined && b !== undefined && compareDecimal(a, b) === 0)) continue;
      fields[cls] = [a, b];
      if (a !== undefined && b !== undefined && !held) {
        const big = compareDecimal(a, '0') > 0 && (compareDecimal(b, shiftDecimal(a, 2)) >= 0 || compareDecimal(b, shiftDecimal(a, -2)) <= 0);
        if (big) {
          held = true;
          heldReason = `${cls} moves from ${a} to ${b} per million (100x or more)`;
          heldSaid = said('engine.price.held.jump', { tokenClass: cls, from: a, to: b });
        }
      }
      if (!cur && b !== undefined && !held && compareDecimal(b, MAX_PLAUSIBLE_PER_MILLION) > 0) {
        held = true;
        heldReason = `${cls} ${b} per million is above ${MAX_PLAUSIBLE_PER_MILLION}`;
        heldSaid = said('engine.price.held.high', { tokenClass: cls, price: b, max: MAX_PLAUSIBLE_PER_MILLION });
      }
    }
    if (Object.keys(fields).length === 0) continue;
    out.push({ model: p.model, route: p.route, currency: p.currency, kind: cur ? 'changed' : 'added', fields, proposed: p, held, ...(heldReason ? { heldReason } : {}), ...(heldSaid ? { heldSaid } : {}) });
  }
  return out;
}
