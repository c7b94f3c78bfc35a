/**
 * Effective-dated price book and the exact cost estimate of one usage fact.
 *
 * Prices are decimal strings PER MILLION tokens in the entry's own currency. An entry is in force
 * from `effectiveFrom` until the next entry of the same (model, route, currency).
 *
 * A model is priced by its own id only. A dated snapshot that shares its family's price does so because
 * the book holds an entry for it (the build copies the family's history where the vendor states they are
 * the same model, and says so in the entry's evidence); an undeclared snapshot stays unpriced.
 */
import type { ServiceTier, TokenClass, TokenCounts } from '../fact';
import type { CurrencyCode } from '../money';
import { decimalToString, divRound, mulDecimalStrings, parseDecimal } from '../decimal';

import { priceBookSchema, type PriceBook, type PriceEntry, type TokenPrices } from './book-schema';
import { routeFallbacks, routeMatches } from './routes';
import { said, type EngineMessageId, type Said, type SaidValue } from '../../i18n/said';

export {
  mergePriceOverrides,
  PRICED_CLASSES,
  priceBookSchema,
  priceEntrySchema,
  priceOverrideSchema,
  tokenPricesSchema,
  upliftRuleSchema,
  type PriceBook,
  type PriceEntry,
  type PriceOverride,
  type TierPrice,
  type TokenPrices,
  type UpliftRule,
} from './book-schema';
export { bedrockGeoOfRegion, routeFallbacks, routeMatches } from './routes';

export function parseInstant(s: string): number {
  const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(t)) throw new Error(`bad date "${s}"`);
  return t;
}

interface Indexed {
  builtin: Map<string, PriceEntry[]>;
  user: Map<string, PriceEntry[]>;
  /** The user's prices of one service tier, by model and route. */
  userTier: Map<string, PriceEntry[]>;
}
const indexCache = new WeakMap<PriceBook, Indexed>();

function indexOf(book: PriceBook): Indexed {
  let idx = indexCache.get(book);
  if (idx) return idx;
  idx = { builtin: new Map(), user: new Map(), userTier: new Map() };
  for (const e of book.entries) {
    const m = e.origin !== 'user' ? idx.builtin : e.tier ? idx.userTier : idx.user;
    const k = `${e.model}|${e.route}`;
    const list = m.get(k) ?? [];
    list.push(e);
    m.set(k, list);
  }
  for (const m of [idx.builtin, idx.user, idx.userTier])
    for (const list of m.values()) list.sort((a, b) => parseInstant(a.effectiveFrom) - parseInstant(b.effectiveFrom));
  indexCache.set(book, idx);
  return idx;
}


function pick(list: PriceEntry[] | undefined, t: number, currency: string | undefined, user: boolean): PriceEntry | null {
  if (!list) return null;
  const currencies = currency ? [currency] : ['USD', ...new Set(list.map((e) => e.currency))];
  for (const c of currencies) {
    let found: PriceEntry | null = null;
    for (const e of list) {
      if (e.currency !== c || parseInstant(e.effectiveFrom) > t) continue;
      if (user && e.effectiveTo && parseInstant(e.effectiveTo) <= t) continue;
      found = e;
    }
    if (found) return found;
  }
  return null;
}

export interface PriceQuery {
  /** Preferred currency (CNY for a mainland-China account); default USD, else whatever the book has. */
  currency?: CurrencyCode;
}

/**
 * The price in force for `model` at `instant` (epoch ms) on `route`, or null.
 * Looks up the model's own entries on the route, then on its fallbacks with any uplift rule applied;
 * user overrides before built-in entries. `tier` only checks availability: a non-standard tier with no
 * price on the entry gives null.
 */
export function priceAt(
  book: PriceBook,
  model: string,
  instant: number,
  route = 'direct',
  tier: ServiceTier = 'standard',
  query: PriceQuery = {},
): PriceEntry | null {
  const idx = indexOf(book);
  const overlays: PriceEntry[] = [];
  for (const r of routeFallbacks(route)) {
    const k = `${model}|${r}`;
    overlays.push(...tierPrices(idx.userTier.get(k), instant, query.currency, overlays));
    const e = pick(idx.user.get(k), instant, query.currency, true) ?? pick(idx.builtin.get(k), instant, query.currency, false);
    if (!e) continue;
    if (e.withdrawn) return null;
    const found = withTierPrices(r === route ? e : applyUplift(book, e, route, model), overlays);
    if (tier !== 'standard' && !found.tiers?.[tier]) return null;
    return found;
  }
  // Only a user's tier price: the model has no other price on this route.
  const only = overlays[0];
  if (!only || (tier !== 'standard' && !only.tiers?.[tier])) return null;
  return withTierPrices({ ...only, prices: {}, tiers: {} }, overlays);
}

