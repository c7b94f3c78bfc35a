/**
 * Rule 7, prompt bloat: per key (or project) and model, prompt tokens per request and the input:output
 * ratio both rising against the previous period. What-if: prompts back to last period's size per
 * request (every prompt class scaled down by previous / current).
 */
import type { Candidate, TipCell, TipRule } from '../types';
import { cellAggregate, fmtInt, groupBy, promptTokens, who } from './util';
import { said } from '../../../i18n/said';
import { english } from '../../../i18n/english';

export const BLOAT_MIN_RISE = 0.2;
export const BLOAT_MIN_REQUESTS = 10;

/** An evidence row's label for a whole month ('YYYY-MM'), in the reader's language. */
function monthLabel(month: string) {
  const label = said('engine.tips.agg.month', { month: { month } });
  return { label: english(label), said: label };
}

const keyOf = (c: TipCell) => (c.model && (c.apiKey || c.project) ? `${c.provider}|${c.apiKey ? `key:${c.apiKey}` : `project:${c.project}`}|${c.model}` : null);

function stats(cells: TipCell[]) {
  const requests = cells.reduce((s, c) => s + c.requests, 0);
  const prompt = cells.reduce((s, c) => s + promptTokens(c.tokens), 0);
  const output = cells.reduce((s, c) => s + c.tokens.output, 0);
  return { requests, prompt, output };
}

export const promptBloatRule: TipRule = {
  id: 'prompt-bloat',
  title: 'Prompt bloat',
  detect(input) {
    const out: Candidate[] = [];
    const prev = groupBy(input.previousCells, keyOf);
    for (const [gk, cells] of groupBy(input.cells, keyOf)) {
      const before = prev.get(gk);
      if (!before) continue;
      const now = stats(cells);
      const then = stats(before);
      if (now.requests < BLOAT_MIN_REQUESTS || then.requests < BLOAT_MIN_REQUESTS || now.output === 0 || then.output === 0 || then.prompt === 0) continue;
      // per-request prompt rose by more than BLOAT_MIN_RISE, compared exactly: now.prompt/now.req > (1+r) then.prompt/then.req
      const perReqRise = (now.prompt * then.requests) / (then.prompt * now.requests) - 1;
      const ratioRise = (now.prompt * then.output) / (then.prompt * now.output) - 1;
      if (perReqRise < BLOAT_MIN_RISE || ratioRise < BLOAT_MIN_RISE) continue;
      // scale = (then.prompt / then.requests) / (now.prompt / now.requests)
      const num = BigInt(then.prompt) * BigInt(now.requests);
      const den = BigInt(now.prompt) * BigInt(then.requests);
      const first = cells[0]!;
      const perNow = Math.round(now.prompt / now.requests);
      const perThen = Math.round(then.prompt / then.requests);
      out.push({
        id: `prompt-bloat:${gk}`,
        rule: 'prompt-bloat',
        title: said('engine.tips.bloat.title', { who: who(first), model: first.model ?? '?', rise: { share: Math.round(perReqRise * 100) / 100 } }),
        summary: said('engine.tips.bloat.summary', {
          then: perThen,
          now: perNow,
          previous: { month: input.previous.id },
          period: { month: input.period.id },
          ratioThen: Number((then.prompt / then.output).toFixed(1)),
          ratioNow: Number((now.prompt / now.output).toFixed(1)),
        }),
        cellKeys: cells.map((c) => c.key),
        transform: (_c, parts) =>
          parts.map((p) => ({
            ...p,
            tokens: {
              ...p.tokens,
              input: Number((BigInt(p.tokens.input) * num) / den),
              cache_read: Number((BigInt(p.tokens.cache_read) * num) / den),
              cache_write_5m: Number((BigInt(p.tokens.cache_write_5m) * num) / den),
              cache_write_1h: Number((BigInt(p.tokens.cache_write_1h) * num) / den),
            },
          })),
        aggregates: [
          { key: `${gk}|${input.previous.id}`, ...monthLabel(input.previous.id), values: { requests: fmtInt(then.requests), prompt: fmtInt(then.prompt), output: fmtInt(then.output), 'prompt per request': fmtInt(perThen) } },
          { key: `${gk}|${input.period.id}`, ...monthLabel(input.period.id), values: { requests: fmtInt(now.requests), prompt: fmtInt(now.prompt), output: fmtInt(now.output), 'prompt per request': fmtInt(perNow) } },
          ...cells.map(cellAggregate),
        ],
        arithmetic: [
          said('engine.tips.bloat.formulaRise', {
            thenPrompt: fmtInt(then.prompt),
            thenRequests: fmtInt(then.requests),
            nowPrompt: fmtInt(now.prompt),
            nowRequests: fmtInt(now.requests),
            rise: (perReqRise * 100).toFixed(1),
            threshold: String(BLOAT_MIN_RISE * 100),
          }),
          said('engine.tips.bloat.formulaWhatIf', { thenPrompt: fmtInt(then.prompt), nowRequests: fmtInt(now.requests), nowPrompt: fmtInt(now.prompt), thenRequests: fmtInt(then.requests) }),
        ],
        assumptions: [said('engine.tips.bloat.assume', { previous: { month: input.previous.id } })],
      });
    }
    return out;
  },
};
