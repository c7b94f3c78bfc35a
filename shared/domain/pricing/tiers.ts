/**
 * Tiered prices, request by request and for aggregates.
 *
 * A price entry can carry three kinds of request-level tiers besides its base prices:
 * - input-length bands (`tiers.longContext`): the whole request moves to the band once its prompt
 *   (input + cache reads + cache writes) is above the band's threshold;
 * - output-length sub-tiers of the base band (`tiers.outputLength`): GLM-4.5 charges ¥2/¥8 for a request of at
 *   most 32K prompt tokens and 200 output tokens, ¥3/¥14 once it writes more than 200;
 * - thinking-mode output prices (`tiers.thinking`, and `thinking` on a band): Qwen charges every output token of a
 *   request in thinking mode at the thinking price.
 *
 * One request is priced exactly (priceRequest). A daily or monthly aggregate cannot say which band each of its
 * requests fell in, so estimateAggregate gives a point estimate (the band of the average request, where the
 * aggregate tells it; the base band where it does not) and the range every split of its tokens over the
 * requests could cost (per token class, the cheapest and the dearest price of the bands the totals allow).
 */
import type { TokenCounts, ServiceTier } from '../fact';
import type { CurrencyCode } from '../money';
import { mulDecimalStrings, compareDecimal } from '../decimal';
import { insideWindow, NO_MODEL, noPriceReason, noTierPrice, priceAt, sumCost, unpricedStatus, type CostInput, type CostLine, type PriceBook, type PriceEntry, type TokenPrices, type Unpriced } from './price-book';
import type { Said } from '../../i18n/said';

/** One request's tokens (reasoning is a subset of output, as everywhere in the ledger). */
export type RequestTokens = TokenCounts;

export interface TierOptions {
  /** The request ran in thinking mode. Default: it reported reasoning tokens. */
  thinking?: boolean;
}

/** The prompt of a request: every input-side class. */
export function promptTokens(t: TokenCounts): number {
  return t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h;
}

/** A candidate price set of an entry: the base band, a long-context band, an output sub-tier, thinking or not. */
interface Band {
  label: string;
  prices: TokenPrices;
  /** Prompt range (exclusive low, inclusive high) and output range this band covers. */
  promptAbove: number;
  promptUpTo: number;
  outputAbove: number;
  outputUpTo: number;
  thinking: boolean;
}

const INF = Number.POSITIVE_INFINITY;

/** Every band of an entry, thinking and not (a band without thinking prices is the same in both modes). */
export function bandsOf(entry: Pick<PriceEntry, 'prices' | 'tiers'>): Band[] {
  const lc = [...(entry.tiers?.longContext ?? [])].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
  const firstThreshold = lc[0]?.aboveInputTokens ?? INF;
  const out: Band[] = [];
  const withThinking = (b: Omit<Band, 'thinking'>, thinking: TokenPrices | undefined) => {
    out.push({ ...b, thinking: false });
    out.push(thinking ? { ...b, label: `${b.label}, thinking`, prices: { ...b.prices, ...thinking }, thinking: true } : { ...b, thinking: true });
  };
  const subs = [...(entry.tiers?.outputLength ?? [])].sort((a, b) => a.aboveOutputTokens - b.aboveOutputTokens);
  const baseThinking = entry.tiers?.thinking?.prices;
  if (subs.length === 0) {
    withThinking({ label: lc.length ? `prompt ≤ ${fmt(firstThreshold)}` : 'base', prices: entry.prices, promptAbove: -1, promptUpTo: firstThreshold, outputAbove: -1, outputUpTo: INF }, baseThinking);
  } else {
    // The sub-tiers split the base band by output length; a sub-tier may cover only part of it (inputUpTo).
    const upTo = Math.min(firstThreshold, ...subs.map((s) => s.inputUpTo ?? INF));
    withThinking(
      { label: `prompt ≤ ${fmt(upTo)}, output ≤ ${fmt(subs[0]!.aboveOutputTokens)}`, prices: entry.prices, promptAbove: -1, promptUpTo: upTo, outputAbove: -1, outputUpTo: subs[0]!.aboveOutputTokens },
      baseThinking,
    );
    subs.forEach((s, i) => {
      const next = subs[i + 1]?.aboveOutputTokens ?? INF;
      withThinking(
        { label: `prompt ≤ ${fmt(upTo)}, output > ${fmt(s.aboveOutputTokens)}`, prices: { ...entry.prices, ...s.prices }, promptAbove: -1, promptUpTo: upTo, outputAbove: s.aboveOutputTokens, outputUpTo: next },
        baseThinking,
      );
    });
    if (upTo < firstThreshold) {
      withThinking({ label: `prompt ${fmt(upTo)}-${fmt(firstThreshold)}`, prices: entry.prices, promptAbove: upTo, promptUpTo: firstThreshold, outputAbove: -1, outputUpTo: INF }, baseThinking);
    }
  }
  lc.forEach((l, i) => {
    const next = lc[i + 1]?.aboveInputTokens ?? INF;
    withThinking({ label: `prompt > ${fmt(l.aboveInputTokens)}`, prices: { ...entry.prices, ...l.prices }, promptAbove: l.aboveInputTokens, promptUpTo: next, outputAbove: -1, outputUpTo: INF }, l.thinking);
  });
  return out;
}

