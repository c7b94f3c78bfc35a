/**
 * A fact's money by token class, and the export's cells: one per day, source, model and token class (and
 * the other keys of a row). How a fact's one amount becomes per-class amounts, honestly:
 * - an estimate the price book still gives exactly: each class is its tokens at its list price ('priced per class');
 * - a fact whose tokens are all of one class (a bill with a line per class) or that has no tokens: the whole
 *   amount is that class's ('whole');
 * - one amount for several classes (a bill, a tool's recorded cost, an estimate the book no longer gives):
 *   split by the classes' shares at list price ('split by list price');
 * - several classes and no list price for them: one row of the mixed classes ('not split').
 * Every class is rounded to nano-units and the last class takes the remainder, so a fact's rows sum
 * exactly to its money.
 */
import { divRound } from '../../../shared/domain/decimal';
import type { TokenClass } from '../../../shared/domain/fact';
import type { ClassAmount } from '../../../shared/domain/pricing/price-fact';
import { classNano } from '../../../shared/domain/pricing/price-fact';
import type { CostBasis, FocusFact } from './focus-store';

export type CostAllocation = 'priced per class' | 'whole' | 'split by list price' | 'not split';

/** The token counts a row carries (reasoning is part of output unless its price is apart). */
export interface Counts {
  input: bigint;
  cache_read: bigint;
  cache_write: bigint;
  output: bigint;
  reasoning: bigint;
}

export interface ClassShare {
  /** The token class; 'mixed' for the classes of a fact not split, null for a charge without tokens. */
  tokenClass: TokenClass | 'mixed' | null;
  /** The tokens the row consumed (its class's, all of them for 'mixed'). */
  tokens: bigint;
  counts: Counts;
  nano: bigint;
}

const ZERO: Counts = { input: 0n, cache_read: 0n, cache_write: 0n, output: 0n, reasoning: 0n };

type FactTokens = Pick<FocusFact, 'input' | 'cache_read' | 'cache_write_5m' | 'cache_write_1h' | 'output' | 'reasoning'>;

/** The classes a fact's tokens fall in, in order, with their tokens and counts; reasoning apart when its price is. */
function classesOf(t: FactTokens, reasoningApart: boolean): Array<Omit<ClassShare, 'nano'>> {
  const out: Array<Omit<ClassShare, 'nano'>> = [];
  const add = (tokenClass: TokenClass, tokens: bigint, counts: Partial<Counts>) => {
    if (tokens !== 0n) out.push({ tokenClass, tokens, counts: { ...ZERO, ...counts } });
  };
  add('input', t.input, { input: t.input });
  add('cache_read', t.cache_read, { cache_read: t.cache_read });
  add('cache_write_5m', t.cache_write_5m, { cache_write: t.cache_write_5m });
  add('cache_write_1h', t.cache_write_1h, { cache_write: t.cache_write_1h });
  if (reasoningApart) {
    add('output', t.output - t.reasoning, { output: t.output - t.reasoning });
    add('reasoning', t.reasoning, { output: t.reasoning, reasoning: t.reasoning });
  } else add('output', t.output, { output: t.output, reasoning: t.reasoning });
  return out;
}

/** Amounts that sum exactly to `total`: each class's own, the last class the remainder. */
function withRemainder(amounts: readonly bigint[], total: bigint): bigint[] {
  const out = [...amounts];
  if (out.length === 0) return out;
  const others = out.slice(0, -1).reduce((a, b) => a + b, 0n);
  out[out.length - 1] = total - others;
  return out;
}

export interface FactMoney {
  nano: bigint;
  currency: string;
  basis: CostBasis;
  tokens: FactTokens;
  /** The fact's list-price amounts per class (price-fact.ts classAmounts), null when the book cannot price it. */
  list: { estimate: bigint; currency: string; classes: ClassAmount[] } | null;
}

/** A fact's money split by token class (see the file's comment), and how it was split. */
export function splitByClass(f: FactMoney): { allocation: CostAllocation; shares: ClassShare[] } {
  const reasoningApart = f.list?.classes.some((c) => c.tokenClass === 'reasoning') ?? false;
  const classes = classesOf(f.tokens, reasoningApart);
  if (classes.length === 0) return { allocation: 'whole', shares: [{ tokenClass: null, tokens: 0n, counts: ZERO, nano: f.nano }] };
  const units = f.list ? classes.map((c) => f.list!.classes.find((l) => l.tokenClass === c.tokenClass)?.units) : null;
  const weights = units?.every((u) => u !== undefined) ? (units as bigint[]) : null;
  const shares = (nanos: bigint[]) => classes.map((c, i) => ({ ...c, nano: nanos[i]! }));
  if (weights && f.basis === 'estimated' && f.list!.estimate === f.nano && f.list!.currency === f.currency) {
    return { allocation: 'priced per class', shares: shares(withRemainder(weights.map(classNano), f.nano)) };
  }
  if (classes.length === 1) return { allocation: 'whole', shares: shares([f.nano]) };
  const sum = weights?.reduce((a, b) => a + b, 0n) ?? 0n;
  if (weights && sum > 0n) {
    return { allocation: 'split by list price', shares: shares(withRemainder(weights.map((w) => divRound(f.nano * w, sum)), f.nano)) };
  }
  const counts = classes.reduce<Counts>(
    (a, c) => ({
      input: a.input + c.counts.input,
      cache_read: a.cache_read + c.counts.cache_read,
      cache_write: a.cache_write + c.counts.cache_write,
      output: a.output + c.counts.output,
      reasoning: a.reasoning + c.counts.reasoning,
    }),
    ZERO,
  );
  return { allocation: 'not split', shares: [{ tokenClass: 'mixed', tokens: classes.reduce((a, c) => a + c.tokens, 0n), counts, nano: f.nano }] };
}
