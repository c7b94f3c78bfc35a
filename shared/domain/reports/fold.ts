/**
 * Folding aggregate rows (one per group and currency, as the rollups give them) into the groups a view
 * shows: tokens and counts summed, money kept per native currency (exact), converted only for display.
 */
import { emptyTokens, TOKEN_CLASSES, totalTokens, type TokenCounts } from '../fact';
import { formatAmount } from '../money';
import type { Converter } from './display';

/** One row of an aggregate: a group's keys (and day) in one currency, with the summed measures. */
export interface AggregateRow {
  day: string | null;
  keys: (string | null)[];
  currency: string;
  facts: bigint;
  input: bigint;
  cache_read: bigint;
  cache_write_5m: bigint;
  cache_write_1h: bigint;
  output: bigint;
  reasoning: bigint;
  requests: bigint;
  billed_nano: bigint | null;
  estimated_nano: bigint | null;
  spend_nano: bigint | null;
  unpriced_tokens: bigint;
  unpriced_facts: bigint;
  recorded_nano: bigint | null;
  /** Value at list price of usage a plan includes (never in spend_nano). */
  notional_nano: bigint | null;
}

/** A group being summed: money per native currency, and spend converted day by day as rows are added. */
export interface Acc {
  keys: (string | null)[];
  bucket: string | null;
  tokens: TokenCounts;
  requests: number;
  facts: number;
  billed: Map<string, bigint>;
  estimated: Map<string, bigint>;
  spend: Map<string, bigint>;
  recorded: Map<string, bigint>;
  notional: Map<string, bigint>;
  /** Spend in the display currency: each row converted at its own day's rate as it is added. */
  converted: bigint;
  /** Value included in plans, in the display currency, converted like `converted`. */
  notionalConverted: bigint;
  /** Whether a row in a currency without a rate was added (then the converted figure is not shown). */
  unconvertible: boolean;
  unpricedTokens: number;
  unpricedFacts: number;
}

export function newAcc(keys: (string | null)[], bucket: string | null): Acc {
  return { keys, bucket, tokens: emptyTokens(), requests: 0, facts: 0, billed: new Map(), estimated: new Map(), spend: new Map(), recorded: new Map(), notional: new Map(), converted: 0n, notionalConverted: 0n, unconvertible: false, unpricedTokens: 0, unpricedFacts: 0 };
}

/** Add money in a currency (nothing for null money or the '' currency of rows without any). */
export function addMoney(m: Map<string, bigint>, currency: string, nano: bigint | null): void {
  if (nano === null || currency === '') return;
  m.set(currency, (m.get(currency) ?? 0n) + nano);
}

/**
 * Add a row; with a converter its spend converts at the rate of the row's own day, rounded once for the
 * row. The rows a view converts are the ledger's conversion cells (one day, one currency, one value of
 * every dimension: query-store.ts aggregate with `convertTo`), so any figure is a sum of the same
 * rounded cells whatever it is grouped, filtered or bucketed by.
 */
export function addRow(a: Acc, r: AggregateRow, fx: Converter | null = null): void {
  for (const c of TOKEN_CLASSES) a.tokens[c] += Number(r[c]);
  a.requests += Number(r.requests);
  a.facts += Number(r.facts);
  addMoney(a.billed, r.currency, r.billed_nano);
  addMoney(a.estimated, r.currency, r.estimated_nano);
  addMoney(a.spend, r.currency, r.spend_nano);
  addMoney(a.recorded, r.currency, r.recorded_nano);
  addMoney(a.notional, r.currency, r.notional_nano);
  if (fx && (r.spend_nano !== null || r.notional_nano !== null) && r.currency !== '') {
    // A row already in the display currency converts to itself whatever its day: it may come without one
    // (query-store.ts aggregate: not by day, only the rows to convert come by day).
    const day = r.day ?? (r.currency === fx.currency ? '' : null);
    if (day === null) throw new Error('a converted amount needs its day: read the rows by day');
    const v = r.spend_nano === null ? 0n : fx.one(day, r.currency, r.spend_nano);
    const n = r.notional_nano === null ? 0n : fx.one(day, r.currency, r.notional_nano);
    if (v === null || n === null) a.unconvertible = true;
    else {
      a.converted += v;
      a.notionalConverted += n;
    }
  }
  a.unpricedTokens += Number(r.unpriced_tokens);
  a.unpricedFacts += Number(r.unpriced_facts);
}