function fmt(n: number): string {
  if (n === INF) return '∞';
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}K` : String(n);
}

/** True when an entry has any request-level tier (its price can depend on the request's size or mode). */
export function hasRequestTiers(entry: Pick<PriceEntry, 'tiers'>): boolean {
  const t = entry.tiers;
  return Boolean(t?.longContext?.length || t?.outputLength?.length || t?.thinking || t?.longContext?.some((l) => l.thinking));
}

/** The band one request falls in: its prompt, its output length, its mode. */
export function bandOfRequest(entry: Pick<PriceEntry, 'prices' | 'tiers'>, tokens: RequestTokens, opts: TierOptions = {}): Band {
  const prompt = promptTokens(tokens);
  const thinking = opts.thinking ?? tokens.reasoning > 0;
  const bands = bandsOf(entry);
  return bands.find((b) => b.thinking === thinking && prompt > b.promptAbove && prompt <= b.promptUpTo && tokens.output > b.outputAbove && tokens.output <= b.outputUpTo) ?? bands[0]!;
}

export interface RequestPrice {
  prices: TokenPrices;
  /** The band as words, for the breakdown ("prompt ≤ 32K, output > 200"). */
  band: string;
}

/** The prices that apply to one request under an entry (before service tiers and off-peak windows). */
export function requestPrices(entry: Pick<PriceEntry, 'prices' | 'tiers'>, tokens: RequestTokens, opts: TierOptions = {}): RequestPrice {
  const b = bandOfRequest(entry, tokens, opts);
  return { prices: b.prices, band: b.label };
}

export type TierCost = { status: 'priced'; nano: bigint; currency: CurrencyCode; band: string } | { status: 'unpriced'; reason: string; reasonSaid: Said };

/** The exact cost of one request under an entry at its base service tier. */
export function priceRequest(entry: PriceEntry, tokens: RequestTokens, opts: TierOptions = {}): TierCost {
  const { prices, band } = requestPrices(entry, tokens, opts);
  const sum = sumCost(prices, tokens, entry.model);
  if ('unpriced' in sum) return unpricedStatus(sum);
  return { status: 'priced', nano: sum.nano, currency: entry.currency, band };
}

export interface AggregateEstimate {
  status: 'priced';
  currency: CurrencyCode;
  /** The point estimate (nano): the band of the average request where the aggregate tells it. */
  nano: bigint;
  /** What every split of these tokens over the requests could cost at least and at most (nano). */
  low: bigint;
  high: bigint;
  /** low == high: the aggregate's tokens can only fall in one band. */
  exact: boolean;
  /** The band the point estimate used, and the bands the range spans. */
  band: string;
  bands: string[];
}

/**
 * A point estimate and range for an aggregate of `requests` requests (0: unknown). What the aggregate
 * does not carry is unknown, not zero: a fact with input and no output (a bill that writes input and output on
 * separate lines) says nothing about its requests' output length, and one with output and no prompt nothing
 * about their prompt. Reasoning tokens mean at least one request ran in thinking mode; none means none did.
 */
export function estimateAggregate(entry: PriceEntry, tokens: TokenCounts, requests: number, opts: TierOptions = {}): AggregateEstimate | { status: 'unpriced'; reason: string; reasonSaid: Said } {
  const prompt = promptTokens(tokens);
  const promptKnown = prompt > 0;
  const outputKnown = tokens.output > 0 || prompt === 0;
  const thinkingSome = opts.thinking ?? tokens.reasoning > 0;
  const thinkingAll = opts.thinking ?? false;
  const n = requests > 0 ? requests : null;
  const bands = bandsOf(entry);

  // A band is possible when some request of the aggregate could fall in it.
  const possible = (b: Band): boolean => {
    if (b.thinking ? !thinkingSome : thinkingAll) return false;
    if (promptKnown) {
      if (b.promptAbove >= 0 && prompt <= b.promptAbove) return false; // no single request can exceed the total
      if (b.promptAbove < 0 && n === 1 && prompt > b.promptUpTo) return false;
    }
    if (outputKnown) {
      if (b.outputAbove >= 0 && tokens.output <= b.outputAbove) return false;
      if (b.outputAbove < 0 && n === 1 && tokens.output > b.outputUpTo) return false;
    }
    return true;
  };
  const feasible = bands.filter(possible);
  if (feasible.length === 0) feasible.push(bands[0]!);

  // Point: the average request where known, else the base band.
  const avgPrompt = n && promptKnown ? prompt / n : 0;
  const avgOutput = n && outputKnown && tokens.output > 0 ? tokens.output / n : 0;
  const point =
    feasible.find((b) => b.thinking === thinkingSome && avgPrompt > b.promptAbove && avgPrompt <= b.promptUpTo && avgOutput > b.outputAbove && avgOutput <= b.outputUpTo) ??
    feasible.find((b) => b.thinking === thinkingSome) ??
    feasible[0]!;

  const pointSum = sumCost(point.prices, tokens, entry.model);
  if ('unpriced' in pointSum) return unpricedStatus(pointSum);
  const pick = (cmp: (a: string, b: string) => boolean): TokenPrices => {
    const out: TokenPrices = {};
    for (const b of feasible)
      for (const [cls, p] of Object.entries(b.prices) as Array<[keyof TokenPrices, string]>) {
        const cur = out[cls];
        if (cur === undefined || cmp(p, cur)) out[cls] = p;
      }
    return out;
  };
  const lowSum = sumCost(pick((a, b) => compareDecimal(a, b) < 0), tokens, entry.model);
  const highSum = sumCost(pick((a, b) => compareDecimal(a, b) > 0), tokens, entry.model);
  const low = 'unpriced' in lowSum ? pointSum.nano : lowSum.nano;
  const high = 'unpriced' in highSum ? pointSum.nano : highSum.nano;
  return {
    status: 'priced',
    currency: entry.currency,
    nano: pointSum.nano,
    low: low < pointSum.nano ? low : pointSum.nano,
    high: high > pointSum.nano ? high : pointSum.nano,
    exact: low === high,
    band: point.label,
    bands: [...new Set(feasible.map((b) => b.label))],
  };
}

export type FactEstimate =
  | {
      status: 'priced';
      money: { nano: bigint; currency: CurrencyCode };
      /** Equal to money when the fact is one request, or an aggregate whose tokens fit one band only. */
      range: { low: bigint; high: bigint };
      exact: boolean;
      entry: PriceEntry;
      /** What was applied, in words: entry, band(s), off-peak window, service tier. */
      applied: string[];
      /** The point's amount per token class (unrounded), which sum to money before its one rounding. */
      lines: CostLine[];
    }
  | { status: 'unpriced'; reason: string; reasonSaid: Said };

/** Apply an off-peak window and a service tier to band prices, as estimateCost does. */
function adjust(entry: PriceEntry, prices: TokenPrices, fact: CostInput, applied: string[] | null): TokenPrices | Unpriced {
  let p = prices;
  const op = entry.tiers?.offPeak?.find((w) => insideWindow(fact.start, fact.end ?? fact.start, w.startUtc, w.endUtc));
  if (op) {
    p = { ...p, ...op.prices };
    applied?.push(`off-peak ${op.startUtc}-${op.endUtc} UTC`);
  }
  const tier: ServiceTier = fact.serviceTier;
  if (tier === 'standard') return p;
  const tiered = atServiceTier(entry, p, tier);
  if (!tiered) return noTierPrice(tier, fact.model ?? '');
  const m = entry.tiers?.[tier]?.multiplier;
  applied?.push(`${tier}${m ? ` x${m}` : ''}`);
  return tiered;
}

/**
 * `prices` at a service tier of `entry`: the tier's own prices over them, else them times the tier's
 * multiplier; null when the entry has no price of that tier.
 */
export function atServiceTier(entry: Pick<PriceEntry, 'tiers'>, prices: TokenPrices, tier: ServiceTier): TokenPrices | null {
  if (tier === 'standard') return prices;
  const t = entry.tiers?.[tier];
  if (!t) return null;
  if (t.prices) return { ...prices, ...t.prices };
  if (t.multiplier) return Object.fromEntries(Object.entries(prices).map(([k, v]) => [k, mulDecimalStrings(v, t.multiplier!)]));
  return prices;
}

/** The long-context band an export states for an aggregate ('>200k', '200k-1M'; '≤ 200k' is the base band). */
function statedPrompt(contextTier: string | null): number | null {
  if (!contextTier) return null;
  const t = contextTier.replace(/\s+/g, '').toLowerCase();
  if (/^(≤|<=|0-)/.test(t)) return 0;
  const m = /^(?:>|above)?(\d+(?:\.\d+)?)([km]?)/.exec(t);
  return m ? Math.round(Number(m[1]) * (m[2] === 'm' ? 1e6 : m[2] === 'k' ? 1e3 : 1)) + 1 : null;
}

/**
 * The estimate of one usage fact with its tiers: a single request priced exactly in its band; an aggregate
 * at the band of its average request with the range its tokens allow. A long-context tier the export states
 * (Anthropic's '>200k' rows) fixes the band of every request of the row. Off-peak windows and service tiers
 * apply as in estimateCost; for an entry without request-level tiers the answer is estimateCost's.
 */
export function estimateFact(fact: CostInput & TierOptions, book: PriceBook): FactEstimate {
  if (!fact.model) return unpricedStatus(NO_MODEL);
  const route = fact.route ?? 'direct';
  const entry = priceAt(book, fact.model, fact.start, route, 'standard', fact.currency ? { currency: fact.currency } : {});
  if (!entry) return unpricedStatus(noPriceReason(book, fact.model, fact.start, route));
  const applied = [`${entry.model} ${entry.route} ${entry.currency} from ${entry.effectiveFrom}`];
  const opts: TierOptions = fact.thinking === undefined ? {} : { thinking: fact.thinking };

  const stated = statedPrompt(fact.contextTier);
  const price = (prices: TokenPrices, log: boolean) => {
    const adj = adjust(entry, prices, fact, log ? applied : null);
    if ('unpriced' in adj) return adj;
    return sumCost(adj, fact.tokens, fact.model!);
  };

  if (fact.requests === 1 || stated !== null) {
    // One request, or an aggregate whose prompt band the export states: the band is known (output sub-tiers of a
    // stated aggregate still use its average request).
    const probe = stated !== null ? { ...fact.tokens, input: stated, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0 } : fact.tokens;
    const outputs = fact.requests > 1 ? Math.ceil(fact.tokens.output / fact.requests) : fact.tokens.output;
    const { prices, band } = requestPrices(entry, { ...probe, output: outputs }, opts);
    if (hasRequestTiers(entry)) applied.push(band);
    const sum = price(prices, true);
    if ('unpriced' in sum) return unpricedStatus(sum);
    return { status: 'priced', money: { nano: sum.nano, currency: entry.currency }, range: { low: sum.nano, high: sum.nano }, exact: true, entry, applied, lines: sum.lines };
  }

  const agg = estimateAggregate(entry, fact.tokens, fact.requests, opts);
  if (agg.status === 'unpriced') return agg;
  // Re-price the point, low and high band prices through the off-peak window and service tier.
  const bands = bandsOf(entry).filter((b) => agg.bands.includes(b.label));
  const pointBand = bands.find((b) => b.label === agg.band) ?? bandsOf(entry)[0]!;
  const point = price(pointBand.prices, true);
  if ('unpriced' in point) return unpricedStatus(point);
  let low = point.nano;
  let high = point.nano;
  for (const b of bands) {
    const s = price(b.prices, false);
    if ('unpriced' in s) continue;
    if (s.nano < low) low = s.nano;
    if (s.nano > high) high = s.nano;
  }
  // The per-class bounds of estimateAggregate are wider than any single band's; keep them where no window or tier applies.
  if (fact.serviceTier === 'standard' && !entry.tiers?.offPeak?.length) {
    if (agg.low < low) low = agg.low;
    if (agg.high > high) high = agg.high;
  }
  if (hasRequestTiers(entry)) applied.push(low === high ? agg.band : `average request: ${agg.band}; possible: ${agg.bands.join(' | ')}`);
  return { status: 'priced', money: { nano: point.nano, currency: entry.currency }, range: { low, high }, exact: low === high, entry, applied, lines: point.lines };
}

export interface PriceLookup {
  model: string;
  /** Epoch ms. */
  at: number;
  route?: string;
  currency?: CurrencyCode;
  serviceTier?: ServiceTier;
  /** The request the prices are for: its prompt and output size and mode (default: a small non-thinking one). */
  request?: Partial<TokenCounts>;
  thinking?: boolean;
}

/**
 * The per-million prices that apply to a request of a given shape: the entry in force on the route, the band
 * the request falls in, the service tier. Null when the book has no price (or no price of that tier).
 */
export function pricesFor(book: PriceBook, q: PriceLookup): { prices: TokenPrices; entry: PriceEntry; band: string } | null {
  const tier = q.serviceTier ?? 'standard';
  const entry = priceAt(book, q.model, q.at, q.route ?? 'direct', tier, q.currency ? { currency: q.currency } : {});
  if (!entry) return null;
  const probe: TokenCounts = { input: 1, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0, output: 1, reasoning: 0, ...q.request };
  const { prices, band } = requestPrices(entry, probe, q.thinking === undefined ? {} : { thinking: q.thinking });
  const fact: CostInput = { model: q.model, start: q.at, tokens: probe, serviceTier: tier, contextTier: null, requests: 1 };
  const adj = adjust(entry, prices, fact, null);
  if ('unpriced' in adj) return null;
  return { prices: adj, entry, band };
}
