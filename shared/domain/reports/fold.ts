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
}

/** A group being summed: money per native currency. */
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
  unpricedTokens: number;
  unpricedFacts: number;
}

export function newAcc(keys: (string | null)[], bucket: string | null): Acc {
  return { keys, bucket, tokens: emptyTokens(), requests: 0, facts: 0, billed: new Map(), estimated: new Map(), spend: new Map(), recorded: new Map(), unpricedTokens: 0, unpricedFacts: 0 };
}

/** Add money in a currency (nothing for null money or the '' currency of rows without any). */
export function addMoney(m: Map<string, bigint>, currency: string, nano: bigint | null): void {
  if (nano === null || currency === '') return;
  m.set(currency, (m.get(currency) ?? 0n) + nano);
}

export function addRow(a: Acc, r: AggregateRow): void {
  for (const c of TOKEN_CLASSES) a.tokens[c] += Number(r[c]);
  a.requests += Number(r.requests);
  a.facts += Number(r.facts);
  addMoney(a.billed, r.currency, r.billed_nano);
  addMoney(a.estimated, r.currency, r.estimated_nano);
  addMoney(a.spend, r.currency, r.spend_nano);
  addMoney(a.recorded, r.currency, r.recorded_nano);
  a.unpricedTokens += Number(r.unpriced_tokens);
  a.unpricedFacts += Number(r.unpriced_facts);
}

/** Fold rows by (bucket, keys). */
export function fold(rows: readonly AggregateRow[], bucketOf: (day: string | null) => string | null): Acc[] {
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const bucket = bucketOf(r.day);
    const k = JSON.stringify([bucket, r.keys]);
    let a = groups.get(k);
    if (!a) groups.set(k, (a = newAcc(r.keys, bucket)));
    addRow(a, r);
  }
  return [...groups.values()];
}

/** Every row in one group. */
export function sumAll(rows: readonly AggregateRow[]): Acc {
  const a = newAcc([], null);
  for (const r of rows) addRow(a, r);
  return a;
}

/** Money per currency as the contract's decimal strings, currencies sorted. */
export function amounts(m: ReadonlyMap<string, bigint>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of [...m.keys()].sort()) out[c] = formatAmount(m.get(c)!);
  return out;
}

/** A group as a view shows it. */
export function groupFigures(a: Acc, fx: Converter) {
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
    spendDisplay: fx.display(a.spend),
    unpricedTokens: a.unpricedTokens,
  };
}

/** A view's totals: `models` are the models with unpriced usage in it. */
export function totalsFigures(a: Acc, models: string[], fx: Converter) {
  return {
    tokens: a.tokens,
    requests: a.requests,
    billed: amounts(a.billed),
    estimated: amounts(a.estimated),
    recorded: amounts(a.recorded),
    spend: amounts(a.spend),
    unpriced: { tokens: a.unpricedTokens, facts: a.unpricedFacts, models },
    facts: a.facts,
    spendDisplay: fx.display(a.spend),
  };
}

/**
 * Each key's share of a period beside the same key in the comparison period, largest spend first (then
 * most tokens), at most `top` of them.
 */
export function shares(rows: readonly AggregateRow[], prevRows: readonly AggregateRow[], fx: Converter, top: number) {
  const prevBy = new Map(fold(prevRows, () => null).map((a) => [a.keys[0] ?? null, a]));
  const list = fold(rows, () => null).map((a) => {
    const prev = prevBy.get(a.keys[0] ?? null);
    return {
      key: a.keys[0] ?? null,
      spend: amounts(a.spend),
      spendDisplay: fx.display(a.spend),
      tokens: totalTokens(a.tokens),
      previousSpendDisplay: prev ? fx.display(prev.spend) : null,
    };
  });
  list.sort((a, b) => Number(b.spendDisplay ?? 0) - Number(a.spendDisplay ?? 0) || b.tokens - a.tokens || String(a.key).localeCompare(String(b.key)));
  return list.slice(0, top);
}
