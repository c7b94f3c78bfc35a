/**
 * Rule 8, reasoning share: reasoning tokens as a share of output per model (and key/project), with the
 * cost of that share. What-if: a lower reasoning effort / thinking budget halves the reasoning tokens.
 */
import { costOfParts, partsOf } from '../cost';
import { formatAmount } from '../../money';
import type { Candidate, TipRule } from '../types';
import { cellAggregate, fmtInt, groupBy, pct, share, who } from './util';
import { said } from '../../../i18n/said';

export const REASONING_MIN_SHARE = 0.5;
export const REASONING_MIN_TOKENS = 10_000;
export const REASONING_CUT = { num: 1n, den: 2n };

export const reasoningShareRule: TipRule = {
  id: 'reasoning-share',
  title: 'Reasoning share',
  detect(input) {
    const out: Candidate[] = [];
    for (const [gk, cells] of groupBy(input.cells, (c) => (c.model ? `${c.provider}|${c.model}|${c.apiKey ?? c.project ?? ''}` : null))) {
      const reasoning = cells.reduce((s, c) => s + c.tokens.reasoning, 0);
      const output = cells.reduce((s, c) => s + c.tokens.output, 0);
      if (reasoning < REASONING_MIN_TOKENS || reasoning / output < REASONING_MIN_SHARE) continue;
      const first = cells[0]!;
      // Cost of the share: the cells priced with and without their reasoning tokens.
      let shareCost = 0n;
      let cur = '';
      for (const c of cells) {
        const a = costOfParts(partsOf(c), input.book, c.currency);
        const b = costOfParts(partsOf(c).map((p) => ({ ...p, tokens: { ...p.tokens, output: p.tokens.output - p.tokens.reasoning, reasoning: 0 } })), input.book, c.currency);
        if (a && b) {
          shareCost += a.nano - b.nano;
          cur = a.currency;
        }
      }
      out.push({
        id: `reasoning-share:${gk}`,
        rule: 'reasoning-share',
        title: said('engine.tips.reasoning.title', { share: share(reasoning, output), model: first.model ?? '?' }),
        summary: said('engine.tips.reasoning.summary', { reasoning, output, who: who(first), costed: cur ? 'yes' : 'no', cost: { amount: formatAmount(shareCost), currency: cur || 'USD' } }),
        cellKeys: cells.map((c) => c.key),
        transform: (_c, parts) =>
          parts.map((p) => {
            const cut = Number((BigInt(p.tokens.reasoning) * REASONING_CUT.num) / REASONING_CUT.den);
            return { ...p, tokens: { ...p.tokens, reasoning: p.tokens.reasoning - cut, output: p.tokens.output - cut } };
          }),
        aggregates: cells.map(cellAggregate),
        arithmetic: [said('engine.tips.reasoning.formula', { reasoning: fmtInt(reasoning), output: fmtInt(output), share: pct(reasoning, output), threshold: String(REASONING_MIN_SHARE * 100) })],
        assumptions: [said('engine.tips.reasoning.assume')],
      });
    }
    return out;
  },
};
