/**
 * Rule 1, prompt caching: a cache-capable model (the book has a cache-read price below its input price)
 * with a large uncached input and a low cache-read share. What-if: half of the prompt tokens are served
 * from cache; where the vendor charges cache writes, one write per ten reads.
 */
import type { Candidate, TipRule } from '../types';
import { BOOK_PRICES, cellAggregate, entryOf, fmtInt, promptTokens, share, who } from './util';
import { said } from '../../../i18n/said';

export const CACHING_MIN_INPUT = 1_000_000;
export const CACHING_MAX_SHARE = 0.2;
export const CACHING_TARGET_SHARE = 0.5;
/** Below this prompt size per request a vendor does not cache (Anthropic/OpenAI: 1,024 tokens). */
export const CACHING_MIN_PROMPT_PER_REQUEST = 1024;

export const cachingRule: TipRule = {
  id: 'caching',
  title: 'Prompt caching',
  detect(input) {
    const out: Candidate[] = [];
    for (const cell of input.cells) {
      const t = cell.tokens;
      const prompt = promptTokens(t);
      if (t.input < CACHING_MIN_INPUT || prompt === 0) continue;
      if (t.cache_read / prompt >= CACHING_MAX_SHARE) continue;
      if (cell.requests > 0 && prompt / cell.requests < CACHING_MIN_PROMPT_PER_REQUEST) continue;
      const e = entryOf(input, cell);
      const inP = e?.prices.input;
      const crP = e?.prices.cache_read;
      if (!e || !inP || !crP || Number(crP) >= Number(inP)) continue;
      const withWrites = e.prices.cache_write_5m !== undefined;
      out.push({
        id: `caching:${cell.key}`,
        rule: 'caching',
        title: said('engine.tips.caching.title', { model: cell.model ?? '?', who: who(cell) }),
        summary: said('engine.tips.caching.summary', { input: t.input, share: share(t.cache_read, prompt), cacheRead: crP, inputPrice: inP, currency: e.currency }),
        cellKeys: [cell.key],
        transform: (_c, parts) =>
          parts.map((p) => {
            const pr = promptTokens(p.tokens);
            const moved = Math.min(p.tokens.input, Math.max(0, Math.floor(pr * CACHING_TARGET_SHARE) - p.tokens.cache_read));
            const writes = withWrites ? Math.floor(moved / 11) : 0;
            return {
              ...p,
              tokens: {
                ...p.tokens,
                input: p.tokens.input - moved,
                cache_read: p.tokens.cache_read + moved - writes,
                cache_write_5m: p.tokens.cache_write_5m + writes,
              },
            };
          }),
        aggregates: [cellAggregate(cell)],
        arithmetic: [
          said(withWrites ? 'engine.tips.caching.formulaWrites' : 'engine.tips.caching.formula', {
            prompt: fmtInt(prompt),
            target: String(CACHING_TARGET_SHARE * 100),
            moved: fmtInt(Math.max(0, Math.floor(prompt * CACHING_TARGET_SHARE) - t.cache_read)),
            inputPrice: String(inP),
            readPrice: String(crP),
            ...(withWrites ? { writePrice: String(e.prices.cache_write_5m) } : {}),
          }),
        ],
        assumptions: [
          said('engine.tips.caching.assumeShare', { target: { share: CACHING_TARGET_SHARE } }),
          ...(withWrites ? [said('engine.tips.caching.assumeWrites')] : []),
          BOOK_PRICES,
        ],
      });
    }
    return out;
  },
};
