/**
 * Rule 6, price changes that hit you.
 * - A rise: a model you use whose book price rose (or whose free price ended) inside the period or in the
 *   31 days before it. Its impact is the period's usage at the new price minus at the old one (usage
 *   before the change shows what it will cost from now on). Informational: no saving. A rise the book has
 *   undone by the period's end (the price changed back) no longer holds: no tip.
 * - A cut you are not using yet: another snapshot of the same family (or the family alias) that the book
 *   prices lower on the same route. What-if: the usage on that snapshot.
 */
import { familyOf } from '../../models';
import { parseInstant, priceAt, type PriceEntry } from '../../pricing/price-book';
import { compareDecimal } from '../../decimal';
import { formatAmount } from '../../money';
import { costOfParts, partsOf } from '../cost';
import type { Candidate, TipCell, TipInput, TipRule } from '../types';
import { cellAggregate, groupBy, who } from './util';
import { said } from '../../../i18n/said';

export const RISE_LOOKBACK_DAYS = 31;

/** `a` lists a higher price than `b` for some token class both price. */
function dearer(a: PriceEntry, b: PriceEntry): boolean {
  return (Object.keys(a.prices) as (keyof PriceEntry['prices'])[]).some((k) => {
    const x = a.prices[k];
    const y = b.prices[k];
    return x !== undefined && y !== undefined && compareDecimal(x, y) > 0;
  });
}

/**
 * A part priced as if it began at `t`, keeping its length: a day-long bucket stays a day long, so a
 * time-of-day window (off-peak) that the whole day never fits in is not applied to it at the change.
 */
const movedTo = <P extends { start: number; end: number }>(p: P, t: number): P => ({ ...p, start: t, end: t + Math.max(0, p.end - p.start) });

/** Price rises of the model's entry chain from RISE_LOOKBACK_DAYS before the period to its end, each with its impact. */
function riseCandidates(input: TipInput, gk: string, cells: readonly TipCell[]): Candidate[] {
  const out: Candidate[] = [];
  const from = input.period.start - RISE_LOOKBACK_DAYS * 86_400_000;
  const first = cells[0]!;
  const model = first.model!;
  const q = first.currency ? { currency: first.currency } : {};
  // Distinct effective dates of the entry chain in force for this model/route in the window.
  const changes = new Map<number, PriceEntry>();
  for (let t = from; t < input.period.end; ) {
    const e = priceAt(input.book, model, t, first.route, 'standard', q);
    const next = input.book.entries
      .filter((x) => (x.model === e?.model || x.model === model || x.model === familyOf(model)) && x.route === (e?.route ?? first.route) && (!first.currency || x.currency === first.currency))
      .map((x) => parseInstant(x.effectiveFrom))
      .filter((x) => x > t && x < input.period.end)
      .sort((a, b) => a - b)[0];
    if (next === undefined) break;
    const after = priceAt(input.book, model, next, first.route, 'standard', q);
    if (after && after !== e) changes.set(next, after);
    t = next;
  }
  const atEnd = priceAt(input.book, model, input.period.end - 1, first.route, 'standard', q);
  for (const [at, entry] of changes) {
    const before = priceAt(input.book, model, at - 1, first.route, 'standard', q);
    if (!before) continue;
    // A rise that went back before the period ended (a price changed back) is a premise that ended: no tip.
    if (atEnd && !dearer(atEnd, before)) continue;
    const impact = new Map<string, bigint>();
    let paid = 0n;
    for (const c of cells) {
      const parts = partsOf(c);
      const oldC = costOfParts(parts.map((p) => movedTo(p, at - 1)), input.book, c.currency);
      const newC = costOfParts(parts.map((p) => movedTo(p, at)), input.book, c.currency);
      if (!oldC || !newC || oldC.currency !== newC.currency) continue;
      impact.set(newC.currency, (impact.get(newC.currency) ?? 0n) + newC.nano - oldC.nano);
      const afterParts = parts.filter((p) => p.start >= at);
      const o2 = costOfParts(afterParts.map((p) => movedTo(p, at - 1)), input.book, c.currency);
      const n2 = costOfParts(afterParts.map((p) => movedTo(p, at)), input.book, c.currency);
      if (o2 && n2) paid += n2.nano - o2.nano;
    }
    const total = [...impact.values()].reduce((a, b) => a + b, 0n);
    if (total <= 0n) continue; // a cut lowers what you pay by itself: nothing to do
    const cur = [...impact.keys()][0]!;
    const day = new Date(at).toISOString().slice(0, 16).replace('T', ' ');
    out.push({
      id: `price-change:rise|${gk}|${entry.effectiveFrom}`,
      rule: 'price-change',
      title: said('engine.tips.rise.title', { model, day }),
      summary: said('engine.tips.rise.summary', {
        model,
        route: first.route,
        inBefore: before.prices.input ?? '?',
        inAfter: entry.prices.input ?? '?',
        outBefore: before.prices.output ?? '?',
        outAfter: entry.prices.output ?? '?',
        currency: entry.currency,
        offPeakEnded: before.tiers?.offPeak && !entry.tiers?.offPeak ? 'yes' : 'no',
        total: { amount: formatAmount(total), currency: cur },
        paid: { amount: formatAmount(paid), currency: cur },
      }),
      cellKeys: cells.map((c) => c.key),
      aggregates: cells.map(cellAggregate),
      arithmetic: [
        said('engine.tips.rise.formulaPrices', { oldFrom: String(before.effectiveFrom), oldPrices: JSON.stringify(before.prices), newFrom: String(entry.effectiveFrom), newPrices: JSON.stringify(entry.prices) }),
        said('engine.tips.rise.formulaImpact', { impact: formatAmount(total), currency: cur }),
      ],
      assumptions: [said('engine.tips.rise.assumeRepriced'), said('engine.tips.rise.assumeWindow', { days: RISE_LOOKBACK_DAYS })],
      impact,
    });
  }
  return out;
}

