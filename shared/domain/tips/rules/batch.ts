/**
 * Rule 3, batch: keys or projects whose usage is not interactive: mostly at night (22:00-06:00 UTC) or
 * spread flat over the day, judged on the facts whose hour is known (requests, hourly buckets). What-if:
 * their standard-tier usage at the vendor's batch price, where the book has one for that model and route.
 */
import { priceAt } from '../../pricing/price-book';
import { totalTokens } from '../../fact';
import type { Candidate, TipCell, TipRule } from '../types';
import { cellAggregate, fmtInt, groupBy, pct, share, who } from './util';
import { english } from '../../../i18n/english';
import { said } from '../../../i18n/said';

export const NIGHT_HOURS = [22, 23, 0, 1, 2, 3, 4, 5];
export const BATCH_MIN_NIGHT_SHARE = 0.6;
export const BATCH_MIN_TIMED_SHARE = 0.5;
export const BATCH_MIN_TOKENS = 1_000_000;

function batchable(cell: TipCell, book: import('../../pricing/price-book').PriceBook): boolean {
  return (
    cell.model !== null &&
    cell.serviceTier === 'standard' &&
    cell.slices.length > 0 &&
    priceAt(book, cell.model, cell.slices[0]!.start, cell.route, 'batch', cell.currency ? { currency: cell.currency } : {}) !== null
  );
}

export const batchRule: TipRule = {
  id: 'batch',
  title: 'Batch API',
  detect(input) {
    const out: Candidate[] = [];
    const groups = groupBy(input.cells, (c) => (c.apiKey || c.project ? `${c.provider}|${c.apiKey ? `key:${c.apiKey}` : `project:${c.project}`}` : null));
    for (const [gk, cells] of groups) {
      const hours = Array.from({ length: 24 }, (_, h) => cells.reduce((s, c) => s + (c.hourTokens[h] ?? 0), 0));
      const timed = hours.reduce((a, b) => a + b, 0);
      const all = cells.reduce((s, c) => s + totalTokens(c.tokens), 0);
      if (all < BATCH_MIN_TOKENS || timed / all < BATCH_MIN_TIMED_SHARE) continue;
      const night = NIGHT_HOURS.reduce((s, h) => s + hours[h]!, 0);
      const active = hours.filter((n) => n > 0);
      const flat = active.length >= 18 && Math.max(...active) <= 3 * Math.min(...active);
      if (night / timed < BATCH_MIN_NIGHT_SHARE && !flat) continue;
      const eligible = cells.filter((c) => batchable(c, input.book));
      if (eligible.length === 0) continue;
      const subject = who(cells[0]!);
      const label = said('engine.tips.agg.hours', { who: subject });
      out.push({
        id: `batch:${gk}`,
        rule: 'batch',
        title: said('engine.tips.batch.title', { subject, flat: flat ? 'yes' : 'no' }),
        summary: said('engine.tips.batch.summary', { share: share(night, timed), flat: flat ? 'yes' : 'no', hours: active.length }),
        cellKeys: eligible.map((c) => c.key),
        transform: (_c, parts) => parts.map((p) => (p.tier === 'standard' ? { ...p, tier: 'batch' as const } : p)),
        aggregates: [
          { key: gk, label: english(label), said: label, values: Object.fromEntries(hours.map((n, h) => [`${String(h).padStart(2, '0')}h`, fmtInt(n)]).filter(([, n]) => n !== '0')) },
          ...eligible.map(cellAggregate),
        ],
        arithmetic: [said('engine.tips.batch.formula', { night: fmtInt(night), timed: fmtInt(timed), share: pct(night, timed), threshold: String(BATCH_MIN_NIGHT_SHARE * 100) })],
        assumptions: [
          said('engine.tips.batch.assumeNight'),
          said('engine.tips.batch.assumeTier'),
        ],
      });
    }
    return out;
  },
};