/** Fold rows by (bucket, keys): all of a row's keys, or those at the indexes `only` (in that order). */
export function fold(rows: readonly AggregateRow[], bucketOf: (day: string | null) => string | null, fx: Converter | null = null, only?: readonly number[]): Acc[] {
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const bucket = bucketOf(r.day);
    const keys = only ? only.map((i) => r.keys[i] ?? null) : r.keys;
    const k = JSON.stringify([bucket, keys]);
    let a = groups.get(k);
    if (!a) groups.set(k, (a = newAcc(keys, bucket)));
    addRow(a, r, fx);
  }
  return [...groups.values()];
}

/** Every row in one group. */
export function sumAll(rows: readonly AggregateRow[], fx: Converter | null = null): Acc {
  const a = newAcc([], null);
  for (const r of rows) addRow(a, r, fx);
  return a;
}

/** Money per currency as the contract's decimal strings, currencies sorted. */
export function amounts(m: ReadonlyMap<string, bigint>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of [...m.keys()].sort()) out[c] = formatAmount(m.get(c)!);
  return out;
}

/**
 * A group's spend in the display currency: the sum of its converted cells. So a total equals the budget of
 * the same scope and period, the sum of its rows in any grouping, of its day (week, month) buckets and the
 * same range inside a wider view, to the nano.
 */
const converted = (a: Acc, nano: bigint = a.converted) => (a.unconvertible ? null : formatAmount(nano));

/** A group as a view shows it (folded with the view's converter). */
export function groupFigures(a: Acc) {
  return {
    keys: a.keys,
    bucket: a.bucket,
    tokens: a.tokens,
    requests: a.requests,
    facts: a.facts,
    spend: amounts(a.spend),
    billed: amounts(a.billed),
    estimated: amounts(a.estimated),
    recorded: amounts(a.recorded),
    notional: amounts(a.notional),
    spendDisplay: converted(a),
    unpricedTokens: a.unpricedTokens,
  };
}

/** A view's totals (folded with the view's converter): `models` are the models with unpriced usage in it. */
export function totalsFigures(a: Acc, models: string[]) {
  return {
    tokens: a.tokens,
    requests: a.requests,
    billed: amounts(a.billed),
    estimated: amounts(a.estimated),
    recorded: amounts(a.recorded),
    spend: amounts(a.spend),
    notional: amounts(a.notional),
    unpriced: { tokens: a.unpricedTokens, facts: a.unpricedFacts, models },
    facts: a.facts,
    spendDisplay: converted(a),
    notionalDisplay: converted(a, a.notionalConverted),
  };
}

/**
 * Each key's share of a period beside the same key in the comparison period, largest spend first (then
 * most tokens), at most `top` of them. The key: the rows' key at index `key`.
 */
export function shares(rows: readonly AggregateRow[], prevRows: readonly AggregateRow[], fx: Converter, top: number, key = 0) {
  const prevBy = new Map(fold(prevRows, () => null, fx, [key]).map((a) => [a.keys[0] ?? null, a]));
  const list = fold(rows, () => null, fx, [key]).map((a) => {
    const prev = prevBy.get(a.keys[0] ?? null);
    return {
      key: a.keys[0] ?? null,
      spend: amounts(a.spend),
      spendDisplay: converted(a),
      tokens: totalTokens(a.tokens),
      previousSpendDisplay: prev ? converted(prev) : null,
    };
  });
  list.sort((a, b) => Number(b.spendDisplay ?? 0) - Number(a.spendDisplay ?? 0) || b.tokens - a.tokens || String(a.key).localeCompare(String(b.key)));
  return list.slice(0, top);
}
