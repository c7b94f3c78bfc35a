/**
 * Rule 4, off-peak: a vendor that discounts a daily window (DeepSeek's 16:30-00:30 UTC in the book).
 * Usage priced at the full rate (outside the window, or of unknown hour) could partly move into it.
 * What-if: half of it runs inside the window, at the window's prices. A window that closed before the
 * period's end is a premise that ended: no tip then.
 */
import { insideWindow, priceAt } from '../../pricing/price-book';
import type { Candidate, Part, TipCell, TipInput, TipRule } from '../types';
import { cellAggregate, entryOf, fmtInt, who } from './util';
import { said } from '../../../i18n/said';

export const OFF_PEAK_MOVABLE_SHARE = { num: 1n, den: 2n };

function windowStart(day: number, startUtc: string): number {
  const [h, m] = startUtc.split(':').map(Number);
  return day + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}

/** The off-peak window the book lists for a cell's model and route at an instant, if any. */
function windowAt(input: TipInput, cell: TipCell, at: number) {
  return priceAt(input.book, cell.model!, at, cell.route, 'standard', cell.currency ? { currency: cell.currency } : {})?.tiers?.offPeak?.[0] ?? null;
}

export const offPeakRule: TipRule = {
  id: 'off-peak',
  title: 'Off-peak hours',
  detect(input) {
    const out: Candidate[] = [];
    for (const cell of input.cells) {
      if (!cell.model || cell.serviceTier !== 'standard') continue;
      const e = entryOf(input, cell);
      const w = e?.tiers?.offPeak?.[0];
      if (!e || !w) continue;
      // The advice holds only while the window does: a window the book no longer lists by the period's end
      // (DeepSeek ended its discount on 2025-09-05) is a premise that ended, so the rule does not fire.
      if (!windowAt(input, cell, input.period.end - 1)) continue;
      const move = (p: Part): Part[] => {
        const at = priceAt(input.book, p.model, p.start, p.route, 'standard', cell.currency ? { currency: cell.currency } : {});
        const win = at?.tiers?.offPeak?.[0];
        if (!win) return [p];
        const dayStart = Math.floor(p.start / 86_400_000) * 86_400_000;
        const ws = windowStart(dayStart, win.startUtc);
        // Already inside the window: nothing to move.
        const wEnd = ws + 60_000;
        if (insideWindow(p.start, p.end, win.startUtc, win.endUtc)) return [p];
        const half = (n: number) => Number((BigInt(n) * OFF_PEAK_MOVABLE_SHARE.num) / OFF_PEAK_MOVABLE_SHARE.den);
        const moved = { ...p.tokens };
        for (const k of Object.keys(moved) as (keyof typeof moved)[]) moved[k] = half(p.tokens[k]);
        const kept = { ...p.tokens };
        for (const k of Object.keys(kept) as (keyof typeof kept)[]) kept[k] = p.tokens[k] - moved[k];
        return [
          { ...p, tokens: kept, requests: p.requests - half(p.requests) },
          { ...p, start: ws, end: wEnd, tokens: moved, requests: half(p.requests) },
        ];
      };
      out.push({
        id: `off-peak:${cell.key}`,
        rule: 'off-peak',
        title: said('engine.tips.offPeak.title', { model: cell.model ?? '?', who: who(cell) }),
        summary: said('engine.tips.offPeak.summary', {
          model: cell.model ?? '?',
          start: w.startUtc,
          end: w.endUtc,
          inOff: w.prices.input ?? '?',
          inFull: e.prices.input ?? '?',
          outOff: w.prices.output ?? '?',
          outFull: e.prices.output ?? '?',
          currency: e.currency,
        }),
        cellKeys: [cell.key],
        transform: (_c, parts) => parts.flatMap(move),
        aggregates: [cellAggregate(cell)],
        arithmetic: [
          said('engine.tips.offPeak.formula', { prompt: fmtInt(cell.tokens.input + cell.tokens.cache_read), output: fmtInt(cell.tokens.output), start: String(w.startUtc), end: String(w.endUtc) }),
        ],
        assumptions: [
          said('engine.tips.offPeak.assumeHalf'),
          said('engine.tips.offPeak.assumeUnknownHour'),
          said('engine.tips.offPeak.assumeWindow', { ended: { day: '2025-09-05' } }),
        ],
      });
    }
    return out;
  },
};
