/**
 * Rule 1, prompt caching: a cache-capable model (the book has a cache-read price below its input price)
 * with a large uncached input and a low cache-read share. What-if: half of the prompt tokens are served
 * from cache; where the vendor charges cache writes, one write per ten reads.
 */
import type { Candidate, TipRule } from '../types';
import { cellAggregate, entryOf, fmtInt, pct, promptTokens, who } from './util';

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
        title: `Cache the repeated prompt of ${cell.model} (${who(cell)})`,
        summary: `${fmtInt(t.input)} uncached input tokens and a cache-read share of ${pct(t.cache_read, prompt)} on a model that reads cache at ${crP} vs ${inP} ${e.currency}/M.`,
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
          `prompt tokens ${fmtInt(prompt)}; target cache-read share ${CACHING_TARGET_SHARE * 100}% -> up to ${fmtInt(Math.max(0, Math.floor(prompt * CACHING_TARGET_SHARE) - t.cache_read))} tokens move from input (${inP}/M) to cache reads (${crP}/M)` +
            (withWrites ? `, 1 in 11 of them written to cache at ${e.prices.cache_write_5m}/M` : ''),
        ],
        assumptions: [
          `${CACHING_TARGET_SHARE * 100}% of prompt tokens can be served from cache (a stable system prompt, tools and context first).`,
          ...(withWrites ? ['One cache write per ten cache reads (a 5-minute cache kept warm).'] : []),
          'Priced at the book price in force on each day of the period.',
        ],
      });
    }
    return out;
  },
};
