/**
 * Rule 2, right-sizing: an expensive model answering with short outputs where the vendor sells a cheaper
 * sibling (siblings.ts). What-if: the period's usage repriced on the sibling (same route, same tokens).
 */
import { familyOf } from '../../models';
import { priceAt } from '../../pricing/price-book';
import type { Candidate, TipRule } from '../types';
import { CHEAPER_SIBLINGS } from './siblings';
import { cellAggregate, entryOf, fmtInt, groupBy, who } from './util';
import { said } from '../../../i18n/said';

export const SHORT_OUTPUT_PER_REQUEST = 600;
export const RIGHT_SIZING_MIN_REQUESTS = 10;

export const rightSizingRule: TipRule = {
  id: 'right-sizing',
  title: 'Right-size the model',
  detect(input) {
    const out: Candidate[] = [];
    const groups = groupBy(input.cells, (c) => (c.model ? `${c.provider}|${c.model}|${c.route}|${c.project ?? ''}|${c.apiKey ?? ''}` : null));
    for (const [gk, cells] of groups) {
      const first = cells[0]!;
      const requests = cells.reduce((s, c) => s + c.requests, 0);
      const output = cells.reduce((s, c) => s + c.tokens.output, 0);
      if (requests < RIGHT_SIZING_MIN_REQUESTS || output / requests > SHORT_OUTPUT_PER_REQUEST) continue;
      const sibling = (CHEAPER_SIBLINGS[familyOf(first.model!)] ?? []).find(
        (s) => priceAt(input.book, s, first.slices[0]!.start, first.route, 'standard', first.currency ? { currency: first.currency } : {}) !== null,
      );
      if (!sibling) continue;
      const now = entryOf(input, first);
      const alt = entryOf(input, first, sibling);
      if (!now || !alt) continue;
      out.push({
        id: `right-sizing:${gk}`,
        rule: 'right-sizing',
        title: said('engine.tips.sizing.title', { sibling, model: first.model ?? '?', who: who(first) }),
        summary: said('engine.tips.sizing.summary', { requests, perRequest: Math.round(output / requests), vendor: first.vendor ?? '' }),
        cellKeys: cells.map((c) => c.key),
        transform: (_c, parts) => parts.map((p) => ({ ...p, model: sibling })),
        aggregates: cells.map(cellAggregate),
        arithmetic: [
          said('engine.tips.sizing.formulaOutput', { output: fmtInt(output), requests: fmtInt(requests), perRequest: fmtInt(Math.round(output / requests)), threshold: String(SHORT_OUTPUT_PER_REQUEST) }),
          said('engine.tips.sizing.formulaPrices', {
            model: String(first.model),
            input: String(now.prices.input),
            output: String(now.prices.output),
            sibling,
            siblingInput: String(alt.prices.input),
            siblingOutput: String(alt.prices.output),
            currency: alt.currency,
          }),
        ],
        assumptions: [
          said('engine.tips.sizing.assumeSame', { sibling }),
          said('engine.tips.sizing.assumeGroups', { requests: RIGHT_SIZING_MIN_REQUESTS, output: SHORT_OUTPUT_PER_REQUEST }),
        ],
      });
    }
    return out;
  },
};