/**
 * Why the book has no price for `model` at `instant` on `route`: none at all, or none yet (usage dated before
 * the model's first listed price on that route or its fallbacks, e.g. a log dated before the model's release).
 */
export function noPriceReason(book: PriceBook, model: string, instant: number, route = 'direct'): Unpriced {
  const idx = indexOf(book);
  let first: string | null = null;
  for (const r of routeFallbacks(route)) {
    for (const e of [...(idx.builtin.get(`${model}|${r}`) ?? []), ...(idx.user.get(`${model}|${r}`) ?? [])]) {
      if (!e.withdrawn && (first === null || parseInstant(e.effectiveFrom) < parseInstant(first))) first = e.effectiveFrom;
    }
  }
  const at = new Date(instant).toISOString();
  const base = `no price for ${model} on ${route} at ${at}`;
  if (first !== null && parseInstant(first) > instant) {
    return unpriced(`${base}: its first price is from ${first}`, 'engine.unpriced.notYet', { model, route, day: { day: at.slice(0, 10) }, first: { day: first.slice(0, 10) } });
  }
  return unpriced(base, 'engine.unpriced.noPrice', { model, route, day: { day: at.slice(0, 10) } });
}

/**
 * Why a fact has no price: the English sentence (kept word for word in `--json` and by scripts) and the
 * same reason as a message of the engine catalog, for the window and the CLI in the user's language.
 */
export interface Unpriced {
  unpriced: string;
  unpricedSaid: Said;
}

export function unpriced(text: string, id: EngineMessageId, values?: Record<string, SaidValue>): Unpriced {
  return { unpriced: text, unpricedSaid: said(id, values) };
}

/** The fact names no model: nothing to look up. */
export const NO_MODEL: Unpriced = unpriced('no model id', 'engine.unpriced.noModel');

/** The user's tier prices in force at `t` on one route, one per tier not already in `have`. */
function tierPrices(list: PriceEntry[] | undefined, t: number, currency: string | undefined, have: readonly PriceEntry[]): PriceEntry[] {
  if (!list) return [];
  const out: PriceEntry[] = [];
  for (const tier of ['batch', 'priority', 'flex'] as const) {
    if (have.some((h) => h.tier === tier)) continue;
    const e = pick(list.filter((x) => x.tier === tier), t, currency, true);
    if (e) out.push(e);
  }
  return out;
}

/** The entry with the user's tier prices in place of its own (in the entry's currency only). */
function withTierPrices(e: PriceEntry, overlays: readonly PriceEntry[]): PriceEntry {
  const mine = overlays.filter((o) => o.currency === e.currency && o.tier && o.tiers?.[o.tier]);
  if (!mine.length) return e;
  const tiers = { ...e.tiers };
  for (const o of mine) tiers[o.tier!] = o.tiers![o.tier!]!;
  return { ...e, tiers, notes: joinNote(e.notes, `${mine.map((o) => o.tier).join(', ')} price: ${mine.map((o) => o.source).join('; ')}`) };
}

function applyUplift(book: PriceBook, found: PriceEntry, route: string, model: string): PriceEntry {
  let e = found;
  // OpenRouter lists one fixed price per provider: a vendor's time-of-day discount does not reach its bill.
  if (route.startsWith('openrouter') && e.tiers?.offPeak) {
    const { offPeak: _dropped, ...rest } = e.tiers;
    e = { ...e, notes: joinNote(e.notes, 'OpenRouter bills a fixed price per provider: no off-peak window') };
    if (Object.keys(rest).length) e.tiers = rest;
    else delete e.tiers;
  }
  const rule = book.upliftRules.find((u) => routeMatches(u.route, route) && (!u.base || u.base.includes(e.route)) && new RegExp(u.modelPattern).test(model));
  if (!rule) return { ...e, notes: joinNote(e.notes, `price of route ${e.route} used for ${route}`) };
  const scale = (p: TokenPrices | undefined): TokenPrices | undefined =>
    p && Object.fromEntries(Object.entries(p).map(([k, v]) => [k, mulDecimalStrings(v, rule.multiplier)]));
  const tiers = e.tiers && {
    ...e.tiers,
    ...(e.tiers.longContext
      ? { longContext: e.tiers.longContext.map((l) => ({ ...l, prices: scale(l.prices)!, ...(l.thinking ? { thinking: scale(l.thinking)! } : {}) })) }
      : {}),
    ...(e.tiers.outputLength ? { outputLength: e.tiers.outputLength.map((o) => ({ ...o, prices: scale(o.prices)! })) } : {}),
    ...(e.tiers.thinking ? { thinking: { prices: scale(e.tiers.thinking.prices)! } } : {}),
    ...(e.tiers.offPeak ? { offPeak: e.tiers.offPeak.map((w) => ({ ...w, prices: scale(w.prices)! })) } : {}),
    ...Object.fromEntries(
      (['batch', 'priority', 'flex'] as const).filter((t) => e.tiers![t]?.prices).map((t) => [t, { ...e.tiers![t], prices: scale(e.tiers![t]!.prices) }]),
    ),
  };
  return {
    ...e,
    route,
    prices: scale(e.prices)!,
    ...(tiers ? { tiers } : {}),
    notes: joinNote(e.notes, `${route} uplift x${rule.multiplier} on ${e.route} (${rule.source})`),
  };
}