/** A cheaper snapshot of the same family on the same route, when every cell can be priced at it. */
function cheaperSnapshot(input: TipInput, gk: string, cells: readonly TipCell[]): Candidate | null {
  const first = cells[0]!;
  const model = first.model!;
  const q = first.currency ? { currency: first.currency } : {};
  const family = familyOf(model);
  const start = first.slices[0]!.start;
  const options = [...new Set(input.book.entries.filter((x) => x.route === first.route && familyOf(x.model) === family && x.model !== model).map((x) => x.model))];
  let best: { model: string; nano: bigint } | null = null;
  let base: bigint | null = null;
  for (const c of cells) {
    const b = costOfParts(partsOf(c), input.book, c.currency);
    if (!b) {
      base = null;
      break;
    }
    base = (base ?? 0n) + b.nano;
  }
  if (base === null) return null;
  for (const m of options) {
    if (!priceAt(input.book, m, start, first.route, 'standard', q)) continue;
    let n = 0n;
    let ok = true;
    for (const c of cells) {
      const b = costOfParts(partsOf(c).map((p) => ({ ...p, model: m })), input.book, c.currency);
      if (!b) {
        ok = false;
        break;
      }
      n += b.nano;
    }
    if (ok && n < base && (!best || n < best.nano)) best = { model: m, nano: n };
  }
  if (!best) return null;
  const target = best.model;
  const now = priceAt(input.book, model, start, first.route, 'standard', q)!;
  const alt = priceAt(input.book, target, start, first.route, 'standard', q)!;
  return {
    id: `price-change:cut|${gk}|${target}`,
    rule: 'price-change',
    title: said('engine.tips.cut.title', { model, target, family }),
    summary: said('engine.tips.cut.summary', {
      target,
      model,
      route: first.route,
      inAlt: alt.prices.input ?? '?',
      inNow: now.prices.input ?? '?',
      outAlt: alt.prices.output ?? '?',
      outNow: now.prices.output ?? '?',
      currency: alt.currency,
      who: { list: cells.map(who).filter((v, i, a) => a.findIndex((x) => JSON.stringify(x) === JSON.stringify(v)) === i) },
    }),
    cellKeys: cells.map((c) => c.key),
    transform: (_c, parts) => parts.map((p) => ({ ...p, model: target })),
    aggregates: cells.map(cellAggregate),
    arithmetic: [said('engine.tips.cut.formula', { model, from: String(now.effectiveFrom), prices: JSON.stringify(now.prices), target, targetFrom: String(alt.effectiveFrom), targetPrices: JSON.stringify(alt.prices) })],
    assumptions: [said('engine.tips.cut.assume', { target, family })],
  };
}

export const priceChangeRule: TipRule = {
  id: 'price-change',
  title: 'Price changes',
  detect(input) {
    const out: Candidate[] = [];
    const groups = groupBy(input.cells, (c) => (c.model ? `${c.model}|${c.route}|${c.currency ?? ''}` : null));
    for (const [gk, cells] of groups) {
      out.push(...riseCandidates(input, gk, cells));
      const cut = cheaperSnapshot(input, gk, cells);
      if (cut) out.push(cut);
    }
    return out;
  },
};