function joinNote(a: string | undefined, b: string): string {
  return a ? `${a}; ${b}` : b;
}

/** What estimateCost needs from a fact (FactDraft plus the catalog's canonical model and route). */
export interface CostInput {
  model: string | null;
  /** Epoch ms; `end` (exclusive) lets a bucket that lies wholly in an off-peak window get its price. */
  start: number;
  end?: number;
  tokens: TokenCounts;
  serviceTier: ServiceTier;
  /** '>200k', '200k-1M', '0-200k', '≤ 200k', '> 200k' or null. */
  contextTier: string | null;
  /** The book route (ResolvedModel.route.priceRoute); default 'direct'. */
  route?: string;
  requests: number;
  currency?: CurrencyCode;
}

export interface CostLine {
  tokenClass: TokenClass;
  tokens: number;
  pricePerMillion: string;
  /** Unrounded cost of this line as a decimal string in the entry's currency. */
  amount: string;
}

export type CostEstimate =
  | {
      status: 'priced';
      money: { nano: bigint; currency: CurrencyCode };
      /** `applied`: the entry, then each tier applied, in English; `appliedSaid`: the tiers (not the entry) as messages. */
      breakdown: { entry: PriceEntry; lines: CostLine[]; applied: string[]; appliedSaid: Said[] };
    }
  | { status: 'unpriced'; reason: string; reasonSaid: Said };

const SCALE = 24; // decimals kept in the exact sum before the single rounding

/**
 * Estimate the cost of one fact at the price in force at its own start. Exact: every line is summed
 * as an exact decimal and rounded once (half away from zero) to nano-units. Reasoning tokens are part of
 * output and only priced apart when the entry has a `reasoning` price (then output is charged for
 * output - reasoning). An unknown model, or tokens of a class with no price, is 'unpriced', never 0.
 */
export function estimateCost(fact: CostInput, book: PriceBook): CostEstimate {
  if (!fact.model) return unpricedStatus(NO_MODEL);
  const route = fact.route ?? 'direct';
  const entry = priceAt(book, fact.model, fact.start, route, 'standard', fact.currency ? { currency: fact.currency } : {});
  if (!entry) return unpricedStatus(noPriceReason(book, fact.model, fact.start, route));
  const applied: string[] = [`${entry.model} ${entry.route} ${entry.currency} from ${entry.effectiveFrom}`];
  const appliedSaid: Said[] = [];
  let prices: TokenPrices = { ...entry.prices };

  // Long context: the whole request moves to the tier once the prompt crosses its threshold.
  const lc = entry.tiers?.longContext;
  if (lc?.length) {
    const threshold = contextThreshold(fact);
    const tier = [...lc].sort((a, b) => b.aboveInputTokens - a.aboveInputTokens).find((l) => threshold !== null && threshold > l.aboveInputTokens);
    if (tier) {
      prices = { ...prices, ...tier.prices };
      applied.push(`long context >${tier.aboveInputTokens}`);
      appliedSaid.push(said('engine.price.applied.longContext', { above: tier.aboveInputTokens }));
    }
  }
  // Off-peak windows: only when the whole fact lies inside one window.
  const op = entry.tiers?.offPeak?.find((w) => insideWindow(fact.start, fact.end ?? fact.start, w.startUtc, w.endUtc));
  if (op) {
    prices = { ...prices, ...op.prices };
    applied.push(`off-peak ${op.startUtc}-${op.endUtc} UTC`);
    appliedSaid.push(said('engine.price.applied.offPeak', { start: op.startUtc, end: op.endUtc }));
  }
  if (fact.serviceTier !== 'standard') {
    const t = entry.tiers?.[fact.serviceTier];
    if (!t) return unpricedStatus(noTierPrice(fact.serviceTier, fact.model));
    if (t.prices) prices = { ...prices, ...t.prices };
    else if (t.multiplier) prices = Object.fromEntries(Object.entries(prices).map(([k, v]) => [k, mulDecimalStrings(v, t.multiplier!)]));
    applied.push(`${fact.serviceTier}${t.multiplier ? ` x${t.multiplier}` : ''}`);
    appliedSaid.push(said('engine.price.applied.tier', { tier: fact.serviceTier, x: t.multiplier ? 'yes' : 'no', multiplier: t.multiplier ?? '' }));
  }

  const sum = sumCost(prices, fact.tokens, fact.model);
  if ('unpriced' in sum) return unpricedStatus(sum);
  return { status: 'priced', money: { nano: sum.nano, currency: entry.currency }, breakdown: { entry, lines: sum.lines, applied, appliedSaid } };
}

/**
 * The exact cost of token counts at per-million prices: every line summed as an exact decimal and rounded
 * once (half away from zero) to nano-units. Reasoning tokens are part of output and only priced apart when
 * the prices have a `reasoning` price (then output is charged for output - reasoning). A class with tokens
 * and no price makes the whole sum unpriced, never 0.
 */
/** An estimate's unpriced answer: the English reason and its message. */
export const unpricedStatus = (u: Unpriced): { status: 'unpriced'; reason: string; reasonSaid: Said } => ({ status: 'unpriced', reason: u.unpriced, reasonSaid: u.unpricedSaid });

/** The service tier (batch, flex, priority) has no price for the model. */
export const noTierPrice = (tier: string, model: string): Unpriced => unpriced(`no ${tier} price for ${model}`, 'engine.unpriced.noTier', { tier, model });

/** A token class with tokens has no price. */
export const noClassPrice = (cls: string, model: string, n: number): Unpriced =>
  unpriced(`no ${cls} price for ${model} (${n} tokens)`, 'engine.unpriced.noClass', { tokenClass: cls, model, tokens: { tokens: n } });

export function sumCost(prices: TokenPrices, tokens: TokenCounts, model: string): { nano: bigint; lines: CostLine[] } | Unpriced {
  const reasoningApart = prices.reasoning !== undefined;
  const counts: Array<[TokenClass, number]> = [
    ['input', tokens.input],
    ['cache_read', tokens.cache_read],
    ['cache_write_5m', tokens.cache_write_5m],
    ['cache_write_1h', tokens.cache_write_1h],
    ['output', reasoningApart ? tokens.output - tokens.reasoning : tokens.output],
  ];
  if (reasoningApart) counts.push(['reasoning', tokens.reasoning]);

  const lines: CostLine[] = [];
  let total = 0n; // units at SCALE decimals
  for (const [cls, n] of counts) {
    if (n === 0) continue;
    if (!Number.isSafeInteger(n) || n < 0) return unpriced(`bad ${cls} token count ${n}`, 'engine.unpriced.badCount', { tokenClass: cls, count: String(n) });
    const p = prices[cls];
    if (p === undefined) return noClassPrice(cls, model, n);
    const d = parseDecimal(p);
    // n * price / 1e6, held at SCALE decimals: units = n * d.units * 10^(SCALE - d.scale - 6)
    const shift = SCALE - d.scale - 6;
    if (shift < 0) return unpriced(`price ${p} has too many decimals`, 'engine.unpriced.decimals', { price: p });
    const units = BigInt(n) * d.units * 10n ** BigInt(shift);
    total += units;
    lines.push({ tokenClass: cls, tokens: n, pricePerMillion: p, amount: decimalToString({ units, scale: SCALE }) });
  }
  return { nano: divRound(total, 10n ** BigInt(SCALE - 9)), lines };
}

/** The prompt size the fact's context tier implies, or the per-request prompt for single-request facts. */
function contextThreshold(fact: CostInput): number | null {
  if (fact.contextTier) {
    const t = fact.contextTier.replace(/\s+/g, '').toLowerCase();
    if (/^(≤|<=|0-)/.test(t)) return null;
    const m = /^(?:>|above)?(\d+(?:\.\d+)?)([km]?)/.exec(t);
    if (m) return Math.round(Number(m[1]) * (m[2] === 'm' ? 1e6 : m[2] === 'k' ? 1e3 : 1)) + 1; // '>200k' and '200k-1M' both mean above 200k
    return null;
  }
  if (fact.requests === 1) {
    const p = fact.tokens.input + fact.tokens.cache_read + fact.tokens.cache_write_5m + fact.tokens.cache_write_1h;
    return p;
  }
  return null;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when [start, end) (or the instant start when end == start) lies inside one daily UTC window. */
export function insideWindow(start: number, end: number, startUtc: string, endUtc: string): boolean {
  const day = 86_400_000;
  const ws = minutesOf(startUtc) * 60_000;
  let we = minutesOf(endUtc) * 60_000;
  if (we <= ws) we += day;
  const dayStart = Math.floor(start / day) * day;
  for (const base of [dayStart - day, dayStart]) {
    const a = base + ws;
    const b = base + we;
    if (start >= a && start < b && (end <= start || end <= b)) return true;
  }
  return false;
}

/** Parse a stored book (the built-in JSON or a saved copy), checking every entry. */
export function parsePriceBook(json: unknown): PriceBook {
  return priceBookSchema.parse(json);
}
